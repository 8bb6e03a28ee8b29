// Account emails: invitations, password resets and two-factor resets, and the one-time links they carry.
// Nothing is delivered: messages land in the outbox, where tests (and the control plane) read them.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { generateSecret } from "otplib";
import { hashSecret } from "../../auth/passwords.js";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import { DomainError } from "../errors.js";
import { OrgStore } from "../orgs/store.js";
import { OutboxStore } from "../outbox/store.js";
import { AccountLinkStore } from "./account-store.js";
import type { UserService } from "./service.js";
import { checkPassword } from "./rules.js";
import { UserStore, type UserWithOrg } from "./store.js";

const LINK_TTL_MS = 7 * 86_400_000;
const linkInvalid = () => new DomainError("LINK_INVALID", "The link is unknown, used or expired");

export class AccountService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly users: UserService,
    private readonly passwordCost: number,
  ) {}

  private async link(trx: Kysely<Database>, user: UserWithOrg, kind: "INVITATION" | "PASSWORD_RESET"): Promise<string> {
    const token = randomBytes(24).toString("base64url");
    await new AccountLinkStore(trx).insert({ token, tenant_uid: user.tenant_uid, user_uid: user.user_uid, kind, expires_at: new Date(this.clock.now() + LINK_TTL_MS).toISOString(), used_at: null });
    return `/api/v3/users/complete-link?token=${token}`;
  }

  /** Seed "Users reference": invited users are on the Invited tab until they first sign in, and stay `invited` after. */
  async invite(caller: Principal, orgUid: string, emails: string[], subject?: string, message?: string): Promise<UserWithOrg[]> {
    const created = await this.users.createMany(caller, orgUid, emails.map((email) => ({ username: email, email, invited: true })));
    const now = this.clock.isoNow();
    await this.db.transaction().execute(async (trx) => {
      for (const user of created) {
        const link = await this.link(trx, user, "INVITATION");
        await new OutboxStore(trx).send(
          user.tenant_uid,
          { kind: "INVITATION", to: user.email ?? user.username, subject: subject ?? "You're invited to Code42", body: `${message ?? "An administrator invited you to Code42."}\nSet your password: ${link}`, link },
          now,
        );
      }
    });
    return created;
  }

  /** Seed: users of orgs whose client visibility is Hidden (here or above) receive no reset email. */
  async resetPassword(caller: Principal, userUid: string): Promise<void> {
    const user = await this.users.administeredUser(caller, { userUid });
    const now = this.clock.isoNow();
    const hidden = await this.hiddenOrg(user.tenant_uid, user.org_id);
    await this.db.transaction().execute(async (trx) => {
      await new UserStore(trx).update(user.user_id, { password_reset: 1 }, now);
      if (hidden) return;
      const link = await this.link(trx, user, "PASSWORD_RESET");
      await new OutboxStore(trx).send(user.tenant_uid, { kind: "PASSWORD_RESET", to: user.email ?? user.username, subject: "Reset your Code42 password", body: `Reset your password: ${link}`, link }, now);
    });
  }

  /** Seed: invalidates the TOTP secret; the user enrolls a new one (the email carries it, as a setup link would). */
  async resetTwoFactor(caller: Principal, userUid: string): Promise<void> {
    const user = await this.users.administeredUser(caller, { userUid });
    if (!user.totp_secret) return;
    const secret = generateSecret();
    const now = this.clock.isoNow();
    const link = `otpauth://totp/Code42:${encodeURIComponent(user.username)}?secret=${secret}&issuer=Code42`;
    await this.db.transaction().execute(async (trx) => {
      await new UserStore(trx).update(user.user_id, { totp_secret: secret }, now);
      await new OutboxStore(trx).send(user.tenant_uid, { kind: "TWO_FACTOR_RESET", to: user.email ?? user.username, subject: "Set up two-factor authentication again", body: `Add this account to your authenticator: ${link}`, link }, now);
    });
  }

  /** Following an emailed link: set a password, which ends the invitation or the reset. */
  async completeLink(token: string, password: string): Promise<void> {
    const hash = await hashSecret(checkPassword(password), this.passwordCost);
    const now = this.clock.isoNow();
    await this.db.transaction().execute(async (trx) => {
      const links = new AccountLinkStore(trx);
      const link = await links.byToken(token);
      if (!link || link.used_at || link.expires_at < now) throw linkInvalid();
      const user = await new UserStore(trx).byUid(link.tenant_uid, link.user_uid);
      if (!user) throw linkInvalid();
      await new UserStore(trx).update(user.user_id, { password_hash: hash, password_reset: 0 }, now);
      await links.markUsed(token, now);
    });
  }

  private async hiddenOrg(tenantUid: string, orgId: number): Promise<boolean> {
    const orgs = new OrgStore(this.db);
    let id: number | null = orgId;
    while (id !== null) {
      const org = await orgs.byId(tenantUid, id);
      if (!org) return false;
      if (org.client_visibility === "HIDDEN") return true;
      id = org.parent_org_id;
    }
    return false;
  }
}

// Queries behind sign-in and caller resolution.
import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { record } from "../domains/auditlog/recorder.js";

/** Why a sign-in was refused for a user, as the audit log records it. */
export type SignInFailure = "INVALID_CREDENTIALS" | "USER_INACTIVE" | "TIME_BASED_ONE_TIME_PASSWORD_INVALID" | "ACCOUNT_LOCKED";

export class AuthStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Users of every tenant with this username (case-insensitive): sign-in does not know the tenant yet. */
  signInCandidates(username: string) {
    return this.db
      .selectFrom("users")
      .select(["user_id", "tenant_uid", "user_uid", "org_id", "password_hash", "totp_secret", "totp_last_step", "active", "blocked"])
      .where("username", "=", username)
      .orderBy("user_id")
      .execute();
  }

  loginTypeOf(username: string) {
    return this.db
      .selectFrom("users")
      .select(["totp_secret", "password_hash"])
      .where("username", "=", username)
      .orderBy("user_id")
      .executeTakeFirst();
  }

  /** Takes a two-factor code's time step as used; false if a sign-in took it (or a later one) first. */
  async useTotpStep(userId: number, step: number): Promise<boolean> {
    const res = await this.db
      .updateTable("users")
      .set({ totp_last_step: step })
      .where("user_id", "=", userId)
      .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
      .executeTakeFirst();
    return res.numUpdatedRows > 0n;
  }

  /** The first sign-in takes an invited user off the console's Invited tab; `invited` itself stays (how they came). */
  async recordSignIn(user: { user_id: number; user_uid: string; tenant_uid: string }, username: string, at: string) {
    await this.db.updateTable("users").set({ last_login_date: at }).where("user_id", "=", user.user_id).execute();
    await record(this.db, { tenantUid: user.tenant_uid, actor: { id: user.user_uid, name: username, type: "USER" }, type: "audit_log::logged_in/1", at, resourceId: user.user_uid });
  }

  /**
   * A refused sign-in, in the audit log of each tenant whose user it was refused for (an unknown username belongs to
   * no tenant and leaves no trail), with why: the reason is for the tenant's admins, never for the caller.
   */
  async recordSignInFailure(refused: { user: { user_uid: string; tenant_uid: string }; reason: SignInFailure }[], username: string, at: string) {
    for (const { user, reason } of refused)
      await record(this.db, { tenantUid: user.tenant_uid, actor: { id: user.user_uid, name: username, type: "USER" }, type: "audit_log::login_failed/1", at, resourceId: user.user_uid, details: { reason } });
  }

  /**
   * The caller behind a user token, if they may still act: present, active, not blocked, and no org above them
   * (their own included) blocked or deactivated.
   */
  async activeUser(tenantUid: string, userUid: string) {
    const user = await this.db
      .selectFrom("users")
      .select(["user_id", "user_uid", "username", "org_id", "tenant_uid"])
      .where("tenant_uid", "=", tenantUid)
      .where("user_uid", "=", userUid)
      .where("active", "=", 1)
      .where("blocked", "=", 0)
      .executeTakeFirst();
    if (!user || !(await this.orgChainOpen(user.org_id))) return null;
    const roles = await this.db.selectFrom("user_roles").select("role_id").where("user_id", "=", user.user_id).execute();
    return { ...user, roles: roles.map((r) => r.role_id) };
  }

  /** Whether an org and all its ancestors are active and unblocked. */
  async orgChainOpen(orgId: number): Promise<boolean> {
    const { rows } = await sql<{ closed: number }>`
      with recursive chain(org_id, parent_org_id, active, blocked) as (
        select org_id, parent_org_id, active, blocked from orgs where org_id = ${orgId}
        union all
        select o.org_id, o.parent_org_id, o.active, o.blocked from orgs o join chain c on o.org_id = c.parent_org_id
      ) select count(*) as closed from chain where active = 0 or blocked = 1`.execute(this.db);
    return Number(rows[0]?.closed ?? 1) === 0;
  }

  apiClient(clientId: string, tenantUid?: string) {
    let q = this.db.selectFrom("api_clients").selectAll().where("client_id", "=", clientId);
    if (tenantUid) q = q.where("tenant_uid", "=", tenantUid);
    return q.executeTakeFirst();
  }
}

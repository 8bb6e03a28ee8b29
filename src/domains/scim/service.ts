// SCIM provisioning rules on the Code42 side: users live in the provider's org, usernames are unique per tenant,
// active:false and DELETE deactivate (no hard delete), provisioning a disabled user creates an active one.
import type { Kysely } from "kysely";
import { verifySecret } from "../../auth/passwords.js";
import type { BasicCredentials } from "../../auth/basic.js";
import type { Clock } from "../../clock.js";
import type { Database, ScimProvidersTable } from "../../db/schema.js";
import { ApiError } from "../../http/errors.js";
import { activeLegalHold, inActiveLegalHold } from "../legalhold/holds.js";
import { deactivateDevicesOf } from "../devices/registration.js";
import { DeviceStore } from "../devices/store.js";
import type { UserService } from "../users/service.js";
import { UserStore, type UserPatch, type UserWithOrg } from "../users/store.js";
import { invalidValue, scimError, scimNotFound, uniqueness } from "./errors.js";
import { parseFilter, type Comparison } from "./filter.js";
import type { ScimFields } from "./resource.js";

export type Provider = ScimProvidersTable;
const unauthorized = () => new ApiError(401, "UNAUTHORIZED", "The provider's credentials are missing or wrong");

export class ScimService {
  private readonly users: UserStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly userService: UserService,
  ) {
    this.users = new UserStore(db);
  }

  /** The provider named in the path, if the request carries its bearer token or Basic credentials. */
  async authenticate(providerId: string, bearer: string | null, basic: BasicCredentials | null): Promise<Provider> {
    const p = await this.db.selectFrom("scim_providers").selectAll().where("provider_id", "=", providerId).executeTakeFirst();
    if (!p) throw scimNotFound("SCIM provider");
    const ok =
      p.auth_type === "BEARER"
        ? bearer !== null && (await verifySecret(bearer, p.secret_hash))
        : basic !== null && basic.name === p.basic_username && (await verifySecret(basic.secret, p.secret_hash));
    if (!ok) throw unauthorized();
    return p;
  }

  private async find(p: Provider, id: string): Promise<UserWithOrg> {
    const u = await this.users.byUid(p.tenant_uid, id);
    if (!u) throw scimNotFound(`User ${id}`);
    return u;
  }

  get(p: Provider, id: string) {
    return this.find(p, id);
  }

  /** startIndex is 1-based; the filter narrows with eq comparisons joined by and. */
  async list(p: Provider, filter: string | undefined, startIndex: number, count: number) {
    const comparisons = filter ? parseFilter(filter) : [];
    let q = this.db.selectFrom("users as u").select("u.user_id").where("u.tenant_uid", "=", p.tenant_uid);
    for (const c of comparisons) {
      const [column, value] = this.comparison(c);
      q = q.where(column, "=", value as never);
    }
    const ids = (await q.orderBy("u.user_id").execute()).map((r) => r.user_id);
    const page = ids.slice(startIndex - 1, startIndex - 1 + count);
    const users = await Promise.all(page.map(async (id) => (await this.users.byId(p.tenant_uid, id))!));
    return { totalResults: ids.length, users };
  }

  /** The column and value a filter comparison tests. */
  private comparison(c: Comparison): ["u.username" | "u.user_ext_ref" | "u.user_uid" | "u.email" | "u.active", string | number] {
    const s = typeof c.value === "string" ? c.value : String(c.value);
    switch (c.attribute) {
      case "username":
        return ["u.username", s];
      case "externalid":
        return ["u.user_ext_ref", s];
      case "id":
        return ["u.user_uid", s];
      case 'emails[type eq "work"].value':
      case "emails.value":
      case "emails":
        return ["u.email", s];
      case "active":
        return ["u.active", c.value === true ? 1 : 0];
      default:
        throw scimError(400, `Filtering on ${c.attribute} is not supported`, "invalidFilter");
    }
  }

  /** POST: a new Code42 user in the provider's org, active whatever the IdP says (Code42's provisioning rule). */
  async create(p: Provider, f: ScimFields): Promise<UserWithOrg> {
    const org = await this.db.selectFrom("orgs").select("org_uid").where("org_id", "=", p.org_id).executeTakeFirstOrThrow();
    let user: UserWithOrg;
    try {
      user = await this.userService.provision(p.tenant_uid, {
        orgUid: org.org_uid,
        username: f.userName!,
        email: f.email ?? null,
        firstName: f.givenName ?? null,
        lastName: f.familyName ?? null,
        userExtRef: f.externalId ?? null,
      });
    } catch (e) {
      throw this.asScim(e);
    }
    await this.save(p, user, { ...f, active: true, userName: undefined, email: undefined, givenName: undefined, familyName: undefined, externalId: undefined });
    return this.find(p, user.user_uid);
  }

  /** PUT replaces every field; PATCH only those it names. */
  async update(p: Provider, id: string, f: ScimFields): Promise<UserWithOrg> {
    const user = await this.find(p, id);
    await this.save(p, user, f);
    return this.find(p, id);
  }

  /** DELETE deactivates: Code42 keeps the user (and their archives), as its provisioning docs describe. */
  async remove(p: Provider, id: string): Promise<void> {
    await this.save(p, await this.find(p, id), { active: false });
  }

  private async save(p: Provider, user: UserWithOrg, f: ScimFields): Promise<void> {
    const patch: UserPatch = {};
    const set = <K extends keyof UserPatch>(key: K, v: UserPatch[K] | undefined) => {
      if (v !== undefined) patch[key] = v;
    };
    if (f.userName !== undefined) {
      const username = f.userName.trim();
      if (!username || /\s/.test(username)) throw invalidValue(`Invalid userName: ${f.userName}`);
      if (await this.users.usernameTaken(p.tenant_uid, username, user.user_id)) throw uniqueness(`userName ${username} is already taken`);
      patch.username = username;
    }
    if (f.email !== undefined && f.email !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(f.email)) throw invalidValue(`Invalid email: ${f.email}`);
    set("email", f.email);
    set("user_ext_ref", f.externalId);
    set("first_name", f.givenName);
    set("last_name", f.familyName);
    set("title", f.title);
    set("city", f.city);
    set("state", f.state);
    set("country", f.country);
    set("department", f.department);
    set("division", f.division);
    set("cost_center", f.costCenter);
    set("organization", f.organization);
    set("employment_type", f.employeeType);
    if (f.manager !== undefined) {
      const manager = f.manager === null ? undefined : await this.users.byUid(p.tenant_uid, f.manager);
      patch.manager_uid = f.manager;
      patch.manager_username = manager?.username ?? null;
      patch.manager_display_name = manager?.display_name ?? null;
    }
    const deactivating = f.active === false && user.active === 1;
    if (deactivating && (await inActiveLegalHold(this.db, user.tenant_uid, user.user_uid))) throw scimError(400, activeLegalHold(`user ${user.user_uid}`).message, "mutability");
    if (f.active !== undefined) patch.active = f.active ? 1 : 0;
    await this.db.transaction().execute(async (trx) => {
      await new UserStore(trx).update(user.user_id, patch, this.clock.isoNow());
      if (deactivating) await deactivateDevicesOf(new DeviceStore(trx), user.user_id, this.clock.now());
    });
  }

  async roleHolders(p: Provider, roleId: string) {
    return this.db
      .selectFrom("user_roles as r")
      .innerJoin("users as u", "u.user_id", "r.user_id")
      .select(["u.user_uid", "u.username"])
      .where("r.tenant_uid", "=", p.tenant_uid)
      .where("r.role_id", "=", roleId)
      .orderBy("u.user_id")
      .execute();
  }

  /** Group membership is the role: adding a member grants it, removing one takes it away. */
  async setRole(p: Provider, userUids: string[], roleId: string, grant: boolean): Promise<void> {
    const now = this.clock.isoNow();
    await this.db.transaction().execute(async (trx) => {
      const store = new UserStore(trx);
      for (const uid of userUids) {
        const u = await store.byUid(p.tenant_uid, uid);
        if (!u) throw scimNotFound(`User ${uid}`);
        const current = await store.roleIds(u.user_id);
        await store.setRoles(p.tenant_uid, u.user_id, grant ? [...new Set([...current, roleId])] : current.filter((r) => r !== roleId), now);
      }
    });
  }

  private asScim(e: unknown): unknown {
    if (!(e instanceof ApiError)) return e;
    if (e.code === "USER_DUPLICATE") return uniqueness(e.message);
    if (e.code === "EMAIL_INVALID" || e.code === "INVALID_USERNAME") return invalidValue(e.message);
    return e;
  }
}

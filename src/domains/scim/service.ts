// SCIM provisioning rules on the Code42 side: users live in the provider's org, usernames are unique per tenant, a
// provider sees and changes only the users it provisioned, provisioning a disabled user creates an active one, and
// active:false and DELETE deprovision (deprovisioning.ts) rather than remove: Code42 keeps users and their archives.
import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { verifySecret } from "../../auth/passwords.js";
import type { BasicCredentials } from "../../auth/basic.js";
import type { Clock } from "../../clock.js";
import { dialectOf, isPostgres } from "../../db/dialect.js";
import type { ChangeCounter } from "../../db/open.js";
import { PageBoundaries } from "../../db/page-boundaries.js";
import { UntilChange } from "../../db/until-change.js";
import type { Database, UsersTable } from "../../db/schema.js";
import type { Provider } from "./providers.js";
import { activeLegalHold, inActiveLegalHold } from "../legalhold/holds.js";
import type { UserService } from "../users/service.js";
import { UserStore, type UserPatch, type UserWithOrg } from "../users/store.js";
import { deprovisioning, scimActive } from "./deprovisioning.js";
import { actorOf, record } from "../auditlog/recorder.js";
import { DomainError } from "../errors.js";
import { checkEmail, checkUsername, duplicateUsername } from "../users/rules.js";
import { filterSql, type FilterAttributes, type FilterSql } from "./filter.js";
import { ScimStore, type ScimUser } from "./store.js";
import { jsonTextsOf, type Projection } from "../../projection.js";

const unauthorized = () => new DomainError("UNAUTHENTICATED", "The provider's credentials are missing or wrong");

/** A user is the provider's while it provisioned them and has not deleted them. */
const ownedBy = (p: Provider, u: Pick<UsersTable, "scim_provider_id" | "scim_deleted_at">) => u.scim_provider_id === p.provider_id && u.scim_deleted_at === null;

/** The User attributes a filter may test, and where each is kept (users as u). */
const USER_FILTER_ATTRIBUTES: FilterAttributes = {
  id: { column: "u.user_uid", type: "string", caseExact: true },
  externalid: { column: "u.user_ext_ref", type: "string", caseExact: true },
  username: { column: "u.username", type: "string" },
  displayname: { column: "u.display_name", type: "string" },
  "name.givenname": { column: "u.first_name", type: "string" },
  "name.familyname": { column: "u.last_name", type: "string" },
  "name.formatted": { column: "u.display_name", type: "string" },
  emails: { column: "u.email", type: "string" },
  "emails.value": { column: "u.email", type: "string" },
  title: { column: "u.title", type: "string" },
  // As presented: a blocked user (deprovisioning, or the console) is not active.
  active: { column: sql`(u.active = 1 and u.blocked = 0)`, type: "boolean" },
  addresses: { column: sql`coalesce(u.street_address, u.city, u.state, u.postal_code, u.country)`, type: "string" },
  "addresses.streetaddress": { column: "u.street_address", type: "string" },
  "addresses.locality": { column: "u.city", type: "string" },
  "addresses.region": { column: "u.state", type: "string" },
  "addresses.postalcode": { column: "u.postal_code", type: "string" },
  "addresses.country": { column: "u.country", type: "string" },
  department: { column: "u.department", type: "string" },
  division: { column: "u.division", type: "string" },
  costcenter: { column: "u.cost_center", type: "string" },
  organization: { column: "u.organization", type: "string" },
  employeetype: { column: "u.employment_type", type: "string" },
  "manager.value": { column: "u.manager_uid", type: "string", caseExact: true },
  "meta.created": { column: "u.creation_date", type: "dateTime" },
  "meta.lastmodified": { column: "u.modification_date", type: "dateTime" },
};

/** What SCIM can set on a Code42 user; null clears, undefined leaves as is. */
export interface ScimFields {
  userName?: string;
  externalId?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  email?: string | null;
  active?: boolean;
  title?: string | null;
  streetAddress?: string | null;
  city?: string | null;
  postalCode?: string | null;
  state?: string | null;
  country?: string | null;
  department?: string | null;
  division?: string | null;
  costCenter?: string | null;
  organization?: string | null;
  employeeType?: string | null;
  /** The manager's SCIM id (a userUid of the tenant, or the provider's own id for them). */
  manager?: string | null;
}

export class ScimService {
  private readonly users: UserStore;
  private readonly store: ScimStore;
  /** Provider and secret hash -> the SHA-256 of the secret that last passed against it. */
  private readonly verified = new Map<string, string>();

  // An identity provider reads its users page by page; counting them is most of a page's work, and true until a write.
  private readonly counts: UntilChange<number>;
  private readonly boundaries: PageBoundaries<number>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly userService: UserService,
    changes: ChangeCounter,
  ) {
    this.users = new UserStore(db);
    this.store = new ScimStore(db);
    this.counts = new UntilChange(changes);
    this.boundaries = new PageBoundaries(changes);
  }

  /** The provider named in the path, if the request carries its bearer token or Basic credentials. */
  async authenticate(providerId: string, bearer: string | null, basic: BasicCredentials | null): Promise<Provider> {
    const p = await this.store.provider(providerId);
    if (!p) throw new DomainError("PROVIDER_NOT_FOUND", "SCIM provider not found");
    const secret = p.auth_type === "BEARER" ? bearer : basic !== null && basic.name === p.basic_username ? basic.secret : null;
    if (secret === null) throw unauthorized();
    // A provider calls once per user it pushes: its secret is checked by scrypt once, then by a digest of what passed,
    // kept with the hash it passed against (a new secret for the provider is a new hash, so checked afresh).
    const key = `${p.provider_id}\u0000${p.secret_hash}`;
    const digest = createHash("sha256").update(secret).digest("base64");
    if (this.verified.get(key) === digest) return p;
    if (!(await verifySecret(secret, p.secret_hash))) throw unauthorized();
    this.verified.set(key, digest);
    return p;
  }

  /** One of the provider's users: those it provisioned and has not deleted. Any other id is not its to see. */
  private async find(p: Provider, id: string): Promise<UserWithOrg> {
    const u = await this.users.byUid(p.tenant_uid, id);
    if (!u || !ownedBy(p, u)) throw new DomainError("USER_NOT_FOUND", `User ${id} not found`);
    return u;
  }

  get(p: Provider, id: string) {
    return this.find(p, id);
  }

  /** The provider's users (startIndex is 1-based), narrowed by a filter of RFC 7644 §3.4.2.2. */
  async list(p: Provider, filter: string | undefined, startIndex: number, count: number) {
    const { totalResults, rows } = await this.paged(p, filter, startIndex, count, (where, from, skip, limit) => this.store.ownedPage(p, where, from, skip, limit));
    return { totalResults, users: rows };
  }

  /**
   * `list`, each user as `projection` writes them under the provider's Users URL `usersUrl`: by SQLite in the
   * page's query, or, on PostgreSQL, here, to the same bytes.
   */
  async listJson(p: Provider, filter: string | undefined, startIndex: number, count: number, projection: Projection<ScimUser>, usersUrl: string): Promise<{ totalResults: number; json: string[] }> {
    if (isPostgres(this.db)) {
      const { totalResults, users } = await this.list(p, filter, startIndex, count);
      return { totalResults, json: jsonTextsOf(projection, users.map((u) => ({ ...u, users_url: usersUrl }))) };
    }
    const { totalResults, rows } = await this.paged(p, filter, startIndex, count, (where, from, skip, limit) => this.store.ownedPageJson(p, where, from, skip, limit, projection, usersUrl));
    return { totalResults, json: rows.map((r) => r.json) };
  }

  /** The filter's count and a page of rows `read` reads, its boundaries kept under the filter (PageBoundaries). */
  private async paged<T extends { user_id: number }>(p: Provider, filter: string | undefined, startIndex: number, count: number, read: (where: FilterSql | undefined, from: number | null, skip: number, limit: number) => Promise<T[]>) {
    const search = JSON.stringify([p.tenant_uid, p.provider_id, filter]);
    const where = filter ? filterSql(filter, USER_FILTER_ATTRIBUTES, dialectOf(this.db)) : undefined;
    const [totalResults, rows] = await Promise.all([
      this.counts.through(search, () => this.store.ownedCount(p, where)),
      count === 0 ? [] : this.boundaries.page(search, startIndex - 1, count, (from, skip, limit) => read(where, from, skip, limit), (row) => row.user_id),
    ]);
    return { totalResults, rows };
  }

  /**
   * POST: a new Code42 user in the provider's org, active whatever the IdP says (Code42's provisioning rule). The
   * userName of a user this provider deleted provisions that user again: Code42 kept them, with their archives.
   */
  async create(p: Provider, f: ScimFields): Promise<UserWithOrg> {
    const userName = f.userName!.trim();
    const deleted = await this.store.deletedByUsername(p, userName);
    if (deleted) {
      await this.users.update((await this.users.byUid(p.tenant_uid, deleted))!.user_id, { scim_deleted_at: null }, this.clock.isoNow());
      await this.save(p, await this.find(p, deleted), { ...f, active: true });
      await this.audit(p, "provisioned", deleted);
      return this.find(p, deleted);
    }
    const user = await this.userService.provision(p.tenant_uid, {
      orgUid: await this.store.orgUidOf(p.org_id),
      username: userName,
      email: f.email ?? null,
      firstName: f.givenName ?? null,
      lastName: f.familyName ?? null,
      userExtRef: f.externalId ?? null,
    });
    await this.users.update(user.user_id, { scim_provider_id: p.provider_id }, this.clock.isoNow());
    await this.save(p, { ...user, scim_provider_id: p.provider_id }, { ...f, active: true, userName: undefined, email: undefined, givenName: undefined, familyName: undefined, externalId: undefined });
    await this.audit(p, "provisioned", user.user_uid);
    return this.find(p, user.user_uid);
  }

  /** PUT replaces every field; PATCH gives the patched resource, so the same. */
  async update(p: Provider, id: string, f: ScimFields): Promise<UserWithOrg> {
    const user = await this.find(p, id);
    await this.save(p, user, f);
    await this.audit(p, f.active === false && scimActive(user) ? "deprovisioned" : "updated", id);
    return this.find(p, id);
  }

  /**
   * DELETE deprovisions: the user leaves the provider's view at once (a later GET is 404, RFC 7644 §3.6), is blocked,
   * and is deactivated when the grace period ends, as for active:false. Code42 keeps the user and their archives.
   */
  async remove(p: Provider, id: string): Promise<void> {
    const user = await this.find(p, id);
    await this.save(p, user, { active: false }, this.clock.isoNow());
    await this.audit(p, "deprovisioned", id);
  }

  /** A provider's push in the tenant's audit trail: the system's doing (no Code42 user or API client made it). */
  private audit(p: Provider, what: "provisioned" | "updated" | "deprovisioned", userUid: string): Promise<void> {
    return record(this.db, { tenantUid: p.tenant_uid, actor: actorOf(null), type: `audit_log::scim_user_${what}/1`, at: this.clock.isoNow(), resourceId: userUid, details: { scimProviderId: p.provider_id } });
  }

  private async save(p: Provider, user: UserWithOrg, f: ScimFields, deletedAt?: string): Promise<void> {
    const patch: UserPatch = {};
    const set = <K extends keyof UserPatch>(key: K, v: UserPatch[K] | undefined) => {
      if (v !== undefined) patch[key] = v;
    };
    if (f.userName !== undefined) {
      const username = checkUsername(f.userName);
      if (await this.users.usernameTaken(p.tenant_uid, username, user.user_id)) throw duplicateUsername(username);
      patch.username = username;
    }
    set("email", f.email === undefined ? undefined : checkEmail(f.email));
    set("user_ext_ref", f.externalId);
    set("first_name", f.givenName);
    set("last_name", f.familyName);
    set("title", f.title);
    set("street_address", f.streetAddress);
    set("city", f.city);
    set("postal_code", f.postalCode);
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
    if (deletedAt !== undefined) patch.scim_deleted_at = deletedAt;
    if (f.active === false && scimActive(user)) {
      if (await inActiveLegalHold(this.db, user.tenant_uid, user.user_uid)) throw activeLegalHold(`user ${user.user_uid}`);
      Object.assign(patch, deprovisioning(this.clock.now()));
    } else if (f.active === true && !scimActive(user)) Object.assign(patch, { active: 1, blocked: 0, deprovision_at: null } satisfies UserPatch);
    await this.users.update(user.user_id, patch, this.clock.isoNow());
  }
}

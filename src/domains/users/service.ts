// The rules of user administration: who may see and change whom, and what each change does.
import type { Kysely } from "kysely";
import { hashSecret } from "../../auth/passwords.js";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { ChangeCounter } from "../../db/open.js";
import { UntilChange } from "../../db/until-change.js";
import type { Database } from "../../db/schema.js";
import { clipped } from "../../http/errors.js";
import type { Writable } from "node:stream";
import { actorOf, record } from "../auditlog/recorder.js";
import { DomainError } from "../errors.js";
import { exportUsers } from "./export.js";
import { OrgStore } from "../orgs/store.js";
import type { IdGenerator } from "../../ids.js";
import type { Projection } from "../../projection.js";
import { requireAdmin, scopeOf, orgInScope, subtree, userInScope, type Scope } from "../access/scope.js";
import { DetectionLists } from "../detectionlists/rules.js";
import { deactivateDevicesOf } from "../devices/registration.js";
import { activeLegalHold, inActiveLegalHold } from "../legalhold/holds.js";
import { DetectionListStore } from "../detectionlists/store.js";
import { DESKTOP_USER, ROLE_CATALOGUE, findRole, type RoleDefinition } from "../roles/catalogue.js";
import { grantableRoles } from "../roles/grants.js";
import { checkEmail, checkPassword, checkUsername, duplicateUsername } from "./rules.js";
import type { operations } from "../../generated/openapi.js";
import { UserList, type ListedUser } from "./list-store.js";
import { newUserRow, UserStore, type UserFilter, type UserWithOrg } from "./store.js";

/** The body of POST /api/v1/User, as the spec defines it. */
export type NewUserRequest = operations["createUser"]["requestBody"]["content"]["application/json"];
/** The body of PUT /api/v1/User/{id}, as the spec defines it. */
export type UserChanges = operations["updateUser"]["requestBody"]["content"]["application/json"];

interface PreparedUser {
  orgId: number;
  username: string;
  email: string | null;
  passwordHash: string | null;
  req: NewUserRequest & { invited?: boolean };
}

/** One CSV line, already parsed: the request it makes and what is wrong with its shape. */
export interface ImportRow {
  line: number;
  request: NewUserRequest;
  problems: string[];
}

/** A row's outcome; a rejected row carries the refusal, which the wire words (its `reasons`). */
export type ImportResult =
  | { row: number; username: string; status: "CREATED"; userUid: string }
  | { row: number; username: string; status: "REJECTED"; refusal: DomainError };

export interface ListRequest extends Omit<UserFilter, "orgIds"> {
  orgUid?: string;
  incRoles: boolean;
  pgNum: number;
  pgSize: number;
}

/** A user, by numeric userId (the default) or by userUid (idType=uid). */
export type UserRef = { userId: number } | { userUid: string };

/** A user as the service answers one: the row, and the names of the roles they hold when those were asked for. */
export type UserRecord = ListedUser & { roleNames?: string[] };

/** A page of the users in reach, and how many there are in all. */
export interface UserPage {
  totalCount: number;
  users: UserRecord[];
}

/** A page as a wire's projection of its users wrote it (projection.ts): each user's JSON, and how many there are. */
export interface UserPageJson {
  totalCount: number;
  json: string[];
}

/** A role a user holds, and the date it is shown with: the user's creation date. */
export interface HeldRole {
  role: RoleDefinition;
  since: string;
}

/** What replacing a user's roles did: the roles they now hold, those it granted and those it took away. */
export interface RoleChange {
  roleIds: string[];
  granted: string[];
  removed: string[];
}

/** A role the caller may grant, and how many users of the tenant hold it. */
export interface GrantableRole {
  role: RoleDefinition;
  holders: number;
}

/**
 * CSV import rows written per transaction, each in its own savepoint. A transaction per row cost more than the row's
 * own writes; a whole upload in one would keep every other request waiting until it is done.
 */
const IMPORT_BATCH = 250;

type OrgRef = { org_id: number; org_uid: string };

const orgNotFound = (orgUid: string) => new DomainError("ORG_REFERENCE_INVALID", `Organization was not found: ${orgUid}`);
const userNotFound = () => new DomainError("USER_NOT_FOUND", "User not found");

export class UserService {
  private readonly users: UserStore;
  private readonly listed: UserList;
  /** Each tenant's number of holders of each role. */
  private readonly roleCounts: UntilChange<Map<string, number>>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly passwordCost: number,
    changes: ChangeCounter,
  ) {
    this.users = new UserStore(db);
    this.listed = new UserList(db, changes);
    this.roleCounts = new UntilChange(changes);
  }

  scope(caller: Principal): Promise<Scope> {
    return scopeOf(this.db, caller);
  }

  private async orgByUid(scope: Scope, orgUid: string): Promise<OrgRef> {
    const org = await new OrgStore(this.db).byUid(scope.tenantUid, orgUid);
    if (!org) throw orgNotFound(orgUid);
    return { org_id: org.org_id, org_uid: org.org_uid };
  }

  /** A user the caller may see; anyone else is "not found", as if they did not exist. */
  async find(scope: Scope, ref: UserRef): Promise<UserWithOrg> {
    const user = "userId" in ref ? await this.users.byId(scope.tenantUid, ref.userId) : await this.users.byUid(scope.tenantUid, ref.userUid);
    if (!user || !userInScope(scope, user)) throw userNotFound();
    return user;
  }

  /** A user the caller may see, with their roles' names when asked. */
  async get(caller: Principal, ref: UserRef, incRoles: boolean): Promise<UserRecord> {
    const user = await this.find(await this.scope(caller), ref);
    return incRoles ? { ...user, roleNames: (await this.users.roleIds(user.user_id)).map(roleName) } : user;
  }

  /** The Users list's CSV export of the users in reach (or of those named), written to `out` as it is read. */
  async exportCsv(caller: Principal, criteria: Omit<UserFilter, "orgIds"> & { orgUid?: string }, userUids: string[] | undefined, out: Writable): Promise<void> {
    const scope = await this.scope(caller);
    const filter = await this.filterFor(scope, criteria);
    await exportUsers(this.db, scope, { ...filter, ...(userUids ? { userUids } : {}) }, out, this.clock.now());
  }

  /** The store filter for a request: an org filter takes the org's children too. */
  async filterFor(scope: Scope, req: Omit<UserFilter, "orgIds"> & { orgUid?: string }): Promise<UserFilter> {
    const { orgUid, ...rest } = req;
    const filter: UserFilter = { ...rest };
    if (orgUid !== undefined) filter.orgIds = await subtree(this.db, scope.tenantUid, (await this.orgByUid(scope, orgUid)).org_id);
    return filter;
  }

  /** Where rows without an org go: the caller's own org (an API client's: the tenant's first root org). */
  async defaultOrgUid(caller: Principal): Promise<string> {
    const orgs = new OrgStore(this.db);
    const org = caller.kind === "user" ? await orgs.byId(caller.tenantUid, caller.orgId) : await orgs.firstRoot(caller.tenantUid);
    return org!.org_uid;
  }

  async list(caller: Principal, req: ListRequest): Promise<UserPage> {
    const scope = await this.scope(caller);
    const { incRoles: _i, pgNum: _n, pgSize: _s, ...criteria } = req;
    const filter = await this.filterFor(scope, criteria);
    const [rows, totalCount] = await Promise.all([this.listed.page(scope, filter, req.pgNum, req.pgSize), this.listed.count(scope, filter)]);
    const roles = req.incRoles ? await this.users.roleIdsOf(rows.map((r) => r.user_id)) : undefined;
    // The page's rows with their roles added, not copied (see riskprofiles/service.ts).
    return { totalCount, users: roles ? rows.map((r) => Object.assign(r, { roleNames: roles.get(r.user_id)!.map(roleName) })) : rows };
  }

  /** `list` without roles, each user written as `projection` shapes it. */
  async listJson(caller: Principal, req: Omit<ListRequest, "incRoles">, projection: Projection<ListedUser>): Promise<UserPageJson> {
    const scope = await this.scope(caller);
    const { pgNum, pgSize, ...criteria } = req;
    const filter = await this.filterFor(scope, criteria);
    const [json, totalCount] = await Promise.all([this.listed.pageJson(scope, filter, pgNum, pgSize, projection), this.listed.count(scope, filter)]);
    return { totalCount, json };
  }

  /**
   * Checks a new user's fields and org, and hashes the password: everything that can fail before writing. `orgs`
   * keeps the org lookups of one request whose rows repeat the same few orgs.
   */
  private async prepare(scope: Scope, req: NewUserRequest & { invited?: boolean }, orgs?: Map<string, Promise<OrgRef>>): Promise<PreparedUser> {
    let lookup = orgs?.get(req.orgUid);
    if (!lookup) {
      lookup = this.orgByUid(scope, req.orgUid);
      orgs?.set(req.orgUid, lookup);
    }
    const org = await lookup;
    if (!orgInScope(scope, org.org_id)) throw orgNotFound(req.orgUid);
    return {
      orgId: org.org_id,
      username: checkUsername(req.username),
      email: checkEmail(req.email),
      passwordHash: req.password ? await hashSecret(checkPassword(req.password), this.passwordCost) : null,
      req,
    };
  }

  /**
   * Writes a prepared user, with the Desktop User role and a detection-list profile, as the console does. `locked`:
   * the transaction holds the username's lock already (UserStore.lockUsernames).
   */
  private async insert(trx: Kysely<Database>, scope: Scope, p: PreparedUser, locked = false): Promise<{ userId: number; userUid: string }> {
    const users = new UserStore(trx);
    if (await users.usernameTaken(scope.tenantUid, p.username, undefined, locked)) throw duplicateUsername(p.username);
    const now = this.clock.isoNow();
    const userUid = this.ids.uid();
    const { req } = p;
    const id = await users.insert(
      newUserRow({
        tenant_uid: scope.tenantUid,
        user_uid: userUid,
        org_id: p.orgId,
        username: p.username,
        email: p.email,
        first_name: req.firstName ?? null,
        last_name: req.lastName ?? null,
        password_hash: p.passwordHash,
        invited: req.invited ? 1 : 0,
        notes: req.notes ?? null,
        user_ext_ref: req.userExtRef ?? null,
        quota_in_bytes: req.quotaInBytes ?? -1,
        creation_date: now,
      }),
    );
    await users.addRole(scope.tenantUid, id, DESKTOP_USER, now);
    const lists = new DetectionLists(new DetectionListStore(trx), this.clock);
    await lists.createProfile(scope.tenantUid, (await lists.store.user(scope.tenantUid, { userUid }))!);
    return { userId: id, userUid };
  }

  async create(caller: Principal, req: NewUserRequest): Promise<UserWithOrg> {
    const scope = await this.scope(caller);
    requireAdmin(scope);
    const prepared = await this.prepare(scope, req);
    const { userId } = await this.db.transaction().execute(async (trx) => {
      const made = await this.insert(trx, scope, prepared);
      await this.audit(trx, caller, "audit_log::user_created/1", { tenant_uid: scope.tenantUid, user_uid: made.userUid, username: prepared.username });
      return made;
    });
    return (await this.users.byId(scope.tenantUid, userId))!;
  }

  /** Adds a user for a source the tenant trusts (SCIM provisioning): no caller, the whole tenant in reach. */
  async provision(tenantUid: string, req: NewUserRequest): Promise<UserWithOrg> {
    const scope: Scope = { kind: "tenant", tenantUid };
    const prepared = await this.prepare(scope, req);
    const { userId } = await this.db.transaction().execute((trx) => this.insert(trx, scope, prepared));
    return (await this.users.byId(tenantUid, userId))!;
  }

  /** Adds several users in one transaction: all of them, or none (invitations). */
  async createMany(caller: Principal, orgUid: string, reqs: (Omit<NewUserRequest, "orgUid"> & { invited?: boolean })[]): Promise<UserWithOrg[]> {
    const scope = await this.scope(caller);
    requireAdmin(scope);
    const prepared = await Promise.all(reqs.map((r) => this.prepare(scope, { ...r, orgUid })));
    const ids = await this.db.transaction().execute(async (trx) => {
      // All the names first, in one order: one at a time, two invitations of the same names could deadlock.
      await new UserStore(trx).lockUsernames(scope.tenantUid, prepared.map((p) => p.username));
      const out: number[] = [];
      for (const p of prepared) out.push((await this.insert(trx, scope, p, true)).userId);
      return out;
    });
    return Promise.all(ids.map(async (id) => (await this.users.byId(scope.tenantUid, id))!));
  }

  /**
   * CSV import: each row is checked and written on its own, so a rejected row leaves nothing behind and does not
   * stop the others. Answers per-row results in file order. Rows are checked (and passwords hashed) a batch at a
   * time outside any transaction, then written in one transaction per batch, each row in a savepoint that a
   * rejection rolls back to. An unexpected error still keeps the rows before it, as a transaction per row did.
   */
  async importRows(caller: Principal, rows: ImportRow[]): Promise<ImportResult[]> {
    const scope = await this.scope(caller);
    requireAdmin(scope);
    const orgs = new Map<string, Promise<OrgRef>>();
    const results: ImportResult[] = [];
    const rejected = (row: ImportRow, e: unknown): ImportResult => {
      if (!(e instanceof DomainError)) throw e;
      return { row: row.line, username: clipped(row.request.username), status: "REJECTED", refusal: e };
    };
    for (let at = 0; at < rows.length; at += IMPORT_BATCH) {
      const batch = rows.slice(at, at + IMPORT_BATCH);
      const prepared = await Promise.allSettled(
        batch.map(async (row) => {
          if (row.problems.length) throw new DomainError("ROW_INVALID", row.problems.join("; "));
          return this.prepare(scope, row.request, orgs);
        }),
      );
      const trx = await this.db.startTransaction().execute();
      try {
        // The batch's names at once: a lock per row would cost a round trip per row on PostgreSQL.
        await new UserStore(trx).lockUsernames(scope.tenantUid, prepared.flatMap((p) => (p.status === "fulfilled" ? [p.value.username] : [])));
        for (const [i, row] of batch.entries()) {
          const p = prepared[i]!;
          if (p.status === "rejected") {
            results.push(rejected(row, p.reason));
            continue;
          }
          const savepoint = await trx.savepoint("row").execute();
          try {
            const { userUid } = await this.insert(savepoint, scope, p.value, true);
            results.push({ row: row.line, username: p.value.username, status: "CREATED", userUid });
          } catch (e) {
            await savepoint.rollbackToSavepoint("row").execute();
            results.push(rejected(row, e));
          } finally {
            await savepoint.releaseSavepoint("row").execute();
          }
        }
      } finally {
        await trx
          .commit()
          .execute()
          .catch(async (e: unknown) => {
            await trx.rollback().execute();
            throw e;
          });
      }
    }
    return results;
  }

  /** Null or absent fields stay as they are. An admin edits users in reach; anyone edits themselves. */
  async update(caller: Principal, ref: UserRef, changes: UserChanges): Promise<UserWithOrg> {
    const scope = await this.scope(caller);
    const user = await this.find(scope, ref);
    const selfOnly = scope.kind === "self";
    if (selfOnly && (changes.quotaInBytes != null || changes.notes != null || changes.userExtRef != null)) throw new DomainError("FORBIDDEN", "Only an administrator can change quota, notes or external reference");
    const username = changes.username != null ? checkUsername(changes.username) : undefined;
    const email = changes.email != null ? checkEmail(changes.email) : undefined;
    const passwordHash = changes.password != null ? await hashSecret(checkPassword(changes.password), this.passwordCost) : undefined;
    await this.db.transaction().execute(async (trx) => {
      const users = new UserStore(trx);
      if (username !== undefined && (await users.usernameTaken(scope.tenantUid, username, user.user_id))) throw duplicateUsername(username);
      const changed = Object.entries(changes).flatMap(([field, v]) => (v != null && field !== "password" ? [field] : []));
      await users.update(
        user.user_id,
        {
          ...(username !== undefined ? { username } : {}),
          ...(email !== undefined ? { email } : {}),
          ...(passwordHash !== undefined ? { password_hash: passwordHash, password_reset: 0 } : {}),
          ...(changes.firstName != null ? { first_name: changes.firstName } : {}),
          ...(changes.lastName != null ? { last_name: changes.lastName } : {}),
          ...(changes.notes != null ? { notes: changes.notes } : {}),
          ...(changes.userExtRef != null ? { user_ext_ref: changes.userExtRef } : {}),
          ...(changes.quotaInBytes != null ? { quota_in_bytes: changes.quotaInBytes } : {}),
        },
        this.clock.isoNow(),
      );
      await this.audit(trx, caller, "audit_log::user_updated/1", user, { changed: passwordHash !== undefined ? [...changed, "password"] : changed });
    });
    return (await this.users.byId(scope.tenantUid, user.user_id))!;
  }

  /** A user an admin may act on. */
  async administeredUser(caller: Principal, ref: UserRef): Promise<UserWithOrg> {
    return (await this.administered(caller, ref)).user;
  }

  /** An admin acting on a user in reach. */
  private async administered(caller: Principal, ref: UserRef) {
    const scope = await this.scope(caller);
    requireAdmin(scope);
    return { scope, user: await this.find(scope, ref) };
  }

  async setBlocked(caller: Principal, ref: UserRef, blocked: boolean): Promise<void> {
    const { user } = await this.administered(caller, ref);
    if (Boolean(user.blocked) === blocked) return;
    await this.db.transaction().execute(async (trx) => {
      await new UserStore(trx).update(user.user_id, { blocked: blocked ? 1 : 0 }, this.clock.isoNow());
      await this.audit(trx, caller, blocked ? "audit_log::user_blocked/1" : "audit_log::user_unblocked/1", user);
    });
  }

  /** The trail of a write to a user, in the write's transaction; the user as code42cli's columns read it (userId, userName). */
  private audit(trx: Kysely<Database>, caller: Principal, type: string, user: { tenant_uid: string; user_uid: string; username: string }, details: Record<string, unknown> = {}): Promise<void> {
    return record(trx, { tenantUid: user.tenant_uid, actor: actorOf(caller), type, at: this.clock.isoNow(), resourceId: user.user_uid, details: { userId: user.user_uid, userName: user.username, ...details } });
  }

  /**
   * Deactivation (optionally blocking too): refused while the user is an active custodian of an active legal
   * hold; otherwise the user's devices are deactivated and their archives go to cold storage (seed "Users
   * reference"). Reactivation (optionally unblocking) brings back the user, not the devices. Both idempotent.
   */
  async setActive(caller: Principal, ref: UserRef, active: boolean, alsoBlock: boolean | null): Promise<void> {
    const { user } = await this.administered(caller, ref);
    if (!active && (await inActiveLegalHold(this.db, user.tenant_uid, user.user_uid))) throw activeLegalHold(`the user with ID ${user.user_id}`);
    const patch: { active: 0 | 1; blocked?: 0 | 1 } = { active: active ? 1 : 0 };
    if (alsoBlock) patch.blocked = active ? 0 : 1;
    const now = this.clock.isoNow();
    await this.db.transaction().execute(async (trx) => {
      await new UserStore(trx).update(user.user_id, patch, now);
      if (!active && user.active) await deactivateDevicesOf(trx, user, this.clock.now());
      await this.audit(trx, caller, active ? "audit_log::user_reactivated/1" : "audit_log::user_deactivated/1", user, patch.blocked === undefined ? {} : { blocked: patch.blocked === 1 });
    });
  }

  /** Moves a user to another org in the caller's reach, named by its id (legacy wire) or its guid (gateway). */
  async move(caller: Principal, ref: UserRef, to: { orgId: number } | { orgGuid: string }): Promise<void> {
    const { scope, user } = await this.administered(caller, ref);
    const orgs = new OrgStore(this.db);
    const org = "orgId" in to ? await orgs.byId(scope.tenantUid, to.orgId) : await orgs.byGuid(scope.tenantUid, to.orgGuid);
    if (!org || !orgInScope(scope, org.org_id)) throw new DomainError("ORG_NOT_FOUND", `Organization ${"orgId" in to ? to.orgId : to.orgGuid} was not found`);
    await this.db.transaction().execute(async (trx) => {
      await new UserStore(trx).update(user.user_id, { org_id: org.org_id }, this.clock.isoNow());
      await this.audit(trx, caller, "audit_log::user_moved/1", user, { fromOrgUid: user.org_uid, toOrgUid: org.org_uid });
    });
  }

  async roles(caller: Principal, ref: UserRef): Promise<HeldRole[]> {
    const user = await this.find(await this.scope(caller), ref);
    const held = await this.users.roleIds(user.user_id);
    return held.map((id) => ({ role: roleOf(id), since: user.creation_date }));
  }

  /**
   * Replaces the user's roles. The roles it adds must be ones the caller may grant; keeping or removing any is fine.
   * Answers which roles the change granted and took away.
   */
  async setRoles(caller: Principal, ref: UserRef, roleIds: string[]): Promise<RoleChange> {
    const { scope, user } = await this.administered(caller, ref);
    const wanted = [...new Set(roleIds)];
    const unknown = wanted.filter((id) => !ROLE_CATALOGUE.some((r) => r.roleId === id));
    if (unknown.length) throw new DomainError("ROLE_REFERENCE_INVALID", `Unknown role ids: ${unknown.join(", ")}`);
    const current = await this.users.roleIds(user.user_id);
    const grantable = new Set(grantableRoles(caller, scope).map((r) => r.roleId));
    const notGrantable = wanted.filter((id) => !current.includes(id) && !grantable.has(id));
    if (notGrantable.length) throw new DomainError("FORBIDDEN", `An administrator can only grant roles it holds: ${notGrantable.join(", ")}`);
    const change = { roleIds: wanted, granted: wanted.filter((id) => !current.includes(id)), removed: current.filter((id) => !wanted.includes(id)) };
    await this.db.transaction().execute(async (trx) => {
      await new UserStore(trx).setRoles(scope.tenantUid, user.user_id, wanted, this.clock.isoNow());
      await this.audit(trx, caller, "audit_log::user_roles_changed/1", user, { granted: change.granted, removed: change.removed });
    });
    return change;
  }

  /** A role of the catalogue, by id. */
  role(roleId: string): RoleDefinition {
    const role = ROLE_CATALOGUE.find((r) => r.roleId === roleId);
    if (!role) throw new DomainError("ROLE_NOT_FOUND", `No role with the id ${clipped(roleId)}`);
    return role;
  }

  /** The roles the caller may grant (the gateway's role list). */
  async grantableRoles(caller: Principal): Promise<RoleDefinition[]> {
    return grantableRoles(caller, await this.scope(caller));
  }

  /** The console's Available Roles: those the caller may grant, each with how many users of the tenant hold it. */
  async availableRoles(caller: Principal): Promise<GrantableRole[]> {
    // Counting reads every role grant of the database: kept until the next write.
    const counts = await this.roleCounts.through(caller.tenantUid, () => this.users.roleCounts(caller.tenantUid));
    return (await this.grantableRoles(caller)).map((role) => ({ role, holders: counts.get(role.roleId) ?? 0 }));
  }
}

/** A held role by its stored id: one the catalogue does not know goes by its id and grants nothing. */
function roleOf(roleId: string): RoleDefinition {
  const known = findRole(roleId);
  return { roleId, roleName: known?.roleName ?? roleId, permissions: known?.permissions ?? [] };
}

const roleName = (id: string) => roleOf(id).roleName;

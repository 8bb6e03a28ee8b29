// SCIM groups in Code42 terms. Two kinds:
// - the roles: one group per role of the catalogue, fixed (they cannot be created, renamed or deleted); a member is
//   one of the provider's users holding the role, and adding or removing a member grants or takes the role away;
// - pushed groups (Okta's Push Groups, Entra's group provisioning): a named set of the provider's users that Code42
//   keeps for its org and role mapping rules; the provider creates, renames, fills and deletes them.
// A provider sees and changes only its own users as members; its pushed groups are its own.
import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import type { IdGenerator } from "../../ids.js";
import { ROLE_CATALOGUE } from "../roles/catalogue.js";
import { UserStore } from "../users/store.js";
import { DomainError } from "../errors.js";
import { ScimStore } from "./store.js";
import type { Provider } from "./providers.js";

export interface GroupMember {
  userUid: string;
  username: string;
}

export interface Group {
  id: string;
  displayName: string;
  externalId: string | null;
  /** A role of the catalogue, not a pushed group. */
  role: boolean;
  members: GroupMember[];
  created: string | null;
  lastModified: string | null;
}

/** What a POST or PUT says of a group; members by their SCIM id (the userUid). */
export interface GroupFields {
  displayName: string;
  externalId: string | null;
  members: string[];
}

export class ScimGroups {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {
    this.store = new ScimStore(db);
  }

  private readonly store: ScimStore;

  /** The provider's users holding each role, or in each pushed group, by group id. */
  private async membersOf(p: Provider): Promise<Map<string, GroupMember[]>> {
    const byGroup = new Map<string, GroupMember[]>();
    for (const { groupId, userUid, username } of await this.store.members(p)) {
      // Pushed onto the group's list: a copy of it for each member was quadratic in a role's holders.
      const members = byGroup.get(groupId);
      if (members) members.push({ userUid, username });
      else byGroup.set(groupId, [{ userUid, username }]);
    }
    return byGroup;
  }

  /** The roles first, in the catalogue's order, then the provider's pushed groups in the order they were made. */
  async list(p: Provider): Promise<Group[]> {
    const members = await this.membersOf(p);
    const pushed = await this.store.pushedGroups(p);
    return [
      ...ROLE_CATALOGUE.map((r): Group => ({ id: r.roleId, displayName: r.roleName, externalId: null, role: true, members: members.get(r.roleId) ?? [], created: null, lastModified: null })),
      ...pushed.map((g): Group => ({ id: g.group_id, displayName: g.display_name, externalId: g.external_id, role: false, members: members.get(g.group_id) ?? [], created: g.created_at, lastModified: g.modified_at })),
    ];
  }

  async get(p: Provider, id: string): Promise<Group> {
    const group = (await this.list(p)).find((g) => g.id === id);
    if (!group) throw new DomainError("GROUP_NOT_FOUND", `Group ${id} not found`);
    return group;
  }

  async create(p: Provider, f: GroupFields): Promise<Group> {
    await this.checkName(p, f.displayName);
    const userIds = await this.userIdsOf(p, f.members);
    const id = this.ids.uuid();
    const now = this.clock.isoNow();
    await this.db.transaction().execute((trx) => new ScimStore(trx).insertGroup(p, { groupId: id, displayName: f.displayName, externalId: f.externalId, userIds }, now));
    return this.get(p, id);
  }

  /** PUT, and a PATCHed group: its name and members become these. A role keeps its name. */
  async replace(p: Provider, id: string, f: GroupFields): Promise<Group> {
    const group = await this.get(p, id);
    if (group.role && f.displayName !== group.displayName) throw new DomainError("GROUP_FIXED", `${group.displayName} is a Code42 role: its name cannot change`);
    if (!group.role && f.displayName.toLowerCase() !== group.displayName.toLowerCase()) await this.checkName(p, f.displayName);
    const wanted = new Set(await this.userIdsOf(p, f.members));
    const current = await this.userIdsOf(p, group.members.map((m) => m.userUid));
    const now = this.clock.isoNow();
    await this.db.transaction().execute(async (trx) => {
      if (group.role) {
        const users = new UserStore(trx);
        for (const userId of new Set([...wanted, ...current])) {
          const held = await users.roleIds(userId);
          await users.setRoles(p.tenant_uid, userId, wanted.has(userId) ? [...new Set([...held, id])] : held.filter((r) => r !== id), now);
        }
        return;
      }
      await new ScimStore(trx).updateGroup(p, { groupId: id, displayName: f.displayName, externalId: f.externalId, userIds: [...wanted] }, now);
    });
    return this.get(p, id);
  }

  async remove(p: Provider, id: string): Promise<void> {
    const group = await this.get(p, id);
    if (group.role) throw new DomainError("GROUP_FIXED", `${group.displayName} is a Code42 role: it cannot be deleted`);
    await this.store.deleteGroup(id);
  }

  /** A group's name is unique among the roles and the provider's pushed groups, without regard to case. */
  private async checkName(p: Provider, displayName: string): Promise<void> {
    if (displayName.trim() === "") throw new DomainError("GROUP_NAME_INVALID", "displayName is required");
    const taken = (await this.list(p)).some((g) => g.displayName.toLowerCase() === displayName.toLowerCase());
    if (taken) throw new DomainError("GROUP_NAME_TAKEN", `A group named ${displayName} exists already`);
  }

  /** The user ids behind members' SCIM ids; each must be one of the provider's users. */
  private async userIdsOf(p: Provider, userUids: string[]): Promise<number[]> {
    const unique = [...new Set(userUids)];
    if (!unique.length) return [];
    const rows = await this.store.ownedByUid(p, unique);
    const missing = unique.filter((uid) => !rows.some((r) => r.user_uid === uid));
    if (missing.length) throw new DomainError("MEMBER_INVALID", `Not users of this provider: ${missing.join(", ")}`);
    return rows.map((r) => r.user_id);
  }
}

// The rules of organization administration: a hierarchy of any depth, admins acting inside their reach.
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { ChangeCounter } from "../../db/open.js";
import type { Database } from "../../db/schema.js";
import { UntilChange } from "../../db/until-change.js";
import { DomainError } from "../errors.js";
import type { IdGenerator } from "../../ids.js";
import { orgInScope, requireAdmin, scopeOf, type Scope } from "../access/scope.js";
import { newOrgRow, OrgStore, type OrgCounts, type OrgWithParent } from "./store.js";
import { orgUsage, type OrgUsage } from "./usage.js";

export interface OrgFields {
  orgName?: string | null;
  orgExtRef?: string | null;
  notes?: string | null;
}

/** An org by id, uid or guid. */
export type OrgRef = { orgId: number } | { orgUid: string } | { orgGuid: string };

/** A page of the orgs in reach, and how many there are in all. */
export interface OrgPage {
  totalCount: number;
  orgs: OrgWithParent[];
}

/** An org with what it holds (the gateway's OrgResponse answers them). */
export type CountedOrg = OrgWithParent & { counts: OrgCounts };

const NO_COUNTS: OrgCounts = { users: 0, computers: 0, orgs: 0 };

const orgNotFound = () => new DomainError("ORG_NOT_FOUND", "Organization not found");

export class OrgService {
  private readonly orgs: OrgStore;

  // Each org's counts group every user and device of the tenant; the org list shows them on every call.
  private readonly counts: UntilChange<Map<number, OrgCounts>>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    changes: ChangeCounter,
  ) {
    this.orgs = new OrgStore(db);
    this.counts = new UntilChange(changes);
  }

  private ownOrg = (caller: Principal) => (caller.kind === "user" ? caller.orgId : null);

  /** An org the caller may see: in reach for admins, their own for everyone else. */
  async find(caller: Principal, ref: OrgRef, scope?: Scope): Promise<OrgWithParent> {
    scope ??= await scopeOf(this.db, caller);
    const t = scope.tenantUid;
    const org = "orgId" in ref ? await this.orgs.byId(t, ref.orgId) : "orgUid" in ref ? await this.orgs.byUid(t, ref.orgUid) : await this.orgs.byGuid(t, ref.orgGuid);
    if (!org) throw orgNotFound();
    if (!(orgInScope(scope, org.org_id) || org.org_id === this.ownOrg(caller))) throw orgNotFound();
    return org;
  }

  async page(caller: Principal, pgNum: number, pgSize: number): Promise<OrgPage> {
    const scope = await scopeOf(this.db, caller);
    const own = this.ownOrg(caller);
    const [rows, totalCount] = await Promise.all([this.orgs.page(scope, own, pgNum, pgSize), this.orgs.count(scope, own)]);
    return { totalCount, orgs: rows };
  }

  /** Every org in reach (only the active or deactivated ones when `active` is given), with their counts. */
  async list(caller: Principal, filter: { active?: boolean }): Promise<CountedOrg[]> {
    const scope = await scopeOf(this.db, caller);
    const rows = await this.orgs.all(scope, this.ownOrg(caller), filter.active);
    return this.withCounts(scope.tenantUid, rows, scope.kind === "tenant" ? null : rows.map((o) => o.org_id));
  }

  /**
   * The usage of orgs the caller has already reached, each over its whole hierarchy, by org id: only of those the
   * caller administers (a user sees their own org, not what it holds).
   */
  async usage(caller: Principal, orgIds: readonly number[]): Promise<Map<number, OrgUsage>> {
    const scope = await scopeOf(this.db, caller);
    return orgUsage(this.db, this.clock, scope.tenantUid, orgIds.filter((id) => orgInScope(scope, id)));
  }

  /** An org the caller has already reached, with its counts. */
  async counted(org: OrgWithParent): Promise<CountedOrg> {
    return (await this.withCounts(org.tenant_uid, [org], [org.org_id]))[0]!;
  }

  private async withCounts(tenantUid: string, rows: OrgWithParent[], orgIds: readonly number[] | null): Promise<CountedOrg[]> {
    const counts = await this.counts.through(JSON.stringify([tenantUid, orgIds]), () => this.orgs.counts(tenantUid, orgIds));
    return rows.map((o) => ({ ...o, counts: counts.get(o.org_id) ?? NO_COUNTS }));
  }

  /** Creates an org under `parent`, or, when none is named, under the top of the caller's reach. */
  async create(caller: Principal, parent: OrgRef | null, fields: OrgFields): Promise<OrgWithParent> {
    const scope = await scopeOf(this.db, caller);
    requireAdmin(scope);
    const parentOrg = await this.find(caller, parent ?? (await this.topOfReach(caller, scope)), scope);
    if (!orgInScope(scope, parentOrg.org_id)) throw orgNotFound();
    const now = this.clock.isoNow();
    const orgId = await this.orgs.insert(
      newOrgRow({
        tenant_uid: scope.tenantUid,
        org_uid: this.ids.uid(),
        org_guid: this.ids.uuid(),
        org_name: fields.orgName!,
        org_ext_ref: fields.orgExtRef ?? null,
        notes: fields.notes ?? null,
        parent_org_id: parentOrg.org_id,
        type: parentOrg.type,
        classification: parentOrg.classification,
        registration_key: this.ids.registrationKey(),
        creation_date: now,
      }),
    );
    return (await this.orgs.byId(scope.tenantUid, orgId))!;
  }

  /** An org admin's own org; the tenant's first root org for everyone else. */
  private async topOfReach(caller: Principal, scope: Scope): Promise<OrgRef> {
    const own = this.ownOrg(caller);
    if (scope.kind === "orgs" && own !== null) return { orgId: own };
    return { orgId: (await this.orgs.firstRoot(scope.tenantUid)).org_id };
  }

  /** An admin acting on an org in reach. */
  private async administered(caller: Principal, ref: OrgRef) {
    const scope = await scopeOf(this.db, caller);
    requireAdmin(scope);
    const org = await this.find(caller, ref, scope);
    if (!orgInScope(scope, org.org_id)) throw orgNotFound();
    return org;
  }

  async update(caller: Principal, ref: OrgRef, fields: OrgFields): Promise<OrgWithParent> {
    const org = await this.administered(caller, ref);
    await this.orgs.update(
      org.org_id,
      {
        ...(fields.orgName != null ? { org_name: fields.orgName } : {}),
        ...(fields.orgExtRef != null ? { org_ext_ref: fields.orgExtRef } : {}),
        ...(fields.notes != null ? { notes: fields.notes } : {}),
      },
      this.clock.isoNow(),
    );
    return (await this.orgs.byId(org.tenant_uid, org.org_id))!;
  }

  async setBlocked(caller: Principal, ref: OrgRef, blocked: boolean): Promise<void> {
    const org = await this.administered(caller, ref);
    if (Boolean(org.blocked) !== blocked) await this.orgs.update(org.org_id, { blocked: blocked ? 1 : 0 }, this.clock.isoNow());
  }

  async setActive(caller: Principal, ref: OrgRef, active: boolean): Promise<void> {
    const org = await this.administered(caller, ref);
    if (Boolean(org.active) === active) return;
    const now = this.clock.isoNow();
    await this.orgs.update(org.org_id, { active: active ? 1 : 0, deactivation_date: active ? null : now }, now);
  }
}

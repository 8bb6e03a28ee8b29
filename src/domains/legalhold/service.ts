// The rules of legal holds: who may run them, matters and their custodians, and the event log they leave.
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { ChangeCounter } from "../../db/open.js";
import { PageBoundaries } from "../../db/page-boundaries.js";
import type { Database } from "../../db/schema.js";
import { actorOf, record } from "../auditlog/recorder.js";
import type { Projection } from "../../projection.js";
import { DomainError } from "../errors.js";
import type { IdGenerator } from "../../ids.js";
import { scopeOf, userInScope, type Scope } from "../access/scope.js";
import { CUSTOMER_CLOUD_ADMIN, ORG_ADMIN } from "../roles/catalogue.js";
import { UserStore } from "../users/store.js";
import { LegalHoldStore, WHOLE_TENANT, type ActiveState, type CreatorClientRow, type CreatorRow, type EventRow, type MatterFilter, type MatterRow, type MembershipFilter, type MembershipKey, type MembershipRow, type PolicyRow, type Reach } from "./store.js";

export const LEGAL_HOLD_ADMIN = "legal-hold-administrator";

export interface NewMatter {
  name: string;
  policyUid: string;
  description?: string | null;
  notes?: string | null;
  holdExtRef?: string | null;
}

/** A policy or matter with who created it: a user of the tenant (`creator`), an API client (`client`), or neither. */
export interface Created<T> {
  row: T;
  creator: CreatorRow | undefined;
  client: CreatorClientRow | undefined;
}
export type PolicyRecord = Created<PolicyRow>;
export type MatterRecord = Created<MatterRow>;

const NOT_FOUND = { Matter: "MATTER_NOT_FOUND", Policy: "POLICY_NOT_FOUND", Membership: "MEMBERSHIP_NOT_FOUND", User: "CUSTODIAN_NOT_FOUND" } as const;

/** Missing and out of reach are one refusal: the service does not tell a caller what exists beyond its view. */
const notFoundOrDenied = (what: keyof typeof NOT_FOUND, uid: string) =>
  new DomainError(NOT_FOUND[what], `${what} with UID '${uid}' can not be found, or you do not have permission to view it`);
const criteriaMissing = () =>
  new DomainError("CRITERIA_MISSING", "At least one criteria must be specified; holdMembershipUid, holdUid, userUid, or userSearch");

/** A matter's history event -> the audit event it is in the tenant's trail (names ours: Code42 does not show them). */
const AUDIT_TYPES = {
  HoldCreated: "audit_log::legal_hold_created/1",
  HoldDeactivated: "audit_log::legal_hold_deactivated/1",
  HoldReactivated: "audit_log::legal_hold_reactivated/1",
  MembershipCreated: "audit_log::legal_hold_custodian_added/1",
  MembershipReactivated: "audit_log::legal_hold_custodian_added/1",
  MembershipDeactivated: "audit_log::legal_hold_custodian_removed/1",
} as const;

export class LegalHoldService {
  private readonly holds: LegalHoldStore;

  // A client walks a matter's custodians page by page: each page starts where the one before it ended.
  private readonly boundaries: PageBoundaries<MembershipKey>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    changes: ChangeCounter,
  ) {
    this.holds = new LegalHoldStore(db);
    this.boundaries = new PageBoundaries(changes);
  }

  /** A page of the memberships the filter keeps, in creation order, each written as `projection` shapes it. */
  private async membershipPage(projection: Projection<MembershipRow>, tenantUid: string, reach: Reach, f: MembershipFilter, pgNum: number, pgSize: number): Promise<string[]> {
    const page = await this.boundaries.page(
      JSON.stringify([tenantUid, reach, f]),
      (pgNum - 1) * pgSize,
      pgSize,
      (from, skip, limit) => this.holds.findMemberships(projection, tenantUid, reach, f, limit, skip, from),
      (m): MembershipKey => [m.creation_date, m.membership_uid],
    );
    return page.map((m) => m.json);
  }

  /** Tenant admins and legal-hold administrators run holds; org admins for custodians in their subtree. */
  private async authorize(caller: Principal): Promise<Scope> {
    const roles = caller.roles;
    if (!roles.has(CUSTOMER_CLOUD_ADMIN) && !roles.has(LEGAL_HOLD_ADMIN) && !roles.has(ORG_ADMIN)) throw new DomainError("FORBIDDEN", "A legal-hold role is required");
    const scope = await scopeOf(this.db, caller);
    return roles.has(LEGAL_HOLD_ADMIN) && scope.kind !== "tenant" ? { kind: "tenant", tenantUid: caller.tenantUid } : scope;
  }

  /**
   * The caller's scope and what of the tenant's holds it reaches. An org admin ("manage legal holds for your
   * organization") reaches the custodians of their subtree and the matters they are in or that someone there created;
   * docs/WIRE-DECISIONS.md.
   */
  private async reach(caller: Principal): Promise<Scope & { reach: Reach }> {
    const scope = await this.authorize(caller);
    if (scope.kind === "tenant") return { ...scope, reach: WHOLE_TENANT };
    const orgIds = scope.kind === "orgs" ? scope.orgIds : [];
    return { ...scope, reach: { orgIds, matterUids: await this.holds.mattersReachedFrom(scope.tenantUid, orgIds) } };
  }

  private principalUid = (caller: Principal) => (caller.kind === "user" ? caller.userUid : `client:${caller.clientId}`);

  private async matterOr403(tenantUid: string, reach: Reach, uid: string): Promise<MatterRow> {
    const matter = await this.holds.matter(tenantUid, uid, reach);
    if (!matter) throw notFoundOrDenied("Matter", uid);
    return matter;
  }

  private async withCreator<T extends { creator_user_uid: string | null }>(tenantUid: string, row: T): Promise<Created<T>> {
    const [creator, client] = await Promise.all([this.holds.creator(tenantUid, row.creator_user_uid), this.holds.creatorClient(tenantUid, row.creator_user_uid)]);
    return { row, creator, client };
  }

  /** The matter's own history and the tenant's audit trail, written together (in the write's transaction, if given). */
  private async event(caller: Principal, tenantUid: string, legalHoldUid: string, type: keyof typeof AUDIT_TYPES, custodian?: { membershipUid: string; userUid: string }, db: Kysely<Database> = this.db) {
    const actor = this.principalUid(caller);
    await new LegalHoldStore(db).insertEvent({
      event_uid: this.ids.uid(),
      tenant_uid: tenantUid,
      legal_hold_uid: legalHoldUid,
      event_type: type,
      event_date: this.clock.isoNow(),
      membership_uid: custodian?.membershipUid ?? null,
      custodian_user_uid: custodian?.userUid ?? null,
      actor_user_uid: actor.startsWith("client:") ? null : actor,
    });
    const details = custodian ? { legalHoldUid, membershipUid: custodian.membershipUid, custodianUserUid: custodian.userUid } : { legalHoldUid };
    await record(db, { tenantUid, actor: actorOf(caller), type: AUDIT_TYPES[type], at: this.clock.isoNow(), resourceId: legalHoldUid, details });
  }

  // --- policies --------------------------------------------------------------------------------------------

  async createPolicy(caller: Principal, name: string, policy: object | null): Promise<PolicyRecord> {
    const { tenantUid } = await this.authorize(caller);
    const uid = this.ids.uid();
    const now = this.clock.isoNow();
    await this.holds.insertPolicy({ policy_uid: uid, tenant_uid: tenantUid, name, policy: policy ? JSON.stringify(policy) : null, creator_user_uid: this.principalUid(caller), creation_date: now, modification_date: now });
    return this.policy(caller, uid);
  }

  async policy(caller: Principal, uid: string): Promise<PolicyRecord> {
    const { tenantUid } = await this.authorize(caller);
    const p = await this.holds.policy(tenantUid, uid);
    if (!p) throw notFoundOrDenied("Policy", uid);
    return this.withCreator(tenantUid, p);
  }

  /** All policies, or one page of them (the gateway pages them; the legacy wire does not). */
  async policies(caller: Principal, page?: { pgNum: number; pgSize: number }): Promise<PolicyRecord[]> {
    const { tenantUid } = await this.authorize(caller);
    const rows = await this.holds.policies(tenantUid, page && { limit: page.pgSize, offset: (page.pgNum - 1) * page.pgSize });
    return Promise.all(rows.map((p) => this.withCreator(tenantUid, p)));
  }

  // --- matters ---------------------------------------------------------------------------------------------

  async createMatter(caller: Principal, m: NewMatter): Promise<MatterRecord> {
    const { tenantUid } = await this.authorize(caller);
    if (!(await this.holds.policy(tenantUid, m.policyUid))) throw new DomainError("POLICY_REFERENCE_INVALID", `Legal hold policy ${m.policyUid} was not found`);
    const uid = this.ids.uid();
    const now = this.clock.isoNow();
    const actor = this.principalUid(caller);
    await this.db.transaction().execute(async (trx) => {
      const holds = new LegalHoldStore(trx);
      await holds.insertMatter({
        legal_hold_uid: uid,
        tenant_uid: tenantUid,
        name: m.name,
        description: m.description ?? null,
        notes: m.notes ?? null,
        hold_ext_ref: m.holdExtRef ?? null,
        active: 1,
        policy_uid: m.policyUid,
        creator_user_uid: actor,
        creation_date: now,
        last_modified: now,
      });
      await this.event(caller, tenantUid, uid, "HoldCreated", undefined, trx);
    });
    return this.matter(caller, uid);
  }

  async matter(caller: Principal, uid: string): Promise<MatterRecord> {
    const { tenantUid, reach } = await this.reach(caller);
    return this.withCreator(tenantUid, await this.matterOr403(tenantUid, reach, uid));
  }

  async matters(caller: Principal, f: MatterFilter, pgNum: number, pgSize: number): Promise<MatterRecord[]> {
    const { tenantUid, reach } = await this.reach(caller);
    const rows = await this.holds.matters(tenantUid, reach, f, pgSize, (pgNum - 1) * pgSize);
    return Promise.all(rows.map((m) => this.withCreator(tenantUid, m)));
  }

  /**
   * Deactivating or reactivating a matter. `strict`: the API-client paths refuse a no-op change with
   * ALREADY_DEACTIVATED / ALREADY_ACTIVE (py42 maps both); the user-token paths accept it.
   */
  async setMatterActive(caller: Principal, uid: string, active: boolean, strict: boolean): Promise<void> {
    const { tenantUid, reach } = await this.reach(caller);
    const m = await this.matterOr403(tenantUid, reach, uid);
    // Turning a hold off or on holds or frees every custodian of it: an org admin only for a matter all theirs.
    if (reach.orgIds && (await this.holds.holdsCustodiansOutside(tenantUid, uid, reach.orgIds)))
      throw new DomainError("FORBIDDEN_ORG", `Matter ${uid} holds custodians outside your organizations`);
    if (Boolean(m.active) === active) {
      if (!strict) return;
      throw new DomainError(active ? "MATTER_ALREADY_ACTIVE" : "MATTER_ALREADY_INACTIVE", `Legal hold matter ${uid} is ${active ? "already active" : "already deactivated"}`);
    }
    await this.holds.updateMatter(uid, { active: active ? 1 : 0 }, this.clock.isoNow());
    await this.event(caller, tenantUid, uid, active ? "HoldReactivated" : "HoldDeactivated");
  }

  // --- custodians ------------------------------------------------------------------------------------------

  /** Adds a custodian; re-adding one whose membership was deactivated reactivates it (py42's fixtures rely on it). */
  async addCustodian(caller: Principal, legalHoldUid: string, userUid: string): Promise<MembershipRow> {
    const scope = await this.reach(caller);
    const matter = await this.matterOr403(scope.tenantUid, scope.reach, legalHoldUid);
    const user = await new UserStore(this.db).byUid(scope.tenantUid, userUid);
    if (!user || !userInScope(scope, user)) throw notFoundOrDenied("User", userUid);
    const existing = await this.holds.membershipOf(scope.tenantUid, matter.legal_hold_uid, userUid);
    if (existing?.active) throw new DomainError("ALREADY_CUSTODIAN", `User ${userUid} is already an active custodian of matter ${legalHoldUid}`);
    let membershipUid: string;
    if (existing) {
      membershipUid = existing.membership_uid;
      await this.holds.setMembershipActive(membershipUid, true);
      await this.event(caller, scope.tenantUid, legalHoldUid, "MembershipReactivated", { membershipUid, userUid });
    } else {
      membershipUid = this.ids.uid();
      await this.holds.insertMembership({ membership_uid: membershipUid, tenant_uid: scope.tenantUid, legal_hold_uid: legalHoldUid, user_uid: userUid, active: 1, creation_date: this.clock.isoNow() });
      await this.event(caller, scope.tenantUid, legalHoldUid, "MembershipCreated", { membershipUid, userUid });
    }
    return (await this.holds.membership(scope.tenantUid, scope.reach, membershipUid))!;
  }

  async removeCustodian(caller: Principal, membershipUid: string): Promise<void> {
    const { tenantUid, reach } = await this.reach(caller);
    const m = await this.holds.membership(tenantUid, reach, membershipUid);
    if (!m) throw notFoundOrDenied("Membership", membershipUid);
    await this.release(caller, tenantUid, m);
  }

  /** Removes a custodian named by matter and user (the gateway's way), rather than by membership. */
  async removeUserFromMatter(caller: Principal, legalHoldUid: string, userUid: string): Promise<void> {
    const { tenantUid, reach } = await this.reach(caller);
    await this.matterOr403(tenantUid, reach, legalHoldUid);
    const m = await this.holds.membershipOf(tenantUid, legalHoldUid, userUid, reach);
    if (!m) throw new DomainError("MEMBERSHIP_NOT_FOUND", `User with UID '${userUid}' is not a custodian of matter '${legalHoldUid}', or you do not have permission to view it`);
    await this.release(caller, tenantUid, m);
  }

  /** Deactivating a membership twice is no error: the second time changes nothing and logs nothing. */
  private async release(caller: Principal, tenantUid: string, m: MembershipRow): Promise<void> {
    if (!m.active) return;
    await this.holds.setMembershipActive(m.membership_uid, false);
    await this.event(caller, tenantUid, m.legal_hold_uid, "MembershipDeactivated", { membershipUid: m.membership_uid, userUid: m.user_uid });
  }

  /** A matter's custodians, the matter itself being in reach (a search by criteria does not ask). */
  /** A matter's custodians, each written as `projection` shapes its membership. */
  async custodiansOf(caller: Principal, legalHoldUid: string, active: ActiveState, pgNum: number, pgSize: number, projection: Projection<MembershipRow>): Promise<string[]> {
    const { tenantUid, reach } = await this.reach(caller);
    await this.matterOr403(tenantUid, reach, legalHoldUid);
    return this.membershipPage(projection, tenantUid, reach, { active, legalHoldUid }, pgNum, pgSize);
  }

  /** The memberships the filter keeps, each written as `projection` shapes it. */
  async custodians(caller: Principal, f: MembershipFilter, pgNum: number, pgSize: number, projection: Projection<MembershipRow>): Promise<string[]> {
    const { tenantUid, reach } = await this.reach(caller);
    if (f.membershipUid === undefined && f.legalHoldUid === undefined && f.userUid === undefined && f.user === undefined) throw criteriaMissing();
    return this.membershipPage(projection, tenantUid, reach, f, pgNum, pgSize);
  }

  async events(caller: Principal, f: { legalHoldUid?: string; min?: string; max?: string }, pgNum: number, pgSize: number): Promise<EventRow[]> {
    const { tenantUid, reach } = await this.reach(caller);
    return this.holds.events(tenantUid, reach, f, pgSize, (pgNum - 1) * pgSize);
  }
}

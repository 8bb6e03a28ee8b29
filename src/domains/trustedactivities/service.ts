// Trusted activities: the tenant's trusted domains, Slack workspaces, URL paths, account names and git repositories,
// kept by a Customer Cloud Admin, each stamped with who changed it last. Both wires (py42's /api/v1, the gateway's
// /v1 and /v2) read and write these records; each change leaves an audit event and marks the tenant's file events
// again (fileevents/trust.ts).
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import { DomainError } from "../errors.js";
import { CUSTOMER_CLOUD_ADMIN } from "../roles/catalogue.js";
import { actorOf, record as audit } from "../auditlog/recorder.js";
import { FileEventTrustStore } from "../fileevents/trust-store.js";
import { checkDescription, checkGroups, checkType, checkValue, defaultGroups, type ActivityActionGroup, type ActivityType } from "./rules.js";
import { TrustedActivityStore, type TrustedActivityQuery, type TrustedActivityRow } from "./store.js";

export interface TrustedActivityRecord {
  activityId: number;
  type: string;
  value: string;
  description: string | null;
  isHighValueSource: boolean;
  groups: ActivityActionGroup[];
  updatedAt: string;
  updatedById: string;
  updatedByName: string;
  principalType: "USER" | "API_KEY";
}

export interface TrustedActivityInput {
  type: string;
  value: string;
  description: string | null;
  isHighValueSource?: boolean | null;
  /** Null: the type's default groups. */
  groups: ActivityActionGroup[] | null;
}

/** What a change names; each left out stays. Groups given empty keep a DOMAIN's own (the SDK's update sends them). */
export interface TrustedActivityChanges {
  type?: string;
  value?: string;
  description?: string | null;
  isHighValueSource?: boolean | null;
  groups?: ActivityActionGroup[] | null;
}

const record = (r: TrustedActivityRow): TrustedActivityRecord => ({
  activityId: r.activity_id,
  type: r.type,
  value: r.value,
  description: r.description,
  isHighValueSource: r.is_high_value_source === 1,
  groups: JSON.parse(r.action_groups) as ActivityActionGroup[],
  updatedAt: r.updated_at,
  updatedById: r.updated_by_id,
  updatedByName: r.updated_by_name,
  principalType: r.principal_type === "API_KEY" ? "API_KEY" : "USER",
});

/** An activity as a fixture (or a state export) gives it. */
export interface LoadedActivity {
  type: string;
  value: string;
  description?: string | null;
  isHighValueSource?: boolean;
  groups?: ActivityActionGroup[];
  updatedAt?: string;
  updatedById?: string;
  updatedByName?: string;
  principalType?: "USER" | "API_KEY";
}

/** The columns of an activity that its rules check. */
const checked = (type: ActivityType, value: string, description: string | null, highValue: boolean, groups: ActivityActionGroup[]) => ({
  type,
  value: checkValue(type, value),
  description: checkDescription(description),
  is_high_value_source: highValue ? 1 : 0,
  action_groups: JSON.stringify(checkGroups(type, groups)),
});

export class TrustedActivityService {
  private readonly store: TrustedActivityStore;
  /** The tenant's file events, marked again by the list after each change (the trust filter of searches). */
  private readonly events: FileEventTrustStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    this.store = new TrustedActivityStore(db);
    this.events = new FileEventTrustStore(db);
  }

  private authorize(caller: Principal): string {
    if (!caller.roles.has(CUSTOMER_CLOUD_ADMIN)) throw new DomainError("FORBIDDEN", "The Customer Cloud Admin role is required for trusted activities");
    return caller.tenantUid;
  }

  async list(caller: Principal, query: TrustedActivityQuery): Promise<{ totalCount: number; activities: TrustedActivityRecord[] }> {
    const { totalCount, rows } = await this.store.page(this.authorize(caller), query);
    return { totalCount, activities: rows.map(record) };
  }

  async get(caller: Principal, activityId: number): Promise<TrustedActivityRecord> {
    return record(await this.find(this.authorize(caller), activityId));
  }

  async create(caller: Principal, input: TrustedActivityInput): Promise<TrustedActivityRecord> {
    const tenantUid = this.authorize(caller);
    const type = checkType(input.type);
    const groups = input.groups === null || (type === "DOMAIN" && input.groups.length === 0) ? defaultGroups(type) : input.groups;
    const row = this.row(caller, type, input.value, input.description, input.isHighValueSource ?? false, groups);
    const made = await this.db.transaction().execute(async (trx) => {
      const store = new TrustedActivityStore(trx);
      if (await store.clash(tenantUid, type, row.value)) throw this.exists(row.value);
      const made = record(await store.insert(tenantUid, row));
      await this.audit(trx, caller, "created", made);
      return made;
    });
    await this.events.retrust(tenantUid);
    return made;
  }

  async update(caller: Principal, activityId: number, changes: TrustedActivityChanges): Promise<TrustedActivityRecord> {
    const tenantUid = this.authorize(caller);
    const { updated, retrust } = await this.db.transaction().execute(async (trx) => {
      const store = new TrustedActivityStore(trx);
      const current = record(await this.find(tenantUid, activityId, store));
      const type = checkType(changes.type ?? current.type);
      const given = changes.groups ?? null;
      // Groups stay unless given; a DOMAIN keeps its own when given none, and a changed type starts from its defaults.
      const groups =
        given !== null && !(type === "DOMAIN" && given.length === 0) ? given : type === current.type ? current.groups : defaultGroups(type);
      const description = changes.description === undefined ? current.description : changes.description;
      const row = this.row(caller, type, changes.value ?? current.value, description, changes.isHighValueSource ?? current.isHighValueSource, groups);
      if (await store.clash(tenantUid, type, row.value, activityId)) throw this.exists(row.value);
      // A description or the high-value flag trusts nothing more or less.
      const trusts = (a: { type: string; value: string; groups: ActivityActionGroup[] }) => JSON.stringify([a.type, a.value, a.groups]);
      const updated = record(await store.update(tenantUid, activityId, row));
      await this.audit(trx, caller, "updated", updated);
      return { updated, retrust: trusts(updated) !== trusts(current) };
    });
    if (retrust) await this.events.retrust(tenantUid);
    return updated;
  }

  async delete(caller: Principal, activityId: number): Promise<TrustedActivityRecord> {
    const tenantUid = this.authorize(caller);
    const found = record(await this.find(tenantUid, activityId));
    await this.db.transaction().execute(async (trx) => {
      await new TrustedActivityStore(trx).delete(tenantUid, activityId);
      await this.audit(trx, caller, "deleted", found);
    });
    await this.events.retrust(tenantUid);
    return found;
  }

  /** The trail of a change to the list, in the change's transaction. */
  private audit(trx: Kysely<Database>, caller: Principal, what: "created" | "updated" | "deleted", a: TrustedActivityRecord): Promise<void> {
    const details = { activityId: String(a.activityId), activityType: a.type, value: a.value };
    return audit(trx, { tenantUid: caller.tenantUid, actor: actorOf(caller), type: `audit_log::trusted_activity_${what}/1`, at: this.clock.isoNow(), resourceId: String(a.activityId), details });
  }

  private row(caller: Principal, type: ActivityType, value: string, description: string | null, highValue: boolean, groups: ActivityActionGroup[]) {
    return {
      ...checked(type, value, description, highValue, groups),
      updated_at: this.clock.isoNow(),
      updated_by_id: caller.kind === "user" ? caller.userUid : caller.clientId,
      updated_by_name: caller.kind === "user" ? caller.username : caller.clientId,
      principal_type: caller.kind === "user" ? "USER" : "API_KEY",
    };
  }

  /**
   * Activities a fixture gives, checked as a create checks them, stamped with the author and time given (else the
   * tenant's first user and the clock's now). Not audited and marking no events: fixtures load before their events.
   */
  async load(tenantUid: string, given: LoadedActivity[]): Promise<void> {
    const first = given.some((a) => a.updatedById === undefined) ? await this.store.firstUser(tenantUid) : undefined;
    for (const a of given) {
      const type = checkType(a.type);
      const row = {
        ...checked(type, a.value, a.description ?? null, a.isHighValueSource ?? false, a.groups ?? defaultGroups(type)),
        updated_at: a.updatedAt ?? this.clock.isoNow(),
        updated_by_id: a.updatedById ?? first?.user_uid ?? tenantUid,
        updated_by_name: a.updatedByName ?? a.updatedById ?? first?.username ?? tenantUid,
        principal_type: a.principalType ?? "USER",
      };
      if (await this.store.clash(tenantUid, type, row.value)) throw this.exists(row.value);
      await this.store.insert(tenantUid, row);
    }
  }

  private exists(value: string): DomainError {
    return new DomainError("TRUSTED_ACTIVITY_EXISTS", `Duplicate URL or workspace name, '${value}' already exists on your trusted list`, { value });
  }

  private async find(tenantUid: string, activityId: number, store = this.store): Promise<TrustedActivityRow> {
    const row = Number.isSafeInteger(activityId) ? await store.get(tenantUid, activityId) : undefined;
    if (!row) throw new DomainError("TRUSTED_ACTIVITY_NOT_FOUND", `Resource ID '${activityId}' not found`, { activityId: String(activityId) });
    return row;
  }
}

// Org settings (issue #21): read with their inheritance, changed by the org's admins, the Org Admin's own license
// terms excepted (seed 003: "The quotas in place for your organization cannot be adjusted").
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import { actorOf, record as audit } from "../auditlog/recorder.js";
import { orgInScope, requireAdmin, scopeOf } from "../access/scope.js";
import { DomainError } from "../errors.js";
import type { OrgFields, OrgRef, OrgService } from "./service.js";
import { OrgStore, type OrgWithParent } from "./store.js";
import { OrgSettingsStore, type ChainOrg } from "./settings-store.js";
import {
  APP_VISIBILITY_KEY,
  applyChange,
  checkCombined,
  DEVICE_LIMIT_KEY,
  effective,
  GROUP_NAMES,
  groupChanged,
  ownsGroup,
  packetValue,
  type Group,
  type OrgSettingValues,
  type OwnSettings,
  type Packet,
  type SettingsChange,
} from "./settings.js";

/** A packet as an org sees it: its value and the org that set it (the root org for the tenant's defaults). */
export interface EffectivePacket extends Packet {
  providerOrgId: number;
}

/** An org's settings as its admins see them. */
export interface OrgSettingsView {
  org: OrgWithParent;
  settings: OrgSettingValues;
  /** What the org would have of its own parent (the tenant's defaults for a root org). */
  inherited: OrgSettingValues;
  own: OwnSettings;
  /** The nearest org, the org itself included, that sets each group; null: the tenant's defaults. */
  providers: Record<Group, ChainOrg | null>;
  packets: Map<string, EffectivePacket>;
}

/** A change to an org: its own fields, its settings, its packets. */
export interface OrgChange {
  fields?: OrgFields;
  settings?: SettingsChange;
  packets?: { key: string; value: unknown; locked: boolean }[];
}

const quotaFixed = () => new DomainError("ORG_QUOTA_FIXED", "An organization administrator cannot change the license quotas of their own organization");

export class OrgSettingsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly orgs: OrgService,
  ) {}

  /** An org in an admin's reach. */
  private async administered(caller: Principal, ref: OrgRef) {
    const scope = await scopeOf(this.db, caller);
    requireAdmin(scope);
    const org = await this.orgs.find(caller, ref, scope);
    if (!orgInScope(scope, org.org_id)) throw new DomainError("ORG_NOT_FOUND", "Organization not found");
    // An Org Admin's own org: its license terms are the tenant's to set (seed 003).
    const ownOrg = scope.kind === "orgs" && caller.kind === "user" && caller.orgId === org.org_id;
    return { org, ownOrg };
  }

  async view(caller: Principal, ref: OrgRef): Promise<OrgSettingsView> {
    const { org } = await this.administered(caller, ref);
    return this.viewOf(this.db, org);
  }

  private async viewOf(db: Kysely<Database>, org: OrgWithParent): Promise<OrgSettingsView> {
    const store = new OrgSettingsStore(db);
    const chain = await store.chain(org.tenant_uid, org.org_id);
    const own = await store.own(chain.map((o) => o.org_id));
    const owns = chain.map((o) => own.get(o.org_id)!.settings);
    const providers = Object.fromEntries(GROUP_NAMES.map((g) => [g, chain.findLast((_, i) => ownsGroup(owns[i]!, g)) ?? null])) as Record<Group, ChainOrg | null>;
    const packets = new Map<string, EffectivePacket>();
    for (const o of chain) for (const [key, p] of own.get(o.org_id)!.packets) packets.set(key, { ...p, providerOrgId: o.org_id });
    const root = chain[0]!;
    const limitFrom = chain.findLast((o) => o.device_limit_per_user !== null);
    packets.set(DEVICE_LIMIT_KEY, { value: String(limitFrom?.device_limit_per_user ?? -1), locked: false, providerOrgId: (limitFrom ?? root).org_id });
    const hiddenBy = chain.find((o) => o.client_visibility === "HIDDEN");
    packets.set(APP_VISIBILITY_KEY, { value: hiddenBy ? "HIDDEN" : "VISIBLE", locked: false, providerOrgId: (hiddenBy ?? root).org_id });
    return { org, settings: effective(owns), inherited: effective(owns.slice(0, -1)), own: owns.at(-1)!, providers, packets: new Map([...packets].sort(([a], [b]) => a.localeCompare(b))) };
  }

  /**
   * Applies a change whole or refuses it whole: nothing is written unless every part of it can be. The change may be
   * read from the org it applies to (a wire comparing what it was sent with the org as it is).
   */
  async change(caller: Principal, ref: OrgRef, changeOf: OrgChange | ((org: OrgWithParent) => OrgChange)): Promise<OrgSettingsView> {
    const { org, ownOrg } = await this.administered(caller, ref);
    const change = typeof changeOf === "function" ? changeOf(org) : changeOf;
    return this.db.transaction().execute(async (trx) => {
      const before = await this.viewOf(trx, org);
      const store = new OrgSettingsStore(trx);
      const changed: string[] = [];
      const now = this.clock.isoNow();

      if (change.settings) {
        const next = applyChange(before.own, before.inherited, change.settings);
        checkCombined({ ...before.inherited, ...next });
        const groups = GROUP_NAMES.filter((g) => groupChanged(before.own, next, g));
        if (ownOrg && groups.includes("quota")) throw quotaFixed();
        if (groups.length) await store.replaceSettings(org.tenant_uid, org.org_id, next);
        changed.push(...groups);
      }

      for (const p of change.packets ?? []) {
        const value = packetValue(p.key, p.value, p.locked);
        if (p.key === DEVICE_LIMIT_KEY) {
          const limit = value === null ? null : Number(value);
          if (limit === org.device_limit_per_user) continue;
          if (ownOrg) throw quotaFixed();
          await new OrgStore(trx).update(org.org_id, { device_limit_per_user: limit }, now);
        } else if (p.key === APP_VISIBILITY_KEY) {
          // The topmost org hiding the app hides it for its whole subtree.
          const shown = before.packets.get(APP_VISIBILITY_KEY)!;
          const hiddenAbove = shown.value === "HIDDEN" && shown.providerOrgId !== org.org_id;
          if (value === "VISIBLE" && hiddenAbove) throw new DomainError("ORG_SETTING_INVALID", `${APP_VISIBILITY_KEY}: a parent organization hides the app from its whole subtree`);
          const visibility = value === "HIDDEN" ? "HIDDEN" : "VISIBLE";
          if (visibility === org.client_visibility) continue;
          await new OrgStore(trx).update(org.org_id, { client_visibility: visibility }, now);
        } else {
          // A value an ancestor locked is its whole subtree's: an org below cannot set one of its own.
          const inherited = before.packets.get(p.key);
          if (inherited?.locked && inherited.providerOrgId !== org.org_id) throw new DomainError("ORG_SETTING_INVALID", `${p.key} is locked by a parent organization (${inherited.providerOrgId})`);
          const mine = (await store.own([org.org_id])).get(org.org_id)!.packets.get(p.key);
          const next = value === null ? null : { value, locked: p.locked };
          if (JSON.stringify(mine ?? null) === JSON.stringify(next)) continue;
          await store.setPacket(org.tenant_uid, org.org_id, p.key, next);
        }
        changed.push(p.key);
      }

      // A field sent as null is left as it is (py42's update_org sends every field, null where not given).
      const fields = change.fields ?? {};
      const present = { orgName: org.org_name, orgExtRef: org.org_ext_ref, notes: org.notes };
      const renamed = (["orgName", "orgExtRef", "notes"] as const).filter((f) => fields[f] != null && fields[f] !== present[f]);
      if (renamed.length) {
        await new OrgStore(trx).update(
          org.org_id,
          {
            ...(fields.orgName != null ? { org_name: fields.orgName } : {}),
            ...(fields.orgExtRef != null ? { org_ext_ref: fields.orgExtRef } : {}),
            ...(fields.notes != null ? { notes: fields.notes } : {}),
          },
          now,
        );
        await audit(trx, { tenantUid: org.tenant_uid, actor: actorOf(caller), type: "audit_log::org_updated/1", at: now, resourceId: org.org_uid, details: { orgUid: org.org_uid, changed: renamed } });
      }
      if (changed.length) {
        await new OrgStore(trx).update(org.org_id, {}, now);
        await audit(trx, { tenantUid: org.tenant_uid, actor: actorOf(caller), type: "audit_log::org_settings_changed/1", at: now, resourceId: org.org_uid, details: { orgUid: org.org_uid, changed } });
      }
      return this.viewOf(trx, (await new OrgStore(trx).byId(org.tenant_uid, org.org_id))!);
    });
  }
}

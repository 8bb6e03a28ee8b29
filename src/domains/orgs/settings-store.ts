// Queries for org settings: an org's line of ancestors, and what each org sets itself.
import { sql, type Kysely } from "kysely";
import { inJsonList } from "../../db/dialect.js";
import { preparedQuery } from "../../db/prepared.js";
import type { Database } from "../../db/schema.js";
import { effective, type OrgSettingValues, type OwnSettings, type Packet } from "./settings.js";

/** An org of a line of ancestors, with the settings kept as its own columns. */
export interface ChainOrg {
  org_id: number;
  org_uid: string;
  org_name: string;
  parent_org_id: number | null;
  device_limit_per_user: number | null;
  client_visibility: string;
}

// Every page of devices reads its orgs' settings: both queries are prepared once. A raw query compiles only for a
// database it is given, so the chain is handed to preparedQuery as a Compilable that does.
const chainQuery = preparedQuery((db, tenantUid: string, orgId: number) => ({
  compile: () =>
    sql<ChainOrg & { depth: number }>`
      with recursive up(org_id, depth) as (
        select org_id, 0 from orgs where tenant_uid = ${tenantUid} and org_id = ${orgId}
        union all
        select o.parent_org_id, up.depth + 1 from orgs o join up on o.org_id = up.org_id where o.parent_org_id is not null
      )
      select o.org_id, o.org_uid, o.org_name, o.parent_org_id, o.device_limit_per_user, o.client_visibility, up.depth
      from up join orgs o on o.org_id = up.org_id order by up.depth desc`.compile(db),
}));
const ownQuery = preparedQuery((db, orgIds: string) => db.selectFrom("org_settings").selectAll().where(inJsonList(db, sql`org_id`, orgIds, "bigint")).orderBy("name"));

export class OrgSettingsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The org and its ancestors, the root first. */
  async chain(tenantUid: string, orgId: number): Promise<ChainOrg[]> {
    return (await chainQuery(this.db, tenantUid, orgId)).map(({ depth: _, ...o }) => o);
  }

  /** An org's effective settings: what it and its ancestors set, over the tenant's defaults. */
  async effective(tenantUid: string, orgId: number): Promise<OrgSettingValues> {
    const chain = await this.chain(tenantUid, orgId);
    const own = await this.own(chain.map((o) => o.org_id));
    return effective(chain.map((o) => own.get(o.org_id)!.settings));
  }

  /** What each of these orgs sets itself, by org id. */
  async own(orgIds: readonly number[]): Promise<Map<number, { settings: OwnSettings; packets: Map<string, Packet> }>> {
    const out = new Map(orgIds.map((id) => [id, { settings: {} as OwnSettings, packets: new Map<string, Packet>() }]));
    if (!orgIds.length) return out;
    const rows = await ownQuery(this.db, JSON.stringify(orgIds));
    for (const r of rows) {
      const o = out.get(r.org_id)!;
      if (r.kind === "setting") (o.settings as Record<string, unknown>)[r.name] = JSON.parse(r.value);
      else o.packets.set(r.name, { value: JSON.parse(r.value), locked: r.locked === 1 });
    }
    return out;
  }

  /** Replaces what the org sets of its `settings`. */
  async replaceSettings(tenantUid: string, orgId: number, own: OwnSettings): Promise<void> {
    await this.db.deleteFrom("org_settings").where("org_id", "=", orgId).where("kind", "=", "setting").execute();
    const rows = Object.entries(own)
      .filter(([, v]) => v !== undefined)
      .map(([name, v]) => ({ tenant_uid: tenantUid, org_id: orgId, kind: "setting" as const, name, value: JSON.stringify(v), locked: 0 as const }));
    if (rows.length) await this.db.insertInto("org_settings").values(rows).execute();
  }

  /** Sets a packet of the org's own (null: removes it, the org inherits the key again). */
  async setPacket(tenantUid: string, orgId: number, key: string, packet: Packet | null): Promise<void> {
    await this.db.deleteFrom("org_settings").where("org_id", "=", orgId).where("kind", "=", "packet").where("name", "=", key).execute();
    if (packet) await this.db.insertInto("org_settings").values({ tenant_uid: tenantUid, org_id: orgId, kind: "packet", name: key, value: JSON.stringify(packet.value), locked: packet.locked ? 1 : 0 }).execute();
  }
}

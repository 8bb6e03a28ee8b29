// The effective settings of several orgs at once (a page of devices, the backups the alert watch reads, the usage of
// an org tree): the tenant's org tree and what each org sets are read once, whatever the number of orgs.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { effective, type OrgSettingValues } from "./settings.js";
import { OrgSettingsStore } from "./settings-store.js";
import { UsageStore } from "./usage-store.js";

/** By org id, for the orgs of the tenant asked for. */
export async function effectiveSettings(db: Kysely<Database>, tenantUid: string, orgIds: Iterable<number>): Promise<Map<number, OrgSettingValues>> {
  const wanted = new Set(orgIds);
  const out = new Map<number, OrgSettingValues>();
  if (wanted.size === 0) return out;
  const store = new OrgSettingsStore(db);
  // One org (a device, a user's export batch): its line of ancestors is all there is to read.
  if (wanted.size === 1) {
    const [id] = wanted;
    out.set(id!, await store.effective(tenantUid, id!));
    return out;
  }
  const tree = await new UsageStore(db).orgs(tenantUid);
  const parent = new Map(tree.map((o) => [o.org_id, o.parent_org_id]));
  const own = await store.own(tree.map((o) => o.org_id));
  for (const id of wanted) {
    if (!parent.has(id)) continue;
    const line: number[] = [];
    for (let o: number | null | undefined = id; o != null; o = parent.get(o)) line.unshift(o);
    out.set(id, effective(line.map((o) => own.get(o)!.settings)));
  }
  return out;
}

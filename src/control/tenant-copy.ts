// Tenant copies for parallel test workers: one seeded baseline, a tenant per worker with its own sign-in names.
import type BetterSqlite3 from "better-sqlite3";
import type { IdGenerator } from "../ids.js";
import { dataTables } from "./tables.js";

export interface TenantCopy {
  tenantUid: string;
  /** Original username -> the copy's (passwords are the same). */
  usernames: Record<string, string>;
  /** Original API client id -> the copy's (secrets are the same). */
  apiClients: Record<string, string>;
}

/** "test.user@example.com" -> "test.user+w1@example.com": still an address, and unique to the copy. */
export function copiedName(username: string, suffix: string): string {
  const at = username.lastIndexOf("@");
  return at > 0 ? `${username.slice(0, at)}+${suffix}${username.slice(at)}` : `${username}+${suffix}`;
}

type Row = Record<string, unknown>;

/** The suffix was used before: API client ids are unique across tenants, and the copy's would be taken. */
export class CopySuffixTakenError extends Error {}

/**
 * Copies every row of a tenant. Numeric ids and the globally unique uids (legal-hold objects) are new; user, org
 * and device uids stay (they are unique per tenant), so a test finds the same people under the same uids.
 */
export function copyTenant(sqlite: BetterSqlite3.Database, ids: IdGenerator, sourceUid: string, suffix: string): TenantCopy | null {
  const columns = new Map(dataTables(sqlite).map((t) => [t.name, t.columns]));
  const rows = (table: string, where = "tenant_uid = ?", ...args: unknown[]) => sqlite.prepare(`select * from "${table}" where ${where}`).all(...args) as Row[];
  const insert = (table: string, row: Row): number => {
    const cols = columns.get(table)!.filter((c) => row[c] !== undefined);
    const info = sqlite.prepare(`insert into "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) values (${cols.map(() => "?").join(", ")})`).run(...cols.map((c) => row[c]));
    return Number(info.lastInsertRowid);
  };

  return sqlite.transaction((): TenantCopy | null => {
    const [tenant] = rows("tenants", "tenant_uid = ?", sourceUid);
    if (!tenant) return null;
    const tenantUid = ids.uuid();
    const t = (row: Row, extra: Row = {}) => ({ ...row, tenant_uid: tenantUid, ...extra });
    insert("tenants", t(tenant, { name: `${tenant.name} (${suffix})` }));

    const orgIds = new Map<number, number>();
    let pending = rows("orgs", "tenant_uid = ? order by org_id", sourceUid);
    while (pending.length) {
      const ready = pending.filter((o) => o.parent_org_id === null || orgIds.has(o.parent_org_id as number));
      for (const o of ready) orgIds.set(o.org_id as number, insert("orgs", t(o, { org_id: undefined, parent_org_id: o.parent_org_id === null ? null : orgIds.get(o.parent_org_id as number) })));
      pending = pending.filter((o) => !ready.includes(o));
    }

    for (const r of rows("org_settings", "tenant_uid = ? order by rowid", sourceUid)) insert("org_settings", t(r, { org_id: orgIds.get(r.org_id as number) }));

    const userIds = new Map<number, number>();
    const usernames: Record<string, string> = {};
    for (const u of rows("users", "tenant_uid = ? order by user_id", sourceUid)) {
      const username = copiedName(u.username as string, suffix);
      usernames[u.username as string] = username;
      userIds.set(u.user_id as number, insert("users", t(u, { user_id: undefined, org_id: orgIds.get(u.org_id as number), username, display_name: undefined })));
    }
    for (const r of rows("user_roles", "tenant_uid = ?", sourceUid)) insert("user_roles", t(r, { user_id: userIds.get(r.user_id as number) }));

    const apiClients: Record<string, string> = {};
    for (const c of rows("api_clients", "tenant_uid = ?", sourceUid)) {
      if (rows("api_clients", "client_id = ?", `${c.client_id}-${suffix}`).length > 0)
        throw new CopySuffixTakenError(`a copy with the suffix "${suffix}" exists already (API client ${c.client_id}-${suffix}); choose another suffix`);
      apiClients[c.client_id as string] = `${c.client_id}-${suffix}`;
      insert("api_clients", t(c, { client_id: `${c.client_id}-${suffix}` }));
    }

    for (const table of ["detection_profiles", "detection_list_settings", "watchlists", "watchlist_excluded_users", "watchlist_departments", "watchlist_groups", "file_events", "file_contents", "file_xfc_contents", "case_numbers", "cases", "case_file_events"])
      for (const r of rows(table, "tenant_uid = ? order by rowid", sourceUid)) insert(table, t(r));
    for (const table of ["trusted_activities", "audit_events"]) for (const r of rows(table, "tenant_uid = ? order by rowid", sourceUid)) insert(table, t(r, { event_id: undefined, activity_id: undefined }));
    // After the events: an entry's totals are copied, not counted again by the exposure trigger.
    for (const r of rows("watchlist_users", "tenant_uid = ? order by rowid", sourceUid)) insert("watchlist_users", t(r));
    // Saved searches keep their ids and their authors' uids; an author of the tenant is named by the copy's name.
    const renamed = (name: unknown) => usernames[name as string] ?? name;
    for (const r of rows("saved_searches", "tenant_uid = ? order by rowid", sourceUid))
      insert("saved_searches", t(r, { created_by_username: renamed(r.created_by_username), modified_by_username: renamed(r.modified_by_username) }));
    // Alert rules keep their ids (alerts name them); who made or changed one is named by the copy's name.
    for (const r of rows("alert_rules", "tenant_uid = ? order by rowid", sourceUid)) insert("alert_rules", t(r, { created_by: renamed(r.created_by), modified_by: renamed(r.modified_by) }));
    for (const table of ["alert_rule_users", "alert_rule_watchlists"]) for (const r of rows(table, "tenant_uid = ? order by rowid", sourceUid)) insert(table, t(r));
    // Alerts and sessions keep their ids; their actors and whoever changed them are named by the copy's names.
    for (const r of rows("sessions", "tenant_uid = ? order by rowid", sourceUid)) insert("sessions", t(r, { actor_name: renamed(r.actor_name) }));
    for (const r of rows("alerts", "tenant_uid = ? order by rowid", sourceUid)) insert("alerts", t(r, { actor_name: renamed(r.actor_name), state_modified_by: renamed(r.state_modified_by) }));
    for (const r of rows("alert_notes", "tenant_uid = ? order by rowid", sourceUid)) insert("alert_notes", t(r, { by: renamed(r.by) }));
    for (const table of ["session_events", "session_states", "session_notes", "alert_events", "alert_candidates"]) for (const r of rows(table, "tenant_uid = ? order by rowid", sourceUid)) insert(table, t(r));

    for (const d of rows("devices", "tenant_uid = ? order by computer_id", sourceUid)) {
      const computerId = insert("devices", t(d, { computer_id: undefined, user_id: userIds.get(d.user_id as number) }));
      for (const b of rows("device_backups", "computer_id = ?", d.computer_id)) insert("device_backups", { ...b, computer_id: computerId });
      // An archive's files and restores follow their device; a restore's requester is named by the copy's name.
      for (const f of rows("archive_files", "computer_id = ?", d.computer_id)) insert("archive_files", t(f, { computer_id: computerId }));
      for (const r of rows("restores", "tenant_uid = ? and computer_id = ?", sourceUid, d.computer_id)) insert("restores", t(r, { computer_id: computerId, requester_name: renamed(r.requester_name) }));
    }

    const policies = new Map<string, string>();
    for (const p of rows("legal_hold_policies", "tenant_uid = ? order by rowid", sourceUid)) {
      const uid = ids.uid();
      policies.set(p.policy_uid as string, uid);
      insert("legal_hold_policies", t(p, { policy_uid: uid }));
    }
    const holds = new Map<string, string>();
    for (const h of rows("legal_holds", "tenant_uid = ? order by rowid", sourceUid)) {
      const uid = ids.uid();
      holds.set(h.legal_hold_uid as string, uid);
      insert("legal_holds", t(h, { legal_hold_uid: uid, policy_uid: policies.get(h.policy_uid as string) }));
    }
    const memberships = new Map<string, string>();
    for (const m of rows("legal_hold_memberships", "tenant_uid = ? order by rowid", sourceUid)) {
      const uid = ids.uid();
      memberships.set(m.membership_uid as string, uid);
      insert("legal_hold_memberships", t(m, { membership_uid: uid, legal_hold_uid: holds.get(m.legal_hold_uid as string) }));
    }
    for (const e of rows("legal_hold_events", "tenant_uid = ? order by rowid", sourceUid))
      insert("legal_hold_events", t(e, { event_uid: ids.uid(), legal_hold_uid: holds.get(e.legal_hold_uid as string), membership_uid: e.membership_uid === null ? null : memberships.get(e.membership_uid as string) }));

    return { tenantUid, usernames, apiClients };
  })();
}

/** Removes a tenant and everything in it. */
export function deleteTenant(sqlite: BetterSqlite3.Database, tenantUid: string): boolean {
  return sqlite.transaction(() => {
    if (!sqlite.prepare("select 1 from tenants where tenant_uid = ?").get(tenantUid)) return false;
    sqlite.pragma("defer_foreign_keys = ON");
    sqlite.prepare("delete from device_backups where computer_id in (select computer_id from devices where tenant_uid = ?)").run(tenantUid);
    for (const { name, columns } of [...dataTables(sqlite)].reverse())
      if (columns.includes("tenant_uid")) sqlite.prepare(`delete from "${name}" where tenant_uid = ?`).run(tenantUid);
    return true;
  })();
}

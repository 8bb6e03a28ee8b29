// Tenant copies for parallel test workers: one seeded baseline, a tenant per worker with its own sign-in names.
import type { IdGenerator } from "../ids.js";
import { summaryColumns, type SummarySource } from "../domains/sessions/summaries.js";
import { copyRows, insert, rows, statement, type Row, type RowPlan } from "./tables.js";

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

/** Rows a copy reads at a time of a table that may be large. */
const PAGE = 1000;

/** The suffix was used before: API client ids are unique across tenants, and the copy's would be taken. */
export class CopySuffixTakenError extends Error {}

/**
 * Copies every row of a tenant. Numeric ids and the globally unique uids (legal-hold objects) are new; user, org
 * and device uids stay (they are unique per tenant), so a test finds the same people under the same uids. A plan of
 * steps (tables.ts), so one copy serves both engines.
 */
export function* copyTenant(ids: IdGenerator, sourceUid: string, suffix: string): RowPlan<TenantCopy | null> {
  const read = function* (table: string, where = "tenant_uid = ?", ...args: unknown[]): Generator<ReturnType<typeof rows>, Row[], unknown> {
    return (yield rows(table, where, ...(args.length ? args : [sourceUid]))) as Row[];
  };
  const put = function* (table: string, row: Row): Generator<ReturnType<typeof insert>, number, unknown> {
    return (yield insert(table, row)) as number;
  };
  /**
   * The tenant's rows of a table in `key` order (an integer column, or `rowid`), a page at a time (never an empty
   * one): the rows of a large tenant read at once stayed alive through the copy, and V8's small young generation
   * (the start flags') promoted them and scanned the array holding them again at every collection.
   */
  const each = function* (table: string, key: string, visit: (page: Row[]) => RowPlan<void>): RowPlan<void> {
    for (let after = Number.MIN_SAFE_INTEGER; ; ) {
      const page = yield* read(table, `tenant_uid = ? and ${key} > ? order by ${key} limit ${PAGE}`, sourceUid, after);
      if (page.length) yield* visit(page);
      if (page.length < PAGE) return;
      after = page.at(-1)![key] as number;
    }
  };

  const [tenant] = yield* read("tenants");
  if (!tenant) return null;
  const tenantUid = ids.uuid();
  const t = (row: Row, extra: Row = {}) => ({ ...row, tenant_uid: tenantUid, ...extra });
  yield* put("tenants", t(tenant, { name: `${tenant.name} (${suffix})` }));

  const orgIds = new Map<number, number>();
  let pending = yield* read("orgs", "tenant_uid = ? order by org_id");
  while (pending.length) {
    const ready = pending.filter((o) => o.parent_org_id === null || orgIds.has(o.parent_org_id as number));
    for (const o of ready) orgIds.set(o.org_id as number, yield* put("orgs", t(o, { org_id: undefined, parent_org_id: o.parent_org_id === null ? null : orgIds.get(o.parent_org_id as number) })));
    pending = pending.filter((o) => !ready.includes(o));
  }

  for (const r of yield* read("org_settings", "tenant_uid = ? order by rowid")) yield* put("org_settings", t(r, { org_id: orgIds.get(r.org_id as number) }));

  const userIds = new Map<number, number>();
  const usernames: Record<string, string> = {};
  yield* each("users", "user_id", function* (page) {
    for (const u of page) {
      const username = copiedName(u.username as string, suffix);
      usernames[u.username as string] = username;
      userIds.set(u.user_id as number, yield* put("users", t(u, { user_id: undefined, org_id: orgIds.get(u.org_id as number), username, display_name: undefined })));
    }
    for (const r of yield* read("user_roles", "tenant_uid = ? and user_id between ? and ? order by rowid", sourceUid, page[0]!.user_id, page.at(-1)!.user_id))
      yield* put("user_roles", t(r, { user_id: userIds.get(r.user_id as number) }));
  });

  const apiClients: Record<string, string> = {};
  for (const c of yield* read("api_clients")) {
    if ((yield* read("api_clients", "client_id = ?", `${c.client_id}-${suffix}`)).length > 0)
      throw new CopySuffixTakenError(`a copy with the suffix "${suffix}" exists already (API client ${c.client_id}-${suffix}); choose another suffix`);
    apiClients[c.client_id as string] = `${c.client_id}-${suffix}`;
    yield* put("api_clients", t(c, { client_id: `${c.client_id}-${suffix}` }));
  }

  // The tables whose rows the copy takes as they are, but for the tenant, are copied by the database: a large
  // tenant's profiles and events never pass through JavaScript.
  const inOrder = "tenant_uid = ? order by rowid";
  for (const table of ["detection_profiles", "detection_list_settings", "watchlists", "watchlist_excluded_users", "watchlist_departments", "watchlist_groups", "file_events", "file_contents", "file_xfc_contents", "case_numbers", "cases", "case_file_events"])
    yield copyRows(table, sourceUid, tenantUid);
  for (const table of ["trusted_activities", "audit_events"]) yield copyRows(table, sourceUid, tenantUid, "event_id", "activity_id");
  // After the events: an entry's totals are copied, not counted again by the exposure trigger.
  yield copyRows("watchlist_users", sourceUid, tenantUid);
  // An entry shows its user's names as the copy's users have them (renamed), not as the source's, and is sorted under
  // the copy's watchlist (users are never deleted: every entry has its user).
  yield statement(
    `update watchlist_users set username = u.username, display_name = u.display_name,
        list_key = (select w.rowid from watchlists w where w.tenant_uid = watchlist_users.tenant_uid and w.watchlist_id = watchlist_users.watchlist_id)
      from users u
      where watchlist_users.tenant_uid = ? and u.tenant_uid = watchlist_users.tenant_uid and u.user_uid = watchlist_users.user_uid`,
    tenantUid,
  );
  // Saved searches keep their ids and their authors' uids; an author of the tenant is named by the copy's name.
  const renamed = (name: unknown) => usernames[name as string] ?? name;
  for (const r of yield* read("saved_searches", inOrder))
    yield* put("saved_searches", t(r, { created_by_username: renamed(r.created_by_username), modified_by_username: renamed(r.modified_by_username) }));
  // Alert rules keep their ids (alerts name them); who made or changed one is named by the copy's name.
  for (const r of yield* read("alert_rules", inOrder)) yield* put("alert_rules", t(r, { created_by: renamed(r.created_by), modified_by: renamed(r.modified_by) }));
  for (const table of ["alert_rule_users", "alert_rule_watchlists"]) yield copyRows(table, sourceUid, tenantUid);
  // Alerts and sessions keep their ids; their actors and whoever changed them are named by the copy's names.
  // A session's context summary names its actor, and is written again under the copy's name.
  for (const r of yield* read("sessions", inOrder)) {
    const renamedRow = { ...r, actor_name: renamed(r.actor_name) };
    yield* put("sessions", t(r, { actor_name: renamedRow.actor_name, ...summaryColumns(renamedRow as unknown as SummarySource) }));
  }
  for (const r of yield* read("alerts", inOrder)) yield* put("alerts", t(r, { actor_name: renamed(r.actor_name), state_modified_by: renamed(r.state_modified_by) }));
  for (const r of yield* read("alert_notes", inOrder)) yield* put("alert_notes", t(r, { by: renamed(r.by) }));
  for (const table of ["session_events", "session_states", "session_notes", "alert_events", "alert_candidates"]) yield copyRows(table, sourceUid, tenantUid);

  // A device's backups, archive files and restores are read for a page of devices at once (a read per device made a
  // tenant of 100k devices 300k statements), and follow their device; a restore's requester is named by the copy's name.
  const byDevice = (found: Row[]) => {
    const groups = new Map<unknown, Row[]>();
    for (const r of found) groups.get(r.computer_id)?.push(r) ?? groups.set(r.computer_id, [r]);
    return groups;
  };
  yield* each("devices", "computer_id", function* (page) {
    const range = [page[0]!.computer_id, page.at(-1)!.computer_id];
    const ofPage = "tenant_uid = ? and computer_id between ? and ? order by rowid";
    const backups = byDevice(yield* read("device_backups", "computer_id in (select computer_id from devices where tenant_uid = ? and computer_id between ? and ?) order by rowid", sourceUid, ...range));
    const files = byDevice(yield* read("archive_files", ofPage, sourceUid, ...range));
    const restores = byDevice(yield* read("restores", ofPage, sourceUid, ...range));
    for (const d of page) {
      const computerId = yield* put("devices", t(d, { computer_id: undefined, user_id: userIds.get(d.user_id as number) }));
      for (const b of backups.get(d.computer_id) ?? []) yield* put("device_backups", { ...b, computer_id: computerId });
      for (const f of files.get(d.computer_id) ?? []) yield* put("archive_files", t(f, { computer_id: computerId }));
      for (const r of restores.get(d.computer_id) ?? []) yield* put("restores", t(r, { computer_id: computerId, requester_name: renamed(r.requester_name) }));
    }
  });

  const policies = new Map<string, string>();
  for (const p of yield* read("legal_hold_policies", inOrder)) {
    const uid = ids.uid();
    policies.set(p.policy_uid as string, uid);
    yield* put("legal_hold_policies", t(p, { policy_uid: uid }));
  }
  const holds = new Map<string, string>();
  for (const h of yield* read("legal_holds", inOrder)) {
    const uid = ids.uid();
    holds.set(h.legal_hold_uid as string, uid);
    yield* put("legal_holds", t(h, { legal_hold_uid: uid, policy_uid: policies.get(h.policy_uid as string) }));
  }
  const memberships = new Map<string, string>();
  yield* each("legal_hold_memberships", "rowid", function* (page) {
    for (const m of page) {
      const uid = ids.uid();
      memberships.set(m.membership_uid as string, uid);
      yield* put("legal_hold_memberships", t(m, { membership_uid: uid, legal_hold_uid: holds.get(m.legal_hold_uid as string) }));
    }
  });
  yield* each("legal_hold_events", "rowid", function* (page) {
    for (const e of page)
      yield* put("legal_hold_events", t(e, { event_uid: ids.uid(), legal_hold_uid: holds.get(e.legal_hold_uid as string), membership_uid: e.membership_uid === null ? null : memberships.get(e.membership_uid as string) }));
  });

  return { tenantUid, usernames, apiClients };
}

// Reads that run once per request or per write must find their rows by an index: a read that walks a whole table
// costs nothing on a small tenant and grows with the database. These once read every row of a table, each time:
// - the device limit's reads found a user's devices by the user's id alone, where devices_by_user starts with the
//   tenant (a 100k-user fixture whose org caps devices took 4 minutes to load, not 8 seconds);
// - a SCIM provider's group members were found from its users, and no index of memberships starts with the user:
//   every membership of the database was read for each user;
// - the matters an org admin reaches read every custodian of the database for each matter (by hold, without the
//   tenant the index starts with);
// - an org tree's usage summed the archives of every device of the database;
// - the detection lists' exfiltration filters read every exposure event of their window (a month of a million events
//   cost a fifth of a second a search).
import { Kysely, SqliteDialect, type CompiledQuery } from "kysely";
import { openDatabase, type OpenDatabase } from "../../src/db/open.js";
import type { Database, ScimProvidersTable } from "../../src/db/schema.js";
import { EntrySearch } from "../../src/domains/detectionlists/search-store.js";
import { DeviceStore } from "../../src/domains/devices/store.js";
import { LegalHoldStore } from "../../src/domains/legalhold/store.js";
import { UsageStore } from "../../src/domains/orgs/usage-store.js";
import { WatchlistStore } from "../../src/domains/watchlists/store.js";
import { ScimStore } from "../../src/domains/scim/store.js";

const TENANT = "b3e7c0de-5eed-4b1e-9a11-000000000042";

let opened: OpenDatabase;
beforeAll(async () => {
  opened = await openDatabase(":memory:");
});
afterAll(() => opened?.close());

/** SQLite's plan of each statement `run` makes through its database, a line a step. */
async function plansOf(run: (db: Kysely<Database>) => Promise<unknown>): Promise<string[][]> {
  const { sqlite } = opened;
  if (!sqlite) throw new Error("SQLite expected");
  const made: CompiledQuery[] = [];
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: (e) => void (e.level === "query" && made.push(e.query)) });
  await run(db);
  return made.map(({ sql, parameters }) => (sqlite.prepare(`explain query plan ${sql}`).all(parameters) as { detail: string }[]).map((row) => row.detail));
}

/** The steps that read a whole table (or index) of these: none should. */
const scansOf = (plans: string[][], tables: string[]) => plans.flat().filter((step) => tables.some((t) => new RegExp(`^SCAN ${t}\\b`).test(step)));

describe("reads that find their rows by index", () => {
  it("the device limit's: a user's active devices, counted and listed", async () => {
    const plans = await plansOf(async (db) => {
      await new DeviceStore(db).activeDeviceCount(TENANT, 7);
      await new DeviceStore(db).activeDeviceIds(TENANT, 7);
    });
    expect(plans).toEqual([
      ["SEARCH devices USING INDEX devices_by_user (tenant_uid=? AND user_id=?)"],
      ["SEARCH devices USING INDEX devices_by_user (tenant_uid=? AND user_id=?)"],
    ]);
  });

  it("a SCIM provider's groups' members: from its groups to their members and users", async () => {
    const provider = { tenant_uid: TENANT, provider_id: "okta" } as ScimProvidersTable;
    const plans = await plansOf((db) => new ScimStore(db).members(provider));
    expect(plans).toHaveLength(2);
    expect(scansOf(plans, ["m", "u", "r", "g", "scim_group_members", "users", "user_roles"])).toEqual([]);
  });

  it("an org tree's usage: the archives of the tenant's devices only", async () => {
    const plans = await plansOf((db) => new UsageStore(db).devices(TENANT));
    expect(scansOf(plans, ["device_backups", "devices", "d", "u"])).toEqual([]);
  });

  it("the matters an org admin reaches: each matter's custodians by the hold's index", async () => {
    const plans = await plansOf((db) => new LegalHoldStore(db).mattersReachedFrom(TENANT, [1, 2]));
    expect(scansOf(plans, ["m", "u", "c", "h", "legal_hold_memberships", "users", "legal_holds"])).toEqual([]);
    expect(plans.flat()).toContainEqual(expect.stringMatching(/^SEARCH m USING INDEX legal_hold_memberships_\w+ \(tenant_uid=\? AND legal_hold_uid=\?\)$/));
  });

  it("a page of a list's entries in each order, and of a watchlist's included users: its sort index under the list's key", async () => {
    const window = { today: "2026-12-07", nowIso: "2026-12-07T10:00:00.000Z", since24h: "2026-12-06T10:00:00.000Z", since30d: "2026-11-07T10:00:00.000Z" };
    const orders = { CREATED_AT: "created_at", DISPLAY_NAME: "display_name", NUM_EVENTS: "num_events", TOTAL_BYTES: "total_bytes", DEPARTURE_DATE: "departure_date" } as const;
    for (const [sort, column] of Object.entries(orders) as [keyof typeof orders, string][]) {
      const page = { tenantUid: TENANT, list: "DEPARTING_EMPLOYEE", filter: "OPEN", window, sort, direction: "desc", limit: 100, offset: 0 } as const;
      const plans = await plansOf((db) => new EntrySearch(db, () => 0).page(page, {}));
      expect(plans.flat()).toContainEqual(`SEARCH e USING COVERING INDEX watchlist_users_by_${column} (list_key=?)`);
      expect(plans.flat().filter((step) => step.includes("TEMP B-TREE"))).toEqual([]);
    }
    const included = await plansOf((db) => new WatchlistStore(db).includedUsers(TENANT, "w", 100, 0, ["2026-01-01", "u"]));
    expect(included.flat()).toContainEqual("SEARCH i USING INDEX watchlist_users_by_created_at (list_key=? AND (created_at,user_uid)>(?,?))");
    expect(included.flat().filter((step) => step.includes("TEMP B-TREE"))).toEqual([]);
  });

  it("the exfiltration filters: the users with exposures, each asked by the user's index, never the window's events", async () => {
    const window = { today: "2026-12-07", nowIso: "2026-12-07T10:00:00.000Z", since24h: "2026-12-06T10:00:00.000Z", since30d: "2026-11-07T10:00:00.000Z" };
    const search = (db: Kysely<Database>) => new EntrySearch(db, () => 0);
    const onEvents = (plans: string[][]) => plans.flat().filter((step) => /^SEARCH (file_events|f)\b/.test(step));
    const walk = [
      "SEARCH file_events USING COVERING INDEX file_events_exposures_by_user (tenant_uid=?)",
      "SEARCH f USING COVERING INDEX file_events_exposures_by_user (tenant_uid=? AND user_uid>?)",
    ];
    // The rollup: each listed user's latest exposure.
    const counted = await plansOf((db) => search(db).count(TENANT, "DEPARTING_EMPLOYEE", "EXFILTRATION_30_DAYS", window));
    expect(onEvents(counted)).toEqual([...walk, "SEARCH f USING COVERING INDEX file_events_exposures_by_user (tenant_uid=? AND user_uid=?)"]);
    // A page of the filter: whether each has an exposure in the window.
    const page = { tenantUid: TENANT, list: "DEPARTING_EMPLOYEE", filter: "EXFILTRATION_30_DAYS", window, sort: "DISPLAY_NAME", direction: "asc", limit: 100, offset: 0 } as const;
    const paged = await plansOf((db) => search(db).page(page, {}));
    expect(onEvents(paged)).toEqual([...walk, "SEARCH f USING COVERING INDEX file_events_exposures_by_user (tenant_uid=? AND user_uid=? AND ts>? AND ts<?)"]);
    expect(scansOf([...counted, ...paged], ["file_events", "f", "e", "watchlist_users"])).toEqual([]);
  });
});

// The current state as a fixture document: loading it into an empty emulator gives the same state back.
// Credentials (password and secret hashes, TOTP secrets) are left out unless asked for.
import { sql, type Kysely } from "kysely";
import { storedJson } from "../domains/fileevents/completed.js";
import type { Database } from "../db/schema.js";
import { setScimAttributesOf } from "../domains/users/scim-attributes.js";
import { exportSavedSearches } from "../domains/fileevents/saved-searches.js";
import { CaseStore } from "../domains/cases/store.js";
import { OrgSettingsStore } from "../domains/orgs/settings-store.js";
import { exportOrgSettings } from "../fixtures/org-settings.js";
import { exportArchiveContents } from "../fixtures/archives.js";
import { exportAlertRules } from "../domains/alertrules/export.js";
import { exportAlerts } from "../domains/alerts/export.js";
import { groupBy } from "../group-by.js";
import { FileContentStore } from "../domains/fileevents/content-store.js";
import { withSuppliedContents } from "../domains/fileevents/contents.js";
import { DeviceStore } from "../domains/devices/store.js";
import { listKeyOf } from "../domains/watchlists/store.js";
import { inList } from "../db/dialect.js";
import type { Writable } from "node:stream";
import { Batches, gather, writeJson } from "./batches.js";
import type { FixtureAlert, FixtureCase, FixtureDevice, FixtureDocument, FixtureOrg, FixtureScim, FixtureSession, FixtureTenant, FixtureTrustedActivity, FixtureUser, FixtureWatchlist } from "../fixtures/format.js";

const bool = (v: number) => v === 1;

async function beyondHighestCase(store: CaseStore, tenantUid: string, cases: FixtureCase[]): Promise<number | undefined> {
  const next = await store.nextNumber(tenantUid);
  return next > Math.max(0, ...cases.map((c) => c.number ?? 0)) + 1 ? next : undefined;
}
/** Sets only the keys whose value is neither null nor undefined: the fixture format leaves absent what is unset. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/** The tenant's watchlists in the order they were made, each rule's values in the order they were added. */
async function exportWatchlists(db: Kysely<Database>, tenantUid: string): Promise<FixtureWatchlist[]> {
  const watchlists: FixtureWatchlist[] = [];
  for (const w of await db.selectFrom("watchlists").selectAll().where("tenant_uid", "=", tenantUid).orderBy("created_at").orderBy("watchlist_id").execute()) {
    const users = (table: "watchlist_users" | "watchlist_excluded_users") =>
      db
        .selectFrom(`${table} as r` as "watchlist_users as r")
        .innerJoin("users as u", (j) => j.onRef("u.tenant_uid", "=", "r.tenant_uid").onRef("u.user_uid", "=", "r.user_uid"))
        .select(["u.username", "r.created_at as addedAt"])
        // The included users in the order of their index by time added, under their watchlist's key (0041).
        .where((eb) =>
          table === "watchlist_users"
            ? eb("r.list_key", "=", listKeyOf(db, tenantUid, { watchlistId: w.watchlist_id }))
            : eb.and([eb("r.tenant_uid", "=", tenantUid), eb("r.watchlist_id", "=", w.watchlist_id)]),
        )
        .orderBy("r.created_at")
        .orderBy("r.user_uid")
        .execute();
    const [included, excluded, departments, groups] = await Promise.all([
      users("watchlist_users"),
      users("watchlist_excluded_users"),
      db.selectFrom("watchlist_departments").select(["department as name", "created_at as addedAt"]).where("tenant_uid", "=", tenantUid).where("watchlist_id", "=", w.watchlist_id).orderBy("created_at").orderBy("department").execute(),
      db.selectFrom("watchlist_groups").select(["group_id as groupId", "created_at as addedAt"]).where("tenant_uid", "=", tenantUid).where("watchlist_id", "=", w.watchlist_id).orderBy("created_at").orderBy("group_id").execute(),
    ]);
    watchlists.push(
      defined<FixtureWatchlist>({
        listType: w.list_type as FixtureWatchlist["listType"],
        watchlistId: w.watchlist_id,
        title: w.title ?? undefined,
        description: w.description ?? undefined,
        createdAt: w.created_at,
        includedUsers: included.length ? included : undefined,
        excludedUsers: excluded.length ? excluded : undefined,
        departments: departments.length ? departments : undefined,
        directoryGroups: groups.length ? groups : undefined,
      }),
    );
  }
  return watchlists;
}

/** Users are read and written this many at a time, with what each owns. */
const USER_BATCH = 1000;

/**
 * The tenant's users in the order they were made, a batch at a time. What they own is read a table at a time for the
 * batch and grouped by owner: a query per user made the export of a 100k-user tenant take minutes (devices, found by
 * user alone, were a scan each).
 */
async function* userBatches(db: Kysely<Database>, uid: string, orgUidOf: Map<number, string>, holdName: Map<string, string>, includeCredentials: boolean): AsyncGenerator<FixtureUser[]> {
  for (let after = 0; ; ) {
    const batch = await db.selectFrom("users").selectAll().where("tenant_uid", "=", uid).where("user_id", ">", after).orderBy("user_id").limit(USER_BATCH).execute();
    if (!batch.length) return;
    after = batch.at(-1)!.user_id;
    const ids = batch.map((u) => u.user_id);
    const uids = batch.map((u) => u.user_uid);
    const parents = batch.flatMap((u) => (u.parent_actor_uid === null ? [] : [u.parent_actor_uid]));
    const usernameOf = new Map((parents.length ? await db.selectFrom("users").select(["user_uid", "username"]).where("tenant_uid", "=", uid).where(inList(db, "user_uid", parents)).execute() : []).map((p) => [p.user_uid, p.username]));
    const rolesOf = groupBy(await db.selectFrom("user_roles").select(["user_id", "role_id"]).where(inList(db, "user_id", ids)).orderBy("user_id").orderBy("role_id").execute(), (r) => r.user_id);
    const profileOf = new Map((await db.selectFrom("detection_profiles").selectAll().where("tenant_uid", "=", uid).where(inList(db, "user_uid", uids)).execute()).map((p) => [p.user_uid, p]));
    const heldIn = groupBy(await db.selectFrom("legal_hold_memberships").select(["user_uid", "legal_hold_uid"]).where("tenant_uid", "=", uid).where(inList(db, "user_uid", uids)).where("active", "=", 1).execute(), (m) => m.user_uid);
    // In the order of the index by user (SQLite's plan by computer id alone scanned every device of the tenant).
    const owned = await db.selectFrom("devices").selectAll().where("tenant_uid", "=", uid).where(inList(db, "user_id", ids)).orderBy("user_id").orderBy("computer_id").execute();
    const devicesOf = groupBy(owned, (d) => d.user_id);
    const computerIds = owned.map((d) => d.computer_id);
    const backupsOf = groupBy(await new DeviceStore(db).backups(computerIds), (b) => b.computer_id);
    const archiveContents = await exportArchiveContents(db, computerIds);
    yield batch.map((u) => {
      const roles = (rolesOf.get(u.user_id) ?? []).map((r) => r.role_id);
      const profile = profileOf.get(u.user_uid);
      const devices: FixtureDevice[] = [];
      for (const d of devicesOf.get(u.user_id) ?? []) {
        const backups = backupsOf.get(d.computer_id) ?? [];
        devices.push(
          defined<FixtureDevice>({
            name: d.name,
            computerId: d.computer_id,
            guid: d.guid,
            osHostname: d.os_hostname,
            osName: d.os_name as "win" | "mac" | "linux",
            osVersion: d.os_version ?? undefined,
            productVersion: d.product_version,
            service: d.service,
            active: bool(d.active),
            blocked: bool(d.blocked),
            deauthorized: bool(d.deauthorized),
            fullDiskAccess: d.full_disk_access === null ? undefined : d.full_disk_access === "true",
            lastConnectedAt: d.last_connected ?? undefined,
            backups: backups.map((b) =>
              defined({
                destination: b.destination_name,
                destinationGuid: b.destination_guid,
                archiveGuid: b.archive_guid,
                archiveFormat: b.archive_format as "ARCHIVE_V1" | "ARCHIVE_V2",
                selectedFiles: b.selected_files,
                selectedBytes: b.selected_bytes,
                todoFiles: b.todo_files,
                todoBytes: b.todo_bytes,
                archiveBytes: b.archive_bytes,
                billableBytes: b.billable_bytes,
                lastBackupAt: b.last_backup ?? undefined,
                lastCompletedBackupAt: b.last_completed_backup ?? undefined,
                coldStorage: bool(b.cold_storage),
                archiveHoldExpireDate: b.archive_hold_expire_date ?? undefined,
                ...archiveContents(d.computer_id, b.destination_guid),
              }),
            ),
          }),
        );
      }
      const scim: FixtureScim = defined({ ...setScimAttributesOf(u), streetAddress: u.street_address ?? undefined, postalCode: u.postal_code ?? undefined, costCenter: u.cost_center ?? undefined, organization: u.organization ?? undefined });
      const user = defined<FixtureUser>({
        username: u.username,
        ...(includeCredentials ? { passwordHash: u.password_hash ?? undefined, totpSecret: u.totp_secret ?? undefined } : {}),
        org: orgUidOf.get(u.org_id)!,
        roles,
        userId: u.user_id,
        userUid: u.user_uid,
        email: u.email ?? undefined,
        firstName: u.first_name ?? undefined,
        lastName: u.last_name ?? undefined,
        notes: u.notes ?? undefined,
        userExtRef: u.user_ext_ref ?? undefined,
        quotaInBytes: u.quota_in_bytes,
        active: bool(u.active),
        blocked: bool(u.blocked),
        invited: bool(u.invited),
        scim: Object.keys(scim).length ? scim : undefined,
        provisionedBy: u.scim_provider_id ? defined({ provider: u.scim_provider_id, deletedAt: u.scim_deleted_at ?? undefined, deprovisionAt: u.deprovision_at ?? undefined }) : undefined,
        actorParent: u.parent_actor_uid === null ? undefined : usernameOf.get(u.parent_actor_uid),
        detectionListProfile: profile
          ? defined({
              notes: profile.notes ?? undefined,
              cloudUsernames: JSON.parse(profile.cloud_usernames),
              startDate: profile.start_date ?? undefined,
              endDate: profile.end_date ?? undefined,
            })
          : false,
        devices: devices.length ? devices : undefined,
        legalHolds: (heldIn.get(u.user_uid) ?? []).map((m) => holdName.get(m.legal_hold_uid)!),
      });
      // Left out, a username that is an address would become the e-mail on loading: a user without one says so.
      if (u.email === null && u.username.includes("@")) user.email = null;
      return user;
    });
  }
}

/** Events are read and written this many at a time. */
const EVENT_BATCH = 5000;

/** The tenant's file events in the order they were stored, each the complete v2 event it was stored as. */
async function* eventBatches(db: Kysely<Database>, uid: string): AsyncGenerator<Record<string, unknown>[]> {
  const withContents = withSuppliedContents(await new FileContentStore(db).all(uid));
  for (let after = -1; ; ) {
    const rows = await db.selectFrom("file_events").select([sql<number>`rowid`.as("rowid"), storedJson(db, sql.ref("event_json")).as("event_json")]).where("tenant_uid", "=", uid).where(sql<boolean>`rowid > ${after}`).orderBy(sql`rowid`).limit(EVENT_BATCH).execute();
    if (!rows.length) return;
    after = rows.at(-1)!.rowid;
    yield withContents(rows.map((r) => JSON.parse(r.event_json) as Record<string, unknown>));
  }
}

/** A tenant of the export: its users, file events, alerts and sessions are read a batch at a time. */
type StateTenant = Omit<FixtureTenant, "users" | "fileEvents" | "alerts" | "sessions"> & {
  users: Batches<FixtureUser>;
  fileEvents?: Batches<Record<string, unknown>>;
  alerts?: Batches<FixtureAlert>;
  sessions?: Batches<FixtureSession>;
};
type StateDocument = { tenants: Batches<StateTenant> };

/** Each tenant in the order they were made, read when its turn comes. */
async function* tenantBatches(db: Kysely<Database>, includeCredentials: boolean): AsyncGenerator<StateTenant[]> {
  for (const t of await db.selectFrom("tenants").selectAll().orderBy("created_at").orderBy("tenant_uid").execute()) {
    const uid = t.tenant_uid;
    const orgs = await db.selectFrom("orgs").selectAll().where("tenant_uid", "=", uid).orderBy("org_id").execute();
    const orgSettings = await new OrgSettingsStore(db).own(orgs.map((o) => o.org_id));
    const tree = (parent: number | null): FixtureOrg[] =>
      orgs
        .filter((o) => o.parent_org_id === parent)
        .map((o) => {
          const children = tree(o.org_id);
          return defined<FixtureOrg>({
            orgName: o.org_name,
            orgId: o.org_id,
            orgUid: o.org_uid,
            orgGuid: o.org_guid,
            orgExtRef: o.org_ext_ref ?? undefined,
            notes: o.notes ?? undefined,
            registrationKey: o.registration_key,
            active: bool(o.active),
            blocked: bool(o.blocked),
            deviceLimitPerUser: o.device_limit_per_user ?? undefined,
            clientVisibility: o.client_visibility as "VISIBLE" | "HIDDEN",
            settings: exportOrgSettings(orgSettings.get(o.org_id)!),
            children: children.length ? children : undefined,
          });
        });
    const orgUidOf = new Map(orgs.map((o) => [o.org_id, o.org_uid]));

    const holds = await db.selectFrom("legal_holds as h").innerJoin("legal_hold_policies as p", "p.policy_uid", "h.policy_uid").selectAll("h").select("p.name as policy_name").where("h.tenant_uid", "=", uid).orderBy("h.creation_date").orderBy("h.legal_hold_uid").execute();
    const holdName = new Map(holds.map((h) => [h.legal_hold_uid, h.name]));

    const apiClients = (await db.selectFrom("api_clients").selectAll().where("tenant_uid", "=", uid).orderBy("client_id").execute()).map((c) =>
      defined({ clientId: c.client_id, ...(includeCredentials ? { secretHash: c.secret_hash } : {}), name: c.name, roles: JSON.parse(c.roles) as string[] }),
    );

    // A provider is its credential: without credentials, it is left out altogether.
    const scimProviders = (includeCredentials ? await db.selectFrom("scim_providers").selectAll().where("tenant_uid", "=", uid).orderBy("provider_id").execute() : []).map((p) =>
      defined({
        providerId: p.provider_id,
        name: p.name,
        authType: (p.auth_type === "BEARER" ? "bearer" : "basic") as "bearer" | "basic",
        username: p.basic_username ?? undefined,
        secretHash: p.secret_hash,
        org: orgUidOf.get(p.org_id)!,
      }),
    );

    // Groups belong to their provider: without it (no credentials asked for), they are left out too.
    const scimGroups = [];
    for (const g of includeCredentials ? await db.selectFrom("scim_groups").selectAll().where("tenant_uid", "=", uid).orderBy("created_at").orderBy("group_id").execute() : []) {
      const members = await db.selectFrom("scim_group_members as m").innerJoin("users as u", "u.user_id", "m.user_id").select("u.username").where("m.group_id", "=", g.group_id).orderBy("u.user_id").execute();
      scimGroups.push(defined({ provider: g.provider_id, groupId: g.group_id, displayName: g.display_name, externalId: g.external_id ?? undefined, members: members.map((m) => m.username) }));
    }

    const watchlists = await exportWatchlists(db, uid);
    // In the order they were stored, each the complete v2 event it was stored as.
    const savedSearches = await exportSavedSearches(db, uid);
    const alertRules = await exportAlertRules(db, uid);
    // With the rules, the alerts they raised (then always written, [] for none): a reload must not raise them again.
    const alerting = await exportAlerts(db, uid);
    const trustedActivities = (await db.selectFrom("trusted_activities").selectAll().where("tenant_uid", "=", uid).orderBy("activity_id").execute()).map((a) =>
      defined<FixtureTrustedActivity>({
        type: a.type as FixtureTrustedActivity["type"],
        value: a.value,
        description: a.description ?? undefined,
        isHighValueSource: a.is_high_value_source === 1,
        groups: JSON.parse(a.action_groups) as FixtureTrustedActivity["groups"],
        updatedAt: a.updated_at,
        updatedById: a.updated_by_id,
        updatedByName: a.updated_by_name,
        principalType: a.principal_type === "API_KEY" ? "API_KEY" : "USER",
      }),
    );
    const caseStore = new CaseStore(db);
    const cases = (await caseStore.all(uid)).map(({ row: c, eventIds }) =>
      defined<FixtureCase>({
        number: c.number,
        name: c.name,
        status: c.status as FixtureCase["status"],
        description: c.description,
        findings: c.findings,
        subject: c.subject_username,
        assignee: c.assignee_username,
        createdAt: c.created_at,
        updatedAt: c.updated_at,
        archivalTime: c.archival_time,
        createdByUserUid: c.created_by_uid,
        createdByUsername: c.created_by_name,
        lastModifiedByUserUid: c.modified_by_uid,
        lastModifiedByUsername: c.modified_by_name,
        fileEvents: eventIds.length ? eventIds : undefined,
      }),
    );
    const anyEvent = await db.selectFrom("file_events").select("event_id").where("tenant_uid", "=", uid).limit(1).executeTakeFirst();

    yield [
      defined<StateTenant>({
        tenantUid: uid,
        name: t.name,
        registrationKey: t.registration_key,
        orgs: tree(null),
        users: new Batches(() => userBatches(db, uid, orgUidOf, holdName, includeCredentials)),
        apiClients,
        scimProviders: scimProviders.length ? scimProviders : undefined,
        scimGroups: scimGroups.length ? scimGroups : undefined,
        watchlists: watchlists.length ? watchlists : undefined,
        fileEvents: anyEvent ? new Batches(() => eventBatches(db, uid)) : undefined,
        trustedActivities: trustedActivities.length ? trustedActivities : undefined,
        cases: cases.length ? cases : undefined,
        // Only when a case deleted last left the numbering beyond the highest case: otherwise the cases imply it.
        nextCaseNumber: await beyondHighestCase(caseStore, uid, cases),
        savedSearches: savedSearches.length ? savedSearches : undefined,
        alertRules: alertRules.length ? alertRules : undefined,
        alerts: alerting ? new Batches(alerting.alerts) : undefined,
        sessions: alerting?.sessions ? new Batches(alerting.sessions) : undefined,
        alertCandidates: alerting?.alertCandidates.length ? alerting.alertCandidates : undefined,
        legalHolds: holds.map((h) =>
          defined({ name: h.name, legalHoldUid: h.legal_hold_uid, createdAt: h.creation_date, description: h.description ?? undefined, notes: h.notes ?? undefined, holdExtRef: h.hold_ext_ref ?? undefined, active: bool(h.active), policyName: h.policy_name, policyUid: h.policy_uid }),
        ),
      }),
    ];
  }
}

/** The state as a document whose tenants, their users and their file events are read as it is written. */
function stateDocument(db: Kysely<Database>, includeCredentials: boolean): StateDocument {
  return { tenants: new Batches(() => tenantBatches(db, includeCredentials)) };
}

/** The state as one fixture document in memory. */
export async function exportState(db: Kysely<Database>, includeCredentials: boolean): Promise<FixtureDocument> {
  return gather(stateDocument(db, includeCredentials)) as Promise<FixtureDocument>;
}

/** The state written to a response as it is read; false if the client went away. */
export function writeState(db: Kysely<Database>, includeCredentials: boolean, out: Writable): Promise<boolean> {
  return writeJson(stateDocument(db, includeCredentials), out);
}

// Detection lists: the SCIM attributes of the Code42 user, profiles, list entries, alert settings and the
// file-exposure events behind the exfiltration filters. Triggers keep the entries' sort columns true.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";
import { addRowid, autoId, int, nocase, nocaseType, pgTrigger } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  // SCIM-provisioned attributes live on the Code42 user; profiles keep a snapshot taken at creation and refresh.
  for (const column of ["title", "division", "department", "employment_type", "manager_uid", "manager_username", "manager_display_name", "city", "state", "country"])
    await db.schema.alterTable("users").addColumn(column, "text").execute();
  // The name the console and the detection lists show: first and last name, else the username.
  // PostgreSQL 15 has stored generated columns only.
  if (isPostgres(db))
    await sql`alter table users add column display_name text generated always as (
      coalesce(nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), ''), username)) stored`.execute(db);
  else
    await sql`alter table users add column display_name text generated always as (
    coalesce(nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), ''), username)) virtual`.execute(db);

  await db.schema
    .createTable("detection_profiles")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("user_uid", "text", (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("risk_factors", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("cloud_usernames", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("scim", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("detection_profiles_pk", ["tenant_uid", "user_uid"])
    .execute();
  // 0014 moves risk factors in the profiles' rowid order.
  await addRowid(db, "detection_profiles");

  await db.schema
    .createTable("detection_list_entries")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("list", "text", (c) => c.notNull().check(sql`list in ('DEPARTING_EMPLOYEE', 'HIGH_RISK_EMPLOYEE')`))
    .addColumn("user_uid", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("departure_date", "text")
    // Copies of the user's display name and exposure totals, so every sort key has an index.
    .addColumn("display_name", nocaseType(db), nocase(db, (c) => c.notNull()))
    .addColumn("num_events", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("total_bytes", int(db), (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("detection_list_entries_pk", ["tenant_uid", "list", "user_uid"])
    .execute();
  // 0012 moves the entries in rowid order.
  await addRowid(db, "detection_list_entries");
  for (const key of ["created_at", "departure_date", "display_name", "num_events", "total_bytes"])
    await db.schema.createIndex(`detection_list_entries_by_${key}`).on("detection_list_entries").columns(["tenant_uid", "list", key, "user_uid"]).execute();

  await db.schema
    .createTable("detection_list_settings")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("list", "text", (c) => c.notNull())
    .addColumn("alerts_enabled", int(db), (c) => c.notNull())
    .addPrimaryKeyConstraint("detection_list_settings_pk", ["tenant_uid", "list"])
    .execute();

  await db.schema
    .createTable("file_exposure_events")
    .addColumn("event_id", int(db), autoId(db))
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("user_uid", "text", (c) => c.notNull())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("bytes", int(db), (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("file_exposure_events_by_user").on("file_exposure_events").columns(["tenant_uid", "user_uid", "occurred_at"]).execute();
  // The exfiltration filters start from the events inside a window.
  await db.schema.createIndex("file_exposure_events_by_time").on("file_exposure_events").columns(["tenant_uid", "occurred_at", "user_uid"]).execute();

  // How many entries each list holds, kept by triggers: counting a million rows per search would dominate it.
  await db.schema
    .createTable("detection_list_counts")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("list", "text", (c) => c.notNull())
    .addColumn("entries", int(db), (c) => c.notNull())
    .addPrimaryKeyConstraint("detection_list_counts_pk", ["tenant_uid", "list"])
    .execute();
  // PostgreSQL: each trigger is a plpgsql function (pgTrigger), and the upsert names the count it adds to (PostgreSQL
  // finds a bare `entries` ambiguous with the `excluded` row's).
  if (isPostgres(db)) {
    await pgTrigger(db, "detection_list_counts_insert", "after insert on detection_list_entries", `
      insert into detection_list_counts (tenant_uid, list, entries) values (new.tenant_uid, new.list, 1)
        on conflict (tenant_uid, list) do update set entries = detection_list_counts.entries + 1;`);
    await pgTrigger(db, "detection_list_counts_delete", "after delete on detection_list_entries", `
      update detection_list_counts set entries = entries - 1 where tenant_uid = old.tenant_uid and list = old.list;`);
    await pgTrigger(db, "detection_list_entries_display_name", "after update of first_name, last_name, username on users", `
      update detection_list_entries set display_name = new.display_name
        where tenant_uid = new.tenant_uid and user_uid = new.user_uid;`);
    await pgTrigger(db, "detection_list_entries_exposure", "after insert on file_exposure_events", `
      update detection_list_entries set num_events = num_events + 1, total_bytes = total_bytes + new.bytes
        where tenant_uid = new.tenant_uid and user_uid = new.user_uid;`);
  } else await sqliteTriggers(db);
}

// The triggers as SQLite has them.
async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`create trigger detection_list_counts_insert after insert on detection_list_entries
    begin
      insert into detection_list_counts (tenant_uid, list, entries) values (new.tenant_uid, new.list, 1)
        on conflict (tenant_uid, list) do update set entries = entries + 1;
    end`.execute(db);
  await sql`create trigger detection_list_counts_delete after delete on detection_list_entries
    begin
      update detection_list_counts set entries = entries - 1 where tenant_uid = old.tenant_uid and list = old.list;
    end`.execute(db);

  await sql`create trigger detection_list_entries_display_name after update of first_name, last_name, username on users
    begin
      update detection_list_entries set display_name = new.display_name
        where tenant_uid = new.tenant_uid and user_uid = new.user_uid;
    end`.execute(db);
  await sql`create trigger detection_list_entries_exposure after insert on file_exposure_events
    begin
      update detection_list_entries set num_events = num_events + 1, total_bytes = total_bytes + new.bytes
        where tenant_uid = new.tenant_uid and user_uid = new.user_uid;
    end`.execute(db);
}

// Watchlists, the detection lists' successors: one model behind both views. A tenant has watchlists of a type (one
// each, except CUSTOM); the legacy departing and high-risk lists are the included users of the tenant's
// DEPARTING_EMPLOYEE and HIGH_RISK_EMPLOYEE watchlists. The list entries move to `watchlist_users` keyed by
// watchlist, with their sort columns, indexes and triggers; excluded users, included departments and directory
// groups are new. A watchlist is made here for each list that has entries or alert settings.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";
import { randomUuid } from "./random-uuid.js";
import { addRowid, dropTrigger, int, nocase, nocaseType, pgTrigger } from "./types.js";


export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("watchlists")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("watchlist_id", "text", (c) => c.notNull())
    .addColumn("list_type", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("description", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    // A tenant copy keeps watchlist ids, as it keeps user uids: unique per tenant.
    .addPrimaryKeyConstraint("watchlists_pk", ["tenant_uid", "watchlist_id"])
    .execute();
  await sql`create unique index watchlists_one_per_type on watchlists (tenant_uid, list_type) where list_type <> 'CUSTOM'`.execute(db);
  await sql`create index watchlists_in_order on watchlists (tenant_uid, created_at, watchlist_id)`.execute(db);
  await sql`insert into watchlists (tenant_uid, watchlist_id, list_type, created_at)
    select tenant_uid, ${randomUuid(db)}, list, min(created_at) from (
      select tenant_uid, list, created_at from detection_list_entries
      union all
      select s.tenant_uid, s.list, t.created_at from detection_list_settings s join tenants t on t.tenant_uid = s.tenant_uid) as made
    group by tenant_uid, list`.execute(db);

  await db.schema
    .createTable("watchlist_users")
    .addColumn("tenant_uid", "text", (c) => c.notNull())
    .addColumn("watchlist_id", "text", (c) => c.notNull())
    .addColumn("user_uid", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    // Copies of the profile's end date, the user's display name and exposure totals, so every sort key has an index.
    .addColumn("departure_date", "text")
    .addColumn("display_name", nocaseType(db), nocase(db, (c) => c.notNull()))
    .addColumn("num_events", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("total_bytes", int(db), (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("watchlist_users_pk", ["tenant_uid", "watchlist_id", "user_uid"])
    .addForeignKeyConstraint("watchlist_users_watchlist", ["tenant_uid", "watchlist_id"], "watchlists", ["tenant_uid", "watchlist_id"], (c) => c.onDelete("cascade"))
    .execute();
  // A user's risk factors are their watchlists in the order they were added, ties in rowid order (0014).
  await addRowid(db, "watchlist_users");
  for (const key of ["created_at", "departure_date", "display_name", "num_events", "total_bytes"])
    await db.schema.createIndex(`watchlist_users_by_${key}`).on("watchlist_users").columns(["tenant_uid", "watchlist_id", key, "user_uid"]).execute();
  // The triggers below, and "which watchlists is this user on", start from the user.
  await db.schema.createIndex("watchlist_users_by_user").on("watchlist_users").columns(["tenant_uid", "user_uid"]).execute();
  await sql`insert into watchlist_users (tenant_uid, watchlist_id, user_uid, created_at, departure_date, display_name, num_events, total_bytes)
    select e.tenant_uid, w.watchlist_id, e.user_uid, e.created_at, e.departure_date, e.display_name, e.num_events, e.total_bytes
    from detection_list_entries e join watchlists w on w.tenant_uid = e.tenant_uid and w.list_type = e.list
    order by e.rowid`.execute(db);

  await db.schema
    .createTable("watchlist_user_counts")
    .addColumn("tenant_uid", "text", (c) => c.notNull())
    .addColumn("watchlist_id", "text", (c) => c.notNull())
    .addColumn("entries", int(db), (c) => c.notNull())
    .addPrimaryKeyConstraint("watchlist_user_counts_pk", ["tenant_uid", "watchlist_id"])
    .addForeignKeyConstraint("watchlist_user_counts_watchlist", ["tenant_uid", "watchlist_id"], "watchlists", ["tenant_uid", "watchlist_id"], (c) => c.onDelete("cascade"))
    .execute();
  await sql`insert into watchlist_user_counts (tenant_uid, watchlist_id, entries)
    select tenant_uid, watchlist_id, count(*) from watchlist_users group by tenant_uid, watchlist_id`.execute(db);

  await sql`drop table detection_list_counts`.execute(db);
  // Triggers on other tables that wrote the entries (those on the entries go with their table).
  await dropTrigger(db, "detection_profiles_end_date", "detection_profiles");
  await dropTrigger(db, "detection_list_entries_display_name", "users");
  await dropTrigger(db, "detection_list_entries_exposure", "file_exposure_events");
  await sql`drop table detection_list_entries`.execute(db);
  // PostgreSQL: the functions of the entries' own triggers outlive their table.
  if (isPostgres(db)) await sql`drop function detection_list_counts_insert(), detection_list_counts_delete()`.execute(db);

  // PostgreSQL: the same triggers as plpgsql functions (migrations/types.ts, pgTrigger); the upsert names the count it
  // adds to, since PostgreSQL finds a bare `entries` ambiguous with the `excluded` row's.
  if (isPostgres(db)) {
    await pgTrigger(db, "watchlist_user_counts_insert", "after insert on watchlist_users", `
      insert into watchlist_user_counts (tenant_uid, watchlist_id, entries) values (new.tenant_uid, new.watchlist_id, 1)
        on conflict (tenant_uid, watchlist_id) do update set entries = watchlist_user_counts.entries + 1;`);
    await pgTrigger(db, "watchlist_user_counts_delete", "after delete on watchlist_users", `
      update watchlist_user_counts set entries = entries - 1 where tenant_uid = old.tenant_uid and watchlist_id = old.watchlist_id;`);
    await pgTrigger(db, "watchlist_users_display_name", "after update of first_name, last_name, username on users", `
      update watchlist_users set display_name = new.display_name where tenant_uid = new.tenant_uid and user_uid = new.user_uid;`);
    await pgTrigger(db, "watchlist_users_exposure", "after insert on file_exposure_events", `
      update watchlist_users set num_events = num_events + 1, total_bytes = total_bytes + new.bytes
        where tenant_uid = new.tenant_uid and user_uid = new.user_uid;`);
    await pgTrigger(db, "watchlist_users_end_date", "after update of end_date on detection_profiles", `
      update watchlist_users set departure_date = new.end_date where tenant_uid = new.tenant_uid and user_uid = new.user_uid;`);
  } else await sqliteTriggers(db);

  // The inclusion rules beyond named users. Departments are names as providers write them (SCIM's enterprise
  // department); directory groups are the groups providers push, by their SCIM id.
  for (const [table, key] of [
    ["watchlist_excluded_users", "user_uid"],
    ["watchlist_departments", "department"],
    ["watchlist_groups", "group_id"],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn("tenant_uid", "text", (c) => c.notNull())
      .addColumn("watchlist_id", "text", (c) => c.notNull())
      .addColumn(key, "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ["tenant_uid", "watchlist_id", key])
      .addForeignKeyConstraint(`${table}_watchlist`, ["tenant_uid", "watchlist_id"], "watchlists", ["tenant_uid", "watchlist_id"], (c) => c.onDelete("cascade"))
      .execute();
  }
  // A department-driven watchlist's members: the users of a department, in a tenant of any size.
  await sql`create index users_by_department on users (tenant_uid, department, user_uid) where department is not null`.execute(db);
}

// The triggers as SQLite has them.
async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`create trigger watchlist_user_counts_insert after insert on watchlist_users
    begin
      insert into watchlist_user_counts (tenant_uid, watchlist_id, entries) values (new.tenant_uid, new.watchlist_id, 1)
        on conflict (tenant_uid, watchlist_id) do update set entries = entries + 1;
    end`.execute(db);
  await sql`create trigger watchlist_user_counts_delete after delete on watchlist_users
    begin
      update watchlist_user_counts set entries = entries - 1 where tenant_uid = old.tenant_uid and watchlist_id = old.watchlist_id;
    end`.execute(db);
  await sql`create trigger watchlist_users_display_name after update of first_name, last_name, username on users
    begin
      update watchlist_users set display_name = new.display_name where tenant_uid = new.tenant_uid and user_uid = new.user_uid;
    end`.execute(db);
  await sql`create trigger watchlist_users_exposure after insert on file_exposure_events
    begin
      update watchlist_users set num_events = num_events + 1, total_bytes = total_bytes + new.bytes
        where tenant_uid = new.tenant_uid and user_uid = new.user_uid;
    end`.execute(db);
  // The profile's end date is the departing list's departure date: every row of the user carries it.
  await sql`create trigger watchlist_users_end_date after update of end_date on detection_profiles
    begin
      update watchlist_users set departure_date = new.end_date where tenant_uid = new.tenant_uid and user_uid = new.user_uid;
    end`.execute(db);
}

// One store of what users did with files: the legacy lists' exposure events (their exfiltration filters and the
// entries' event and byte totals) become file events, and file_exposure_events goes. A file event now names the
// tenant's user it belongs to (user_uid, found from user.id or user.email when it is taken in), says whether it is
// an exposure, and carries its size, so the lists' totals and windows read indexed columns.
// It borrows pure functions of the event's shape from the app (no tables, no ids): an event made here is the same as
// one taken in since.
import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";
import { exposureEvent } from "../src/domains/fileevents/exposure.js";
import { completeEvent } from "../src/domains/fileevents/shape.js";
import { mayBeExposure } from "../src/domains/fileevents/v1-derived.js";
import { dropTrigger, intSql, pgTrigger } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table file_events add column user_uid text`.execute(db);
  await sql`alter table file_events add column exposure ${intSql(db)} not null default 0`.execute(db);
  await sql`alter table file_events add column size_bytes ${intSql(db)}`.execute(db);

  const held = await sql<{ tenant_uid: string; event_id: string; event_json: string }>`select tenant_uid, event_id, event_json from file_events`.execute(db);
  for (const r of held.rows) {
    const e = JSON.parse(r.event_json) as Record<string, unknown>;
    const size = ((e.file ?? {}) as Record<string, unknown>).sizeInBytes;
    // PostgreSQL: the JSON is text there too (read as jsonb), and username and user_email compare without case as
    // citext (email is text: cast).
    if (isPostgres(db))
      await sql`update file_events set exposure = ${Number(mayBeExposure(e))}, size_bytes = ${typeof size === "number" ? size : null},
        user_uid = (select u.user_uid from users u where u.tenant_uid = file_events.tenant_uid
          and (u.user_uid = file_events.event_json::jsonb #>> '{user,id}' or u.username = file_events.user_email or u.email::citext = file_events.user_email)
          order by u.user_uid = file_events.event_json::jsonb #>> '{user,id}' desc limit 1)
      where tenant_uid = ${r.tenant_uid} and event_id = ${r.event_id}`.execute(db);
    else
      await sql`update file_events set exposure = ${Number(mayBeExposure(e))}, size_bytes = ${typeof size === "number" ? size : null},
        user_uid = (select u.user_uid from users u where u.tenant_uid = file_events.tenant_uid
          and (u.user_uid = json_extract(file_events.event_json, '$.user.id') or u.username = file_events.user_email collate nocase or u.email = file_events.user_email collate nocase)
          order by u.user_uid = json_extract(file_events.event_json, '$.user.id') desc limit 1)
      where tenant_uid = ${r.tenant_uid} and event_id = ${r.event_id}`.execute(db);
  }

  const exposures = await sql<{ tenant_uid: string; user_uid: string; email: string; occurred_at: string; bytes: number }>`
    select f.tenant_uid, f.user_uid, coalesce(u.email, u.username) as email, f.occurred_at, f.bytes
    from file_exposure_events f join users u on u.tenant_uid = f.tenant_uid and u.user_uid = f.user_uid order by f.event_id`.execute(db);
  for (const x of exposures.rows) {
    const eventId = `0_${randomUUID()}_${x.user_uid}_0_0`;
    const e = completeEvent(exposureEvent(eventId, { uid: x.user_uid, email: x.email }, x.occurred_at, x.bytes));
    await sql`insert into file_events (tenant_uid, event_id, ts, inserted, user_email, action, destination_category, event_json, user_uid, exposure, size_bytes)
      values (${x.tenant_uid}, ${eventId}, ${x.occurred_at}, ${x.occurred_at}, ${x.email}, 'removable-media-created', 'Removable Media', ${JSON.stringify(e)}, ${x.user_uid}, 1, ${x.bytes})`.execute(db);
  }
  await dropTrigger(db, "watchlist_users_exposure", "file_exposure_events");
  await sql`drop table file_exposure_events`.execute(db);

  await sql`create index file_events_exposures on file_events (tenant_uid, ts, user_uid) where exposure = 1`.execute(db);
  await sql`create index file_events_exposures_by_user on file_events (tenant_uid, user_uid, size_bytes) where exposure = 1`.execute(db);
  // The entries' totals move with every exposure taken in (an included user's start from the events held then).
  // PostgreSQL: the trigger is a plpgsql function (migrations/types.ts, pgTrigger).
  if (isPostgres(db))
    await pgTrigger(db, "watchlist_users_exposure", "after insert on file_events", `
      update watchlist_users set num_events = num_events + 1, total_bytes = total_bytes + coalesce(new.size_bytes, 0)
        where tenant_uid = new.tenant_uid and user_uid = new.user_uid;`, "new.exposure = 1 and new.user_uid is not null");
  else
    await sql`create trigger watchlist_users_exposure after insert on file_events when new.exposure = 1 and new.user_uid is not null
    begin
      update watchlist_users set num_events = num_events + 1, total_bytes = total_bytes + coalesce(new.size_bytes, 0)
        where tenant_uid = new.tenant_uid and user_uid = new.user_uid;
    end`.execute(db);
}

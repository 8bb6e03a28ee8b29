// Code42 turned the detection lists' risk factors into watchlists of the same names (FLIGHT_RISK, CONTRACT_EMPLOYEE,
// …): a risk factor on a profile is now the user's inclusion in the tenant's watchlist of that type, in the order
// added. Each profile's factors move to those watchlists (made where missing); the profile's column stays as their
// copy, kept by triggers, since every list item shows it (read per row, the watchlists cost a page as much again).
// Also: rows 0012 carried from the high-risk list get the profile's end date, as every row has since.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";
import { randomUuid } from "./random-uuid.js";
import { pgTrigger } from "./types.js";

const RISK_FACTORS = sql.raw(`('FLIGHT_RISK', 'HIGH_IMPACT_EMPLOYEE', 'ELEVATED_ACCESS_PRIVILEGES', 'PERFORMANCE_CONCERNS', 'SUSPICIOUS_SYSTEM_ACTIVITY', 'POOR_SECURITY_PRACTICES', 'CONTRACT_EMPLOYEE')`);

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return upPostgres(db);
  await sql`insert into watchlists (tenant_uid, watchlist_id, list_type, created_at)
    select p.tenant_uid, ${randomUuid(db)}, f.value, min(p.created_at)
    from detection_profiles p, json_each(p.risk_factors) f
    where not exists (select 1 from watchlists w where w.tenant_uid = p.tenant_uid and w.list_type = f.value)
    group by p.tenant_uid, f.value`.execute(db);
  // In each profile's order (json_each's key): rowids keep it where the instants are equal.
  await sql`insert or ignore into watchlist_users (tenant_uid, watchlist_id, user_uid, created_at, departure_date, display_name, num_events, total_bytes)
    select p.tenant_uid, w.watchlist_id, p.user_uid, substr(p.created_at, 1, 23) || '0000Z', p.end_date, u.display_name,
      (select count(*) from file_exposure_events e where e.tenant_uid = p.tenant_uid and e.user_uid = p.user_uid),
      (select coalesce(sum(e.bytes), 0) from file_exposure_events e where e.tenant_uid = p.tenant_uid and e.user_uid = p.user_uid)
    from detection_profiles p, json_each(p.risk_factors) f
    join watchlists w on w.tenant_uid = p.tenant_uid and w.list_type = f.value
    join users u on u.tenant_uid = p.tenant_uid and u.user_uid = p.user_uid
    order by p.rowid, f.key`.execute(db);
  // A deleted watchlist takes its rows with it, which the row triggers may no longer see as a risk factor's.
  await sql`create trigger watchlists_risk_factors_delete after delete on watchlists when old.list_type in ${RISK_FACTORS}
    begin
      update detection_profiles set risk_factors = (select json_group_array(list_type) from (
          select w.list_type from watchlists w cross join watchlist_users i
          where w.tenant_uid = detection_profiles.tenant_uid and w.watchlist_id <> old.watchlist_id and w.list_type in ${RISK_FACTORS}
            and i.tenant_uid = w.tenant_uid and i.watchlist_id = w.watchlist_id and i.user_uid = detection_profiles.user_uid
          order by i.created_at, i.rowid))
        where tenant_uid = old.tenant_uid and risk_factors like '%"' || old.list_type || '"%';
    end`.execute(db);
  for (const [event, row] of [["insert", "new"], ["delete", "old"]] as const) {
    const r = sql.raw(row);
    await sql`create trigger ${sql.raw(`watchlist_users_risk_factors_${event}`)} after ${sql.raw(event)} on watchlist_users
      when (select list_type from watchlists where tenant_uid = ${r}.tenant_uid and watchlist_id = ${r}.watchlist_id) in ${RISK_FACTORS}
      begin
        update detection_profiles set risk_factors = (select json_group_array(list_type) from (
            select w.list_type from watchlists w cross join watchlist_users i
            where w.tenant_uid = ${r}.tenant_uid and w.list_type in ${RISK_FACTORS}
              and i.tenant_uid = w.tenant_uid and i.watchlist_id = w.watchlist_id and i.user_uid = ${r}.user_uid
            order by i.created_at, i.rowid))
          where tenant_uid = ${r}.tenant_uid and user_uid = ${r}.user_uid;
      end`.execute(db);
  }
  // Every row of a user carries the profile's end date since 0012's trigger; 0012 carried it on departing rows only.
  await sql`update watchlist_users set departure_date = (
      select p.end_date from detection_profiles p where p.tenant_uid = watchlist_users.tenant_uid and p.user_uid = watchlist_users.user_uid)
    where departure_date is null`.execute(db);
}

// PostgreSQL: the same steps. Its JSON functions differ (the lists are text there too, read as jsonb; an element's
// position is its ordinality), `insert or ignore` is `on conflict do nothing`, the triggers are plpgsql functions
// (migrations/types.ts, pgTrigger) and a trigger's `when` may not hold a subquery (tested in the body instead). The
// copy of the factors is written as SQLite's json_group_array writes it (no spaces), which jsonb would not.
const PG_RISK_FACTORS = `('FLIGHT_RISK', 'HIGH_IMPACT_EMPLOYEE', 'ELEVATED_ACCESS_PRIVILEGES', 'PERFORMANCE_CONCERNS', 'SUSPICIOUS_SYSTEM_ACTIVITY', 'POOR_SECURITY_PRACTICES', 'CONTRACT_EMPLOYEE')`;
const PG_FACTORS = `coalesce('[' || string_agg(to_json(w.list_type)::text, ',' order by i.created_at, i.rowid) || ']', '[]')`;

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`insert into watchlists (tenant_uid, watchlist_id, list_type, created_at)
    select p.tenant_uid, ${randomUuid(db)}, f.value, min(p.created_at)
    from detection_profiles p cross join lateral jsonb_array_elements_text(p.risk_factors::jsonb) as f (value)
    where not exists (select 1 from watchlists w where w.tenant_uid = p.tenant_uid and w.list_type = f.value)
    group by p.tenant_uid, f.value`.execute(db);
  await sql`insert into watchlist_users (tenant_uid, watchlist_id, user_uid, created_at, departure_date, display_name, num_events, total_bytes)
    select p.tenant_uid, w.watchlist_id, p.user_uid, substr(p.created_at, 1, 23) || '0000Z', p.end_date, u.display_name,
      (select count(*) from file_exposure_events e where e.tenant_uid = p.tenant_uid and e.user_uid = p.user_uid),
      (select coalesce(sum(e.bytes), 0) from file_exposure_events e where e.tenant_uid = p.tenant_uid and e.user_uid = p.user_uid)
    from detection_profiles p cross join lateral jsonb_array_elements_text(p.risk_factors::jsonb) with ordinality as f (value, key)
    join watchlists w on w.tenant_uid = p.tenant_uid and w.list_type = f.value
    join users u on u.tenant_uid = p.tenant_uid and u.user_uid = p.user_uid
    order by p.rowid, f.key
    on conflict do nothing`.execute(db);
  await pgTrigger(db, "watchlists_risk_factors_delete", "after delete on watchlists", `
      update detection_profiles set risk_factors = (select ${PG_FACTORS}
          from watchlists w cross join watchlist_users i
          where w.tenant_uid = detection_profiles.tenant_uid and w.watchlist_id <> old.watchlist_id and w.list_type in ${PG_RISK_FACTORS}
            and i.tenant_uid = w.tenant_uid and i.watchlist_id = w.watchlist_id and i.user_uid = detection_profiles.user_uid)
        where tenant_uid = old.tenant_uid and risk_factors like '%"' || old.list_type || '"%';`, `old.list_type in ${PG_RISK_FACTORS}`);
  for (const [event, r] of [["insert", "new"], ["delete", "old"]] as const) {
    await pgTrigger(db, `watchlist_users_risk_factors_${event}`, `after ${event} on watchlist_users`, `
      if (select list_type from watchlists where tenant_uid = ${r}.tenant_uid and watchlist_id = ${r}.watchlist_id) in ${PG_RISK_FACTORS} then
        update detection_profiles set risk_factors = (select ${PG_FACTORS}
            from watchlists w cross join watchlist_users i
            where w.tenant_uid = ${r}.tenant_uid and w.list_type in ${PG_RISK_FACTORS}
              and i.tenant_uid = w.tenant_uid and i.watchlist_id = w.watchlist_id and i.user_uid = ${r}.user_uid)
          where tenant_uid = ${r}.tenant_uid and user_uid = ${r}.user_uid;
      end if;`);
  }
  await sql`update watchlist_users set departure_date = (
      select p.end_date from detection_profiles p where p.tenant_uid = watchlist_users.tenant_uid and p.user_uid = watchlist_users.user_uid)
    where departure_date is null`.execute(db);
}

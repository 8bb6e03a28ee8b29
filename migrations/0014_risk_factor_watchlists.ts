// Code42 turned the detection lists' risk factors into watchlists of the same names (FLIGHT_RISK, CONTRACT_EMPLOYEE,
// …): a risk factor on a profile is now the user's inclusion in the tenant's watchlist of that type, read back in the
// order added. Each profile's factors move to those watchlists (made where missing) and the column goes.
// Also: rows 0012 carried from the high-risk list get the profile's end date, as every row has since.
import { sql, type Kysely } from "kysely";
import { RANDOM_UUID } from "./random-uuid.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`insert into watchlists (tenant_uid, watchlist_id, list_type, created_at)
    select p.tenant_uid, ${RANDOM_UUID}, f.value, min(p.created_at)
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
  await sql`alter table detection_profiles drop column risk_factors`.execute(db);
  // Every row of a user carries the profile's end date since 0012's trigger; 0012 carried it on departing rows only.
  await sql`update watchlist_users set departure_date = (
      select p.end_date from detection_profiles p where p.tenant_uid = watchlist_users.tenant_uid and p.user_uid = watchlist_users.user_uid)
    where departure_date is null`.execute(db);
}

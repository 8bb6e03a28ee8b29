// The risk profile (Code42's successor of the detection-list profile) has a start and an end date, and the departing
// list's departure date is the profile's end date: one value, shown by both views. Existing departure dates move to
// their profiles; the entry keeps a copy for its search's sort and the LEAVING_TODAY filter, which a trigger keeps true.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";
import { pgTrigger } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table detection_profiles add column start_date text`.execute(db);
  await sql`alter table detection_profiles add column end_date text`.execute(db);
  await sql`update detection_profiles set end_date = (
      select e.departure_date from detection_list_entries e
      where e.tenant_uid = detection_profiles.tenant_uid and e.user_uid = detection_profiles.user_uid and e.list = 'DEPARTING_EMPLOYEE')`.execute(db);
  // PostgreSQL: the trigger is a plpgsql function (migrations/types.ts, pgTrigger).
  if (isPostgres(db))
    await pgTrigger(db, "detection_profiles_end_date", "after update of end_date on detection_profiles", `
      update detection_list_entries set departure_date = new.end_date
      where tenant_uid = new.tenant_uid and user_uid = new.user_uid and list = 'DEPARTING_EMPLOYEE';`);
  else
    await sql`create trigger detection_profiles_end_date after update of end_date on detection_profiles
    begin
      update detection_list_entries set departure_date = new.end_date
      where tenant_uid = new.tenant_uid and user_uid = new.user_uid and list = 'DEPARTING_EMPLOYEE';
    end`.execute(db);
}

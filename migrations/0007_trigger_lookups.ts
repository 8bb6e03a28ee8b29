// The triggers that keep a list entry's display name and exposure totals looked an entry up by tenant and user
// only, which the entries' key (tenant, list, user) cannot answer past the tenant: every exposure event and every
// rename scanned the tenant's entries (a 50k-user rename ran for minutes). Naming both lists lets the key answer.
// PostgreSQL: the same triggers as plpgsql functions (migrations/types.ts, pgTrigger).
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";
import { dropTrigger, pgTrigger } from "./types.js";

const LISTS = sql.raw(`('DEPARTING_EMPLOYEE', 'HIGH_RISK_EMPLOYEE')`);
const PG_LISTS = `('DEPARTING_EMPLOYEE', 'HIGH_RISK_EMPLOYEE')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await dropTrigger(db, "detection_list_entries_display_name", "users");
  if (isPostgres(db))
    await pgTrigger(db, "detection_list_entries_display_name", "after update of first_name, last_name, username on users", `
      update detection_list_entries set display_name = new.display_name
        where tenant_uid = new.tenant_uid and list in ${PG_LISTS} and user_uid = new.user_uid;`);
  else
    await sql`create trigger detection_list_entries_display_name after update of first_name, last_name, username on users
    begin
      update detection_list_entries set display_name = new.display_name
        where tenant_uid = new.tenant_uid and list in ${LISTS} and user_uid = new.user_uid;
    end`.execute(db);
  await dropTrigger(db, "detection_list_entries_exposure", "file_exposure_events");
  if (isPostgres(db))
    await pgTrigger(db, "detection_list_entries_exposure", "after insert on file_exposure_events", `
      update detection_list_entries set num_events = num_events + 1, total_bytes = total_bytes + new.bytes
        where tenant_uid = new.tenant_uid and list in ${PG_LISTS} and user_uid = new.user_uid;`);
  else
    await sql`create trigger detection_list_entries_exposure after insert on file_exposure_events
    begin
      update detection_list_entries set num_events = num_events + 1, total_bytes = total_bytes + new.bytes
        where tenant_uid = new.tenant_uid and list in ${LISTS} and user_uid = new.user_uid;
    end`.execute(db);
}

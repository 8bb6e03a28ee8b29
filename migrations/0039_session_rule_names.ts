// A session keeps the rule names of its alerts, in the order they were raised, as a JSON list beside the alerts
// themselves (migration 0036): its context summary names them, and a page of sessions read them out of the alerts'
// list with a subquery a session. Filled here from the alerts each session keeps.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions add column alert_rule_names text not null default '[]'`.execute(db);
  const names = isPostgres(db)
    ? sql`(select coalesce(json_agg(a.value -> 'ruleName' order by a.i), '[]')::text from json_array_elements(triggered_alerts::json) with ordinality as a (value, i))`
    : sql`(select json_group_array(a.value ->> 'ruleName') from json_each(triggered_alerts) a)`;
  await sql`update sessions set alert_rule_names = ${names} where triggered_alerts <> '[]'`.execute(db);
}

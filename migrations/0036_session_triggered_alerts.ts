// A session keeps its alerts (id, rule id and name, in the order they were raised) on its row, as it keeps the sums
// of its events: a page of sessions read them with two subqueries a session, through the index on a session's alerts
// and then each alert's row. Filled here for the sessions there before it.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions add column triggered_alerts text not null default '[]'`.execute(db);
  const ofTheSession = sql`from alerts a where a.tenant_uid = sessions.tenant_uid and a.session_id = sessions.session_id`;
  const alerts = isPostgres(db)
    ? sql`(select json_agg(json_build_object('alertId', a.alert_id, 'ruleId', a.rule_id, 'ruleName', a.rule_name) order by a.created_at, a.alert_id)::text ${ofTheSession})`
    : // The aggregate's own order: a subquery in that order would be read through the index on the alerts' creation,
      // every alert of the tenant for each session.
      sql`(select json_group_array(json_object('alertId', a.alert_id, 'ruleId', a.rule_id, 'ruleName', a.rule_name) order by a.created_at, a.alert_id) ${ofTheSession})`;
  await sql`update sessions set triggered_alerts = coalesce(${alerts}, '[]') where exists (select 1 ${ofTheSession})`.execute(db);
}

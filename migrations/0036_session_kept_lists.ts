// A session keeps its alerts (id, rule id and name, in the order they were raised), its states and its notes on its
// row, as it keeps the sums of its events: a page of sessions read them with four subqueries a session, each through
// an index and then the rows. Filled here for the sessions there before it.
import { sql, type Kysely, type RawBuilder } from "kysely";
import { isPostgres } from "../src/db/dialect.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ["triggered_alerts", "state_history", "notes"]) await sql`alter table sessions add column ${sql.id(column)} text not null default '[]'`.execute(db);
  const pg = isPostgres(db);
  /** A JSON array of `fields` of the session's rows of `table` (as alias x), in `order`. */
  const list = (table: string, fields: Record<string, string>, order: string) => {
    const pairs = sql.join(Object.entries(fields).map(([name, column]) => sql`${sql.lit(name)}, ${sql.ref(`x.${column}`)}`));
    const rows = sql`from ${sql.table(table)} x where x.tenant_uid = sessions.tenant_uid and x.session_id = sessions.session_id`;
    // The aggregate's own order: a subquery in that order may be read through another index (for alerts, the one on
    // their creation: every alert of the tenant for each session).
    const array: RawBuilder<string> = pg
      ? sql`(select json_agg(json_build_object(${pairs}) order by ${sql.raw(order)})::text ${rows})`
      : sql`(select json_group_array(json_object(${pairs}) order by ${sql.raw(order)}) ${rows})`;
    return sql`coalesce(${array}, '[]')`;
  };
  const kept = [
    sql`triggered_alerts = ${list("alerts", { alertId: "alert_id", ruleId: "rule_id", ruleName: "rule_name" }, "x.created_at, x.alert_id")}`,
    sql`state_history = ${list("session_states", { state: "state", sourceTimestamp: "at", userId: "user_id" }, "x.position")}`,
    sql`notes = ${list("session_notes", { id: "note_id", content: "content", sourceTimestamp: "at", userId: "user_id" }, "x.at, x.rowid")}`,
  ];
  await sql`update sessions set ${sql.join(kept)}`.execute(db);
}

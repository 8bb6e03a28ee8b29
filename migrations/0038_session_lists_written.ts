// A session's alerts, states and notes kept on its row (migration 0036) are kept as the gateway writes them: each
// record's keys in the gateway's order, an alert with its lessonId, a state with its stateV2 and no userId when it has
// none. A page of sessions then copies each list as it is, instead of taking every record apart and writing it again.
import { sql, type Kysely, type RawBuilder } from "kysely";
import { isPostgres } from "../src/db/dialect.js";

type Pairs = [string, RawBuilder<unknown>][];

export async function up(db: Kysely<unknown>): Promise<void> {
  // PostgreSQL's page reads the sessions' tables, not these lists; converted there too, so a row keeps one form.
  const pg = isPostgres(db);
  const field = (name: string) => (pg ? sql`x.value -> ${sql.lit(name)}` : sql`x.value ->> ${sql.lit(name)}`);
  const object = (pairs: Pairs) => {
    const args = sql.join(pairs.map(([name, value]) => sql`${sql.lit(name)}, ${value}`));
    return pg ? sql`json_build_object(${args})` : sql`json_object(${args})`;
  };
  const rewritten = (column: string, item: RawBuilder<unknown>) =>
    pg
      ? sql`(select coalesce(json_agg(${item} order by x.i), '[]')::text from json_array_elements(${sql.ref(column)}::json) with ordinality as x (value, i))`
      : sql`(select json_group_array(json(${item})) from json_each(${sql.ref(column)}) x)`;
  const state: Pairs = [["sourceTimestamp", field("sourceTimestamp")], ["state", field("state")], ["stateV2", field("state")]];
  const set = [
    sql`triggered_alerts = ${rewritten("triggered_alerts", object([["alertId", field("alertId")], ["lessonId", sql`null`], ["ruleId", field("ruleId")], ["ruleName", field("ruleName")]]))}`,
    sql`state_history = ${rewritten("state_history", sql`(case when x.value ->> 'userId' is null then ${object(state)} else ${object([...state, ["userId", field("userId")]])} end)`)}`,
    sql`notes = ${rewritten("notes", object([["content", field("content")], ["id", field("id")], ["sourceTimestamp", field("sourceTimestamp")], ["userId", field("userId")]]))}`,
  ];
  await sql`update sessions set ${sql.join(set)} where triggered_alerts <> '[]' or state_history <> '[]' or notes <> '[]'`.execute(db);
}

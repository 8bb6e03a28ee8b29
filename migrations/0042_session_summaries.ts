// A session keeps its two summaries on its row (domains/sessions/summaries.ts), written when what they say changes,
// instead of a page of sessions asking JavaScript for both row by row. The rule names its context summary read (0039)
// are read from its alerts' list when the summary is written, and go. Filled here from what each session keeps.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions add column context_summary text not null default ''`.execute(db);
  await sql`alter table sessions add column exfiltration_summary text not null default ''`.execute(db);
  const plural = (n: ReturnType<typeof sql>, one: string) => sql`${n} || ${sql.lit(` ${one}`)} || case when ${n} = 1 then '' else 's' end`;
  // Each rule once, in the order of its first alert.
  const rules = isPostgres(db)
    ? sql`(select string_agg(r.name, ', ' order by r.first) from (select a.value as name, min(a.i) as first from json_array_elements_text(alert_rule_names::json) with ordinality as a (value, i) group by a.value) r)`
    : sql`(select group_concat(r.name, ', ' order by r.first) from (select a.value as name, min(a.key) as first from json_each(alert_rule_names) a group by a.value) r)`;
  const alerts = isPostgres(db) ? sql`json_array_length(alert_rule_names::json)` : sql`json_array_length(alert_rule_names)`;
  await sql`update sessions set
      context_summary = actor_name || ': ' || ${plural(sql`file_count`, "file event")} || ' in ' || ${plural(alerts, "alert")} || ' (' || coalesce(${rules}, '') || ')',
      exfiltration_summary = ${plural(sql`file_count`, "file")} || ', ' || total_file_size || ' bytes'`.execute(db);
  await sql`alter table sessions drop column alert_rule_names`.execute(db);
}

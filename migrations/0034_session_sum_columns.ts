// A session's sums as columns of its row (0033 kept them as one JSON document): a page of sessions reads each as it
// is, where reading them from the document parsed it once a field. The risk indicators stay a JSON list, each
// indicator's keys in the order the gateway writes them (domains/sessions/sums.ts), as a page written by SQLite
// copies the list as it is.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";
import { intSql } from "./types.js";

const COUNTS = [
  ["no_risk_events", "noRisk"],
  ["low_events", "low"],
  ["moderate_events", "moderate"],
  ["high_events", "high"],
  ["critical_events", "critical"],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of [...COUNTS.map(([c]) => c), "file_count", "total_file_size"]) await sql`alter table sessions add column ${sql.raw(column)} ${intSql(db)} not null default 0`.execute(db);
  await sql`alter table sessions add column risk_indicators text not null default '[]'`.execute(db);
  if (isPostgres(db)) {
    const of = (path: string) => sql`coalesce((sums::jsonb #>> ${`{${path}}`})::bigint, 0)`;
    await sql`update sessions set ${sql.join(COUNTS.map(([column, key]) => sql`${sql.ref(column)} = ${of(`counts,${key}`)}`))},
      file_count = ${of("fileCount")}, total_file_size = ${of("totalFileSize")},
      risk_indicators = coalesce((select json_agg(json_build_object('eventCount', i -> 'eventCount', 'id', i -> 'id', 'name', i -> 'name', 'weight', i -> 'weight') order by n)
        from json_array_elements(sums::json -> 'riskIndicators') with ordinality as x (i, n))::text, '[]')
      where sums is not null`.execute(db);
  } else {
    const of = (path: string) => sql`coalesce(sums ->> ${`$.${path}`}, 0)`;
    await sql`update sessions set ${sql.join(COUNTS.map(([column, key]) => sql`${sql.ref(column)} = ${of(`counts.${key}`)}`))},
      file_count = ${of("fileCount")}, total_file_size = ${of("totalFileSize")},
      risk_indicators = (select json_group_array(json_object('eventCount', i.value -> '$.eventCount', 'id', i.value -> '$.id', 'name', i.value -> '$.name', 'weight', i.value -> '$.weight') order by i.key)
        from json_each(sums, '$.riskIndicators') i)
      where sums is not null`.execute(db);
  }
  await sql`alter table sessions drop column sums`.execute(db);
}

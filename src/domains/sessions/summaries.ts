// A session's two summaries, as Code42 writes them: who did how much in how many alerts of which rules, and how many
// files and bytes left. Written when what they say changes (its actor's name, its events' sums, its alerts) and kept
// on its row, so a page of sessions reads them as it reads its other columns.
import type { SessionsTable } from "../../db/schema.js";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** What the summaries are written from. */
export type SummarySource = Pick<SessionsTable, "actor_name" | "file_count" | "total_file_size" | "triggered_alerts">;
export type SummaryColumns = Pick<SessionsTable, "context_summary" | "exfiltration_summary">;

/** The summaries of a session row; its alerts' rules are named once each, in the order their first alert was raised. */
export function summaryColumns(s: SummarySource): SummaryColumns {
  const rules = (JSON.parse(s.triggered_alerts) as { ruleName: string }[]).map((a) => a.ruleName);
  return {
    context_summary: `${s.actor_name}: ${plural(s.file_count, "file event")} in ${plural(rules.length, "alert")} (${[...new Set(rules)].join(", ")})`,
    exfiltration_summary: `${plural(s.file_count, "file")}, ${s.total_file_size} bytes`,
  };
}

export const SUMMARY_COLUMNS = ["context_summary", "exfiltration_summary"] as const;

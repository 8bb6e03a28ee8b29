// Which spec operations the calls so far exercised, and with which statuses: the report of the user's suite.
import type { OpenApiDocument } from "../http/openapi.js";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export interface CoverageRow {
  operationId: string;
  method: string;
  path: string;
  calls: number;
  statuses: Record<string, number>;
}

export class Coverage {
  private readonly counts = new Map<string, Map<number, number>>();

  record(operationId: string, status: number): void {
    let byStatus = this.counts.get(operationId);
    if (!byStatus) this.counts.set(operationId, (byStatus = new Map()));
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  }

  clear(): void {
    this.counts.clear();
  }

  report(spec: OpenApiDocument): { operations: number; exercised: number; rows: CoverageRow[] } {
    const rows: CoverageRow[] = [];
    for (const [path, item] of Object.entries(spec.paths))
      for (const method of METHODS) {
        const op = item[method] as { operationId?: string } | undefined;
        if (!op?.operationId) continue;
        const byStatus = this.counts.get(op.operationId) ?? new Map<number, number>();
        const statuses = Object.fromEntries([...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n]));
        rows.push({ operationId: op.operationId, method: method.toUpperCase(), path, calls: [...byStatus.values()].reduce((a, b) => a + b, 0), statuses });
      }
    return { operations: rows.length, exercised: rows.filter((r) => r.calls > 0).length, rows };
  }
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function coverageHtml(report: ReturnType<Coverage["report"]>): string {
  const rows = report.rows
    .map((r) => `<tr class="${r.calls ? "hit" : "miss"}"><td>${r.method}</td><td>${escape(r.path)}</td><td>${escape(r.operationId)}</td><td>${r.calls}</td><td>${Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(" ")}</td></tr>`)
    .join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><title>code42-emulator coverage</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left}.miss{color:#999}.hit td:nth-child(4){font-weight:bold}</style>
</head><body><h1>Coverage</h1><p>${report.exercised} of ${report.operations} operations exercised.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Operation</th><th>Calls</th><th>Statuses</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}

// The human form of an RCS ConformanceReport: one row per check, then a one-line verdict.
import type { ConformanceReport } from './run-rcs-conformance.ts';

const MAX_CLAUSE = 48;
const MAX_DETAIL = 110;
const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export function formatReportTable(report: ConformanceReport): string {
  const id = Math.max(2, ...report.results.map((r) => r.id.length));
  const clause = Math.min(MAX_CLAUSE, Math.max(6, ...report.results.map((r) => r.clause.length)));
  const row = (cells: string[]) => cells.join('  ');
  const counts = new Map<string, number>();
  for (const r of report.results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const name = report.targetName ? ` (${report.targetName})` : '';
  return [
    `RCS MaaP conformance against ${report.target}${name}; webhooks received at ${report.webhookUrl ?? '(no receiver)'}`,
    row(['id'.padEnd(id), 'clause'.padEnd(clause), 'status'.padEnd(15), 'ms'.padStart(6), 'detail']),
    ...report.results.map((r) => row([r.id.padEnd(id), cut(r.clause, clause).padEnd(clause), r.status.padEnd(15), String(r.ms).padStart(6), cut(r.detail ?? '', MAX_DETAIL)])),
    '',
    `${report.passed ? 'PASSED' : 'FAILED'}: ${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}`,
  ].join('\n');
}

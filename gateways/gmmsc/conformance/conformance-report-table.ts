// The human form of a ConformanceReport: one row per check, then a one-line verdict.
import type { ConformanceReport, ConformanceResult } from './run-gmmsc-conformance.ts';

const MAX_CLAUSE = 48;
const MAX_DETAIL = 110;

function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export function formatResultRow(r: ConformanceResult, widths = { id: 30, clause: MAX_CLAUSE, status: 15 }): string {
  return [
    r.id.padEnd(widths.id),
    cut(r.clause, widths.clause).padEnd(widths.clause),
    r.status.padEnd(widths.status),
    String(r.ms).padStart(6),
    cut(r.detail ?? '', MAX_DETAIL),
  ].join('  ');
}

export function formatReportTable(report: ConformanceReport): string {
  const id = Math.max(2, ...report.results.map((r) => r.id.length));
  const clause = Math.min(MAX_CLAUSE, Math.max(6, ...report.results.map((r) => r.clause.length)));
  const widths = { id, clause, status: 15 };
  const head = ['id'.padEnd(id), 'clause'.padEnd(clause), 'status'.padEnd(15), 'ms'.padStart(6), 'detail'].join('  ');
  const counts = new Map<string, number>();
  for (const r of report.results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const tally = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
  const name = report.targetName ? ` (${report.targetName})` : '';
  return [
    `MM7 (3GPP TS 23.140) conformance against ${report.target}${name}`,
    head,
    ...report.results.map((r) => formatResultRow(r, widths)),
    '',
    `${report.passed ? 'PASSED' : 'FAILED'}: ${tally}`,
  ].join('\n');
}

// The human form of a conformance report: one row per check, then a one-line verdict.
import type { ConformanceReport, ConformanceResult } from './run-xroshot-conformance.ts';

const MAX_SOURCE = 44;
const MAX_DETAIL = 110;

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

function row(r: ConformanceResult, idWidth: number): string {
  return [r.id.padEnd(idWidth), cut(r.source, MAX_SOURCE).padEnd(MAX_SOURCE), r.status.padEnd(15), String(r.ms).padStart(6), cut(r.detail ?? '', MAX_DETAIL)].join('  ');
}

export function formatReportTable(report: ConformanceReport): string {
  const id = Math.max(2, ...report.results.map((r) => r.id.length));
  const counts = new Map<string, number>();
  for (const r of report.results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const tally = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
  return [
    `Xroshot MAS conformance against ${report.target}${report.targetName ? ` (${report.targetName})` : ''}`,
    ['id'.padEnd(id), 'source'.padEnd(MAX_SOURCE), 'status'.padEnd(15), 'ms'.padStart(6), 'detail'].join('  '),
    ...report.results.map((r) => row(r, id)),
    '',
    `${report.passed ? 'PASSED' : 'FAILED'}: ${tally}`,
  ].join('\n');
}

// The human form of a conformance report: a heading, one row per check, then a one-line verdict.
import type { ConformanceReport, ConformanceResult } from './conformance-check.ts';

const MAX_DETAIL = 110;

export interface ReportTableOptions<Ref extends string> {
  /** What was checked, e.g. 'SMPP 3.4': the heading reads '<protocol> conformance against <target>'. */
  protocol: string;
  /** The results' reference field, shown as the second column under its own name. */
  reference: Ref;
  /** The reference column is as wide as its longest entry, but no wider than this (default 48). */
  maxReference?: number;
  /** Appended to the heading (e.g. where the suite received callbacks). */
  note?: string;
}

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export function formatReportTable<Ref extends string>(report: ConformanceReport<Ref>, opts: ReportTableOptions<Ref>): string {
  const ref = (r: ConformanceResult<Ref>): string => r[opts.reference];
  const id = Math.max(2, ...report.results.map((r) => r.id.length));
  const refWidth = Math.min(opts.maxReference ?? 48, Math.max(opts.reference.length, ...report.results.map((r) => ref(r).length)));
  const row = (cells: string[]) => cells.join('  ');
  const counts = new Map<string, number>();
  for (const r of report.results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const tally = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
  const name = report.targetName ? ` (${report.targetName})` : '';
  return [
    `${opts.protocol} conformance against ${report.target}${name}${opts.note ?? ''}`,
    row(['id'.padEnd(id), opts.reference.padEnd(refWidth), 'status'.padEnd(15), 'ms'.padStart(6), 'detail']),
    ...report.results.map((r) =>
      row([r.id.padEnd(id), cut(ref(r), refWidth).padEnd(refWidth), r.status.padEnd(15), String(r.ms).padStart(6), cut(r.detail ?? '', MAX_DETAIL)]),
    ),
    '',
    `${report.passed ? 'PASSED' : 'FAILED'}: ${tally}`,
  ].join('\n');
}

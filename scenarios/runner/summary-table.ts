// The text summary `msgsim run` and `msgsim demo` print: one row per scenario, then every failed
// expectation with what was expected and what happened.
import { formatCount, formatMs, formatOffset, formatPercent } from '../report/report-format.ts';
import type { ScenarioResult } from '../report/scenario-result.ts';

const HEADERS = ['scenario', 'result', 'messages', 'delivered', 'fallbacks', 'p95 latency', 'simulated', 'wall'];
const RIGHT = new Set([2, 3, 4, 5, 6, 7]);

function row(r: ScenarioResult): string[] {
  const delivered = r.states.filter((s) => s.state === 'delivered').reduce((a, s) => a + s.count, 0);
  const fallbacks = r.fallbacks.reduce((a, f) => a + f.count, 0);
  const p95 = r.latency.find((l) => l.channel === 'all')?.p95 ?? null;
  return [
    r.name,
    r.passed ? 'passed' : 'FAILED',
    formatCount(r.messages),
    `${formatCount(delivered)} (${formatPercent(delivered, r.messages)})`,
    formatCount(fallbacks),
    formatMs(p95),
    formatOffset(r.simulatedMs),
    formatMs(r.durationMs),
  ];
}

export function summaryTable(results: readonly ScenarioResult[]): string {
  const rows = [HEADERS, ...results.map(row)];
  const widths = HEADERS.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (RIGHT.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  const failures = failureLines(results);
  if (failures.length > 0) out.push('', ...failures);
  const failed = results.filter((r) => !r.passed).length;
  out.push('', failed === 0 ? `all ${results.length} scenario${results.length === 1 ? '' : 's'} passed` : `${failed} of ${results.length} scenario${results.length === 1 ? '' : 's'} failed`);
  return out.join('\n') + '\n';
}

/** Why each failed scenario failed: the run's error, then each failed expectation, expected against actual. */
export function failureLines(results: readonly ScenarioResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    const failed = r.expectations.filter((e) => !e.passed);
    if (r.passed || (failed.length === 0 && r.error === undefined)) continue;
    out.push(`${r.name} (${r.source ?? 'scenario'}):`);
    if (r.error !== undefined) out.push(`  run did not complete: ${r.error}`);
    for (const e of failed) {
      out.push(`  ✗ ${e.description}`);
      out.push(`      expected ${e.expected}`);
      out.push(`      actual   ${e.actual}`);
    }
  }
  return out;
}

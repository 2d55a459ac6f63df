// The human-readable report of a load run: per-phase table, delivery (final states) figures, and the
// targets with PASS/MISS. `--json` prints the LoadResult itself instead.
import type { TargetCheck } from './evaluate-load-targets.ts';
import type { LoadResult } from './run-load-profile.ts';

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ratio = (n: number): string => (n === 0 ? '0' : n < 0.0001 ? n.toExponential(1) : n.toFixed(4));

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

function checkValue(c: TargetCheck, v: number): string {
  return c.name === 'error ratio' ? ratio(v) : int(v);
}

export function formatLoadReport(r: LoadResult): string {
  const out: string[] = [];
  out.push(`load profile ${r.profile}${r.description ? ` — ${r.description.trim().split('\n')[0]}` : ''}`);
  out.push(`target ${r.target}; ${r.startedAt}; node ${r.machine.node}, ${r.machine.cpus} cpus, load average ${r.machine.loadAverage.join(' ')}`);
  out.push('');
  out.push(
    ...table(
      ['phase', 'request', 'conn', 's', 'req/s', '2xx', 'non-2xx', 'errors', 'p50 ms', 'p99 ms', 'max ms', 'msg/s accepted', 'msg/h accepted'],
      r.phases.map((p) => [
        `${p.name}${p.measured ? '' : ' (warm-up)'}`,
        p.kind === 'batch' ? `batch ${p.batchSize}` : 'single',
        `${p.connections}${p.pipelining > 1 ? `x${p.pipelining}` : ''}`,
        (p.durationMs / 1000).toFixed(1),
        int(p.requests.perSecond),
        int(p.requests.ok),
        int(p.requests.non2xx),
        int(p.requests.errors),
        int(p.latencyMs.p50),
        int(p.latencyMs.p99),
        int(p.latencyMs.max),
        int(p.accepted.perSecond),
        int(p.accepted.perSecond * 3600),
      ]),
    ),
  );
  const codes = r.phases.flatMap((p) => Object.entries(p.statusCodes).filter(([c]) => !c.startsWith('2')).map(([c, n]) => `${p.name} ${c}: ${n}`));
  if (codes.length > 0) out.push(`non-2xx answers: ${codes.join(', ')}`);
  out.push('');
  const d = r.delivery;
  if (d === null) {
    out.push('delivery: unknown (the target has no readable /metrics)');
  } else {
    const states = Object.entries(d.finalByState).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${int(n)}`).join(', ');
    out.push(`delivery (${d.source === 'engine' ? 'in-process engine' : 'target /metrics'}): ${int(d.final)} of ${int(d.accepted)} accepted reached a final state (${states || 'none'})`);
    out.push(`  final/s during load ${int(d.finalPerSecond.duringLoad)}, peak ${int(d.finalPerSecond.peak)}, over load+drain ${int(d.finalPerSecond.overall)} -> ${int(d.finalPerHour)}/hour`);
    out.push(`  backlog at load end ${int(d.backlogAtLoadEnd)}, ${d.drained ? `drained in ${(d.drainMs / 1000).toFixed(1)}s` : `${int(d.backlogAtEnd)} still not final after ${(d.drainMs / 1000).toFixed(1)}s`}`);
  }
  out.push('');
  out.push(...table(['target', '', 'required', 'measured', 'result'], r.targets.map((c) => [c.name, c.comparison, checkValue(c, c.target), checkValue(c, c.measured), c.passed ? 'PASS' : 'MISS'])));
  out.push('');
  out.push(r.passed ? 'all targets met' : `targets missed: ${r.targets.filter((t) => !t.passed).map((t) => t.name).join(', ')}`);
  return out.join('\n');
}

// SMSVAS throughput on loopback, server and ESME in two processes, window 100:
//   (1) raw ceiling: `smpp` package SMSC <- `smpp` package ESME
//   (2) `smpp` package ESME -> our simulator (fast-receipts)
//   (3) our client -> our simulator (the headline)
// Each is run 3 times from fresh processes; the table shows medians, and (3) as a share of (1) and (2).
// Environment: BENCH_MESSAGES (default 200000), BENCH_RUNS (3), BENCH_WINDOW (100), BENCH_TIME_LIMIT_MS
// (60000 per phase), BENCH_ONLY (1, 2 or 3), BENCH_CPU_PROF (a directory: both processes write --cpu-prof there).
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startChild } from './smsvas/child-process.ts';
import type { WorkloadResult } from './smsvas/workload.ts';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const messages = Number(process.env.BENCH_MESSAGES ?? 200_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const window = Number(process.env.BENCH_WINDOW ?? 100);
const timeLimitMs = Number(process.env.BENCH_TIME_LIMIT_MS ?? 60_000);
const only = process.env.BENCH_ONLY;
const profDir = process.env.BENCH_CPU_PROF;
const nodeFlags = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];

interface Scenario {
  key: string;
  label: string;
  server: [string, string[]];
  esme: string;
}

const SCENARIOS: Scenario[] = [
  { key: '1', label: '(1) raw smpp ESME -> raw smpp SMSC', server: [here('./smsvas/raw-smsc.ts'), []], esme: here('./smsvas/raw-esme.ts') },
  { key: '2', label: '(2) raw smpp ESME -> our simulator', server: [here('./smsvas/simulator-smsc.ts'), ['fast-receipts']], esme: here('./smsvas/raw-esme.ts') },
  { key: '3', label: '(3) our client -> our simulator', server: [here('./smsvas/simulator-smsc.ts'), ['fast-receipts']], esme: here('./smsvas/client-esme.ts') },
];

async function runOnce(s: Scenario): Promise<WorkloadResult> {
  const server = startChild(s.server[0], s.server[1], nodeFlags);
  try {
    const port = Number(await server.line('LISTENING', 30_000));
    const args = JSON.stringify({ port, messages, warmup: Math.min(10_000, Math.ceil(messages / 10)), window, timeLimitMs });
    const esme = startChild(s.esme, [args], nodeFlags);
    try {
      return JSON.parse(await esme.line('RESULT', 3 * timeLimitMs + 60_000)) as WorkloadResult;
    } finally {
      await esme.stop(10_000);
    }
  } finally {
    await server.stop();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);
const pct = (a: number, b: number) => (b > 0 ? `${((a / b) * 100).toFixed(0)}%` : 'n/a').padStart(6);

console.log(`SMSVAS bench: ${messages.toLocaleString('en-US')} messages per phase, window ${window}, ${runs} runs each, loopback, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const chosen = SCENARIOS.filter((x) => !only || only.split(',').includes(x.key));
const results = new Map<string, WorkloadResult[]>(chosen.map((s) => [s.key, []]));
// Rounds interleave the scenarios so that load from elsewhere on the machine falls on all of them alike.
for (let i = 0; i < runs; i++) {
  for (const s of chosen) {
    const r = await runOnce(s);
    results.get(s.key)!.push(r);
    const note = r.submit.completed < messages || r.cycle.completed < messages ? `  (incomplete: ${r.submit.completed}/${r.cycle.completed}, errors ${r.submit.errors}/${r.cycle.errors})` : '';
    console.log(`  round ${i + 1} ${s.label.padEnd(40)} submit_sm/s ${fmt(r.submit.perSecond)}  cycles/s ${fmt(r.cycle.perSecond)}${note}`);
  }
}
const medians = new Map<string, { submit: number; cycle: number; incomplete: boolean }>();
for (const [key, rs] of results) {
  medians.set(key, {
    submit: median(rs.map((r) => r.submit.perSecond)),
    cycle: median(rs.map((r) => r.cycle.perSecond)),
    incomplete: rs.some((r) => r.submit.completed < messages || r.cycle.completed < messages),
  });
}

console.log('\nmedians                                   submit_sm/s   cycles/s');
for (const s of SCENARIOS) {
  const m = medians.get(s.key);
  if (m) console.log(`${s.label.padEnd(42)}${fmt(m.submit)}  ${fmt(m.cycle)}${m.incomplete ? '  (some runs incomplete)' : ''}`);
}
const [r1, r2, r3] = ['1', '2', '3'].map((k) => medians.get(k));
if (r3 && (r1 || r2)) {
  console.log('\n(3) as a share of                          submit_sm/s   cycles/s');
  if (r1) console.log(`${'(1) raw ceiling'.padEnd(42)}${pct(r3.submit, r1.submit).padStart(9)}  ${pct(r3.cycle, r1.cycle).padStart(9)}`);
  if (r2) console.log(`${'(2) raw ESME on our simulator'.padEnd(42)}${pct(r3.submit, r2.submit).padStart(9)}  ${pct(r3.cycle, r2.cycle).padStart(9)}`);
}
console.log('\ntargets: (3) >= 20,000 submit_sm/s, >= 10,000 cycles/s, >= 80% of the raw ceiling');

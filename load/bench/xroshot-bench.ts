// Xroshot throughput on loopback: our client (several MAS sessions) -> our simulator (fast-reports,
// per-session TPS raised), in two processes. Each run starts fresh processes; the table shows every
// run and the medians. Every message is reported, so a cycle is req_send_message_2, res_send_message,
// res_send_message_all, req_report, res_report.
// Environment: BENCH_MESSAGES (default 100000), BENCH_RUNS (3), BENCH_SESSIONS (4), BENCH_WINDOW
// (per session, 100), BENCH_TIME_LIMIT_MS (60000 per run), BENCH_CPU_PROF (a directory: both processes
// write --cpu-prof there).
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startChild } from './smsvas/child-process.ts';
import type { AgentPhase } from './xroshot/client-agent.ts';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const messages = Number(process.env.BENCH_MESSAGES ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const sessions = Number(process.env.BENCH_SESSIONS ?? 4);
const window = Number(process.env.BENCH_WINDOW ?? 100);
const timeLimitMs = Number(process.env.BENCH_TIME_LIMIT_MS ?? 60_000);
const profDir = process.env.BENCH_CPU_PROF;
const nodeFlags = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];

interface RunResult extends AgentPhase {
  /** CPU time of the simulator process over the measured phase per reported message, µs. */
  simulatorCpuUsPerMessage: number;
}

async function runOnce(): Promise<RunResult> {
  const server = startChild(here('./xroshot/simulator-relay.ts'), [], nodeFlags);
  try {
    const port = Number(await server.line('LISTENING', 30_000));
    const serverPid = server.proc.pid ?? 0;
    const args = JSON.stringify({ port, serverPid, messages, warmup: Math.min(10_000, Math.ceil(messages / 10)), sessions, window, timeLimitMs });
    const agent = startChild(here('./xroshot/client-agent.ts'), [args], nodeFlags);
    try {
      const phase = JSON.parse(await agent.line('RESULT', 2 * timeLimitMs + 60_000)) as AgentPhase;
      // The agent asked the simulator for its CPU time when the measured phase began and ended.
      const cpu0 = Number(await server.line('CPU 1 ', 10_000));
      const cpu1 = Number(await server.line('CPU 2 ', 10_000));
      return { ...phase, simulatorCpuUsPerMessage: (cpu1 - cpu0) / Math.max(1, phase.reports) };
    } finally {
      await agent.stop(10_000);
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

console.log(
  `Xroshot bench: ${messages.toLocaleString('en-US')} messages per run, ${sessions} sessions x window ${window}, ${runs} runs, loopback, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
);
const results: RunResult[] = [];
for (let i = 0; i < runs; i++) {
  const r = await runOnce();
  results.push(r);
  const note = r.accepted < messages || r.reports < r.accepted ? `  (incomplete: ${r.accepted} accepted, ${r.reports} reports, ${r.errors} errors)` : '';
  console.log(`  run ${i + 1}  messages/s ${fmt(r.responsesPerSecond)}  with reports/s ${fmt(r.cyclesPerSecond)}  client CPU µs/message ${r.clientCpuUsPerMessage.toFixed(0).padStart(4)}  simulator CPU µs/message ${r.simulatorCpuUsPerMessage.toFixed(0).padStart(4)}${note}`);
}
const cpuUs = median(results.map((r) => r.clientCpuUsPerMessage));
const simUs = median(results.map((r) => r.simulatorCpuUsPerMessage));
console.log('\nmedians                                   messages/s   with reports/s   client CPU µs/message   simulator CPU µs/message');
console.log(
  `${'our client -> our simulator'.padEnd(42)}${fmt(median(results.map((r) => r.responsesPerSecond)))}        ${fmt(median(results.map((r) => r.cyclesPerSecond)))}   ${cpuUs.toFixed(0).padStart(8)}                ${simUs.toFixed(0).padStart(8)}`,
);
// On a shared machine the wall-clock rate moves with everyone else's load; CPU cost per message does not.
console.log(`ceilings on one free core each: client ~${fmt(1e6 / cpuUs).trim()}, simulator ~${fmt(1e6 / simUs).trim()} messages/s with reports`);
console.log(`load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('\ntarget: >= 10,000 messages/s with reports');

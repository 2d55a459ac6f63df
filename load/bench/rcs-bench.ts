// RCS throughput on loopback through our client, the simulator in a separate process: accepted sends/s
// (POST …/messages answered 202), delivered reports/s (the simulator's 'delivered' status webhooks read
// by the client) and all webhook POSTs/s (the simulator posts 'sent' too, so two per message). Each run
// starts fresh processes; medians are printed.
// Environment: BENCH_MESSAGES (default 50000), BENCH_RUNS (3), BENCH_WINDOW (256 sends in flight),
// BENCH_TIME_LIMIT_MS (60000 per phase), BENCH_CPU_PROF (a directory: both processes write --cpu-prof there).
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startChild } from './smsvas/child-process.ts';
import type { RcsBenchResult } from './rcs/client-sender.ts';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const messages = Number(process.env.BENCH_MESSAGES ?? 50_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const window = Number(process.env.BENCH_WINDOW ?? 256);
const timeLimitMs = Number(process.env.BENCH_TIME_LIMIT_MS ?? 60_000);
const profDir = process.env.BENCH_CPU_PROF;
const nodeFlags = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];

async function runOnce(): Promise<RcsBenchResult> {
  const server = startChild(here('./rcs/simulator-maap.ts'), [], nodeFlags);
  try {
    const [port, adminPort] = (await server.line('LISTENING', 30_000)).split(' ').map(Number);
    const args = JSON.stringify({ port, adminPort, messages, warmup: Math.min(5_000, Math.ceil(messages / 10)), window, timeLimitMs });
    const client = startChild(here('./rcs/client-sender.ts'), [args], nodeFlags);
    try {
      return JSON.parse(await client.line('RESULT', 3 * timeLimitMs + 60_000)) as RcsBenchResult;
    } finally {
      await client.stop(10_000);
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

console.log(`RCS bench: ${messages.toLocaleString('en-US')} messages per run, ${window} in flight, ${runs} runs, loopback, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const results: RcsBenchResult[] = [];
for (let i = 0; i < runs; i++) {
  const r = await runOnce();
  results.push(r);
  const note = r.sends.completed < messages || r.webhooks.completed < r.sends.completed ? `  (incomplete: ${r.sends.completed} accepted, ${r.webhooks.completed} delivered, ${r.sends.rejected} rejected, ${r.sends.timeouts} timeouts)` : '';
  console.log(`  run ${i + 1}  accepted sends/s ${fmt(r.sends.perSecond)}  delivered reports/s ${fmt(r.webhooks.perSecond)}  webhook POSTs/s ${fmt(r.webhookPosts.perSecond)}  client CPU µs/message ${r.clientCpuUsPerMessage.toFixed(0).padStart(4)}  simulator CPU µs/message ${r.simulatorCpuUsPerMessage.toFixed(0).padStart(4)}  load ${loadavg()[0].toFixed(1)}${note}`);
}
const m = (f: (r: RcsBenchResult) => number) => fmt(median(results.map(f)));
console.log(`\nmedians (our client -> our simulator)`);
console.log(`  accepted sends/s      ${m((r) => r.sends.perSecond)}`);
console.log(`  delivered reports/s   ${m((r) => r.webhooks.perSecond)}   (one 'delivered' status webhook per message, read by the client)`);
console.log(`  webhook POSTs/s       ${m((r) => r.webhookPosts.perSecond)}   (every status webhook received: 'sent' and 'delivered')`);
console.log(`  webhook POSTs/message ${median(results.map((r) => r.webhookPosts.completed / Math.max(1, r.sends.completed))).toFixed(2).padStart(6)}`);
const cpu = median(results.map((r) => r.clientCpuUsPerMessage));
console.log(`  client CPU µs/message ${cpu.toFixed(0).padStart(6)}   (send + its webhooks; one core of the client alone would carry ${fmt(1e6 / cpu).trim()} messages/s)`);
const simCpu = median(results.map((r) => r.simulatorCpuUsPerMessage));
console.log(`  simulator CPU µs/message ${simCpu.toFixed(0).padStart(3)}   (accept + its status webhooks; one core of the simulator alone would carry ${fmt(1e6 / simCpu).trim()} messages/s)`);
console.log(`load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('targets: >= 10,000 accepted sends/s and >= 10,000 webhooks delivered/s');

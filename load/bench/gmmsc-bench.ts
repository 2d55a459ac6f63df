// GMMSC throughput on loopback, server and VASP in two processes:
//   (1) our client -> a canned MMSC (node:http answering one fixed SubmitRsp): the client's own ceiling
//   (2) our client -> our simulator (fast-reports): text SubmitReq/s, MMS SubmitReq/s with a 100 KB
//       JPEG, and delivery reports/s (submit with DeliveryReport, timed to the last report answered)
// Each run starts fresh processes; rounds interleave the two; the table shows medians.
// Environment: BENCH_MESSAGES (text, default 20000), BENCH_MMS_MESSAGES (2000), BENCH_REPORT_MESSAGES
// (10000), BENCH_RUNS (3), BENCH_OUTSTANDING (256), BENCH_CONNECTIONS (32), BENCH_TIME_LIMIT_MS (60000),
// BENCH_ONLY (1 or 2: only that side), BENCH_CPU_PROF (a directory: both processes write --cpu-prof there).
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { PhaseResult } from './gmmsc/client-vasp.ts';
import { startChild } from './smsvas/child-process.ts';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const env = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const messages = env('BENCH_MESSAGES', 20_000);
const mmsMessages = env('BENCH_MMS_MESSAGES', 2_000);
const reportMessages = env('BENCH_REPORT_MESSAGES', 10_000);
const runs = env('BENCH_RUNS', 3);
const outstanding = env('BENCH_OUTSTANDING', 256);
const connections = env('BENCH_CONNECTIONS', 32);
const timeLimitMs = env('BENCH_TIME_LIMIT_MS', 60_000);
const only = process.env.BENCH_ONLY;
const profDir = process.env.BENCH_CPU_PROF;
const nodeFlags = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];

interface RunResult {
  text: PhaseResult;
  mms: PhaseResult;
  reports: PhaseResult;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function runOnce(canned: boolean): Promise<RunResult> {
  const callbackPort = canned ? 0 : await freePort();
  const server = canned
    ? startChild(here('./gmmsc/canned-mmsc.ts'), [], nodeFlags)
    : startChild(here('./gmmsc/simulator-mmsc.ts'), [`http://127.0.0.1:${callbackPort}/mm7/callback`], nodeFlags);
  try {
    const port = Number(await server.line('LISTENING', 30_000));
    const args = JSON.stringify({ port, callbackPort, messages, mmsMessages, reportMessages: canned ? 0 : reportMessages, outstanding, connections, timeLimitMs, serverPid: server.proc.pid });
    const vasp = startChild(here('./gmmsc/client-vasp.ts'), [args], nodeFlags);
    try {
      return JSON.parse(await vasp.line('RESULT', 4 * timeLimitMs + 60_000)) as RunResult;
    } finally {
      await vasp.stop(10_000);
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
// CPU per completed message reads the same on a loaded machine, where rates and shares do not.
const cpuPer = (ms: number | null, p: PhaseResult) => (ms === null || p.accepted === 0 ? '  n/a' : `${Math.round((ms * 1000) / p.accepted)}`.padStart(5));
const cpuShare = (p: PhaseResult) => `${Math.round((p.cpuMs / p.elapsedMs) * 100)}%`.padStart(5);
const note = (p: PhaseResult) => (p.accepted < p.messages || p.errors > 0 ? ` (incomplete: ${p.accepted}/${p.messages}, errors ${p.errors})` : '');

console.log(
  `GMMSC bench: ${messages.toLocaleString('en-US')} text, ${mmsMessages.toLocaleString('en-US')} MMS (100 KB JPEG), ${reportMessages.toLocaleString('en-US')} with reports per run; ` +
    `${outstanding} outstanding, ${connections} connections, ${runs} runs, loopback, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
);
const results = { canned: [] as RunResult[], simulator: [] as RunResult[] };
for (let i = 0; i < runs; i++) {
  for (const kind of (['canned', 'simulator'] as const).filter((k) => !only || only === (k === 'canned' ? '1' : '2'))) {
    const r = await runOnce(kind === 'canned');
    results[kind].push(r);
    const reports = kind === 'canned' ? '' : `  reports/s ${fmt(r.reports.perSecond)}${note(r.reports)}`;
    console.log(
      `  round ${i + 1} ${(kind === 'canned' ? '(1) canned MMSC' : '(2) our simulator').padEnd(18)} text SubmitReq/s ${fmt(r.text.perSecond)}${note(r.text)}  MMS SubmitReq/s ${fmt(r.mms.perSecond)}${note(r.mms)}${reports}` +
        `  (VASP CPU ${cpuShare(r.text)} / ${cpuShare(r.mms)}${kind === 'canned' ? '' : ` / ${cpuShare(r.reports)}`}` +
        `; CPU µs/msg VASP ${cpuPer(r.text.cpuMs, r.text)} / ${cpuPer(r.mms.cpuMs, r.mms)}${kind === 'canned' ? '' : ` / ${cpuPer(r.reports.cpuMs, r.reports)}`}` +
        `, MMSC ${cpuPer(r.text.serverCpuMs, r.text)} / ${cpuPer(r.mms.serverCpuMs, r.mms)}${kind === 'canned' ? '' : ` / ${cpuPer(r.reports.serverCpuMs, r.reports)}`})`,
    );
  }
}
const m = (kind: 'canned' | 'simulator', key: keyof RunResult) => (results[kind].length ? fmt(median(results[kind].map((r) => r[key].perSecond))) : 'n/a'.padStart(9));
console.log('\nmedians                                  (1) canned MMSC   (2) our simulator');
console.log(`  text SubmitReq/s (no report)           ${m('canned', 'text')}         ${m('simulator', 'text')}`);
console.log(`  MMS SubmitReq/s (100 KB JPEG)          ${m('canned', 'mms')}         ${m('simulator', 'mms')}`);
console.log(`  delivery reports/s (submit + report)   ${'n/a'.padStart(9)}         ${m('simulator', 'reports')}`);
const perMsg = (kind: 'canned' | 'simulator', key: keyof RunResult, side: 'cpuMs' | 'serverCpuMs') => {
  const xs = results[kind].map((r) => r[key]).filter((p) => p.accepted > 0 && p[side] !== null).map((p) => ((p[side] as number) * 1000) / p.accepted);
  return xs.length ? fmt(median(xs)) : 'n/a'.padStart(9);
};
console.log('CPU µs per message (reads the same on a busy machine)');
for (const [key, label] of [['text', 'text'], ['mms', 'MMS '], ['reports', 'report']] as const) {
  console.log(`  VASP, ${label.padEnd(6)}                         ${perMsg('canned', key, 'cpuMs')}         ${perMsg('simulator', key, 'cpuMs')}`);
  console.log(`  MMSC, ${label.padEnd(6)}                         ${perMsg('canned', key, 'serverCpuMs')}         ${perMsg('simulator', key, 'serverCpuMs')}`);
}
console.log('\ntarget: text SubmitReq/s >= 5,000 through our client ((1) is the client alone, (2) includes the simulator on the same 2 cores)');

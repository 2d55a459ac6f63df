// The engine end to end: batch intake -> SMSVAS -> receipt -> final state persisted, three processes
// on loopback: (1) the NP API and the SMSVAS simulator with zero latency and instant receipts
// (engine/network-and-smsc.ts), (2) `msgsim engine` with a SQLite store in a temp directory and only
// SMSVAS enabled, (3) this process posting batches of 10,000 SMS recipients (KT numbers the network
// serves and reaches, so every one is delivered) over keep-alive connections, a bounded number of
// requests outstanding, and a batch goes out only while the engine holds fewer than a bound of
// unfinished messages (a steady sender, not a flood that would only measure memory).
// After a warm-up it measures a fixed volume: messages/s = messages whose final state the store holds,
// per second from the first batch until the store (read by this process, read-only) has them all
// final; then the engine is stopped and every row is counted. Also: intake latency per batch request,
// CPU per message of the engine (all threads, and its main thread), the simulators and this process,
// engine peak RSS (VmHWM), store size. One run by default; `--runs 3` (or BENCH_ENGINE_RUNS) gives medians.
// Environment: BENCH_ENGINE_MESSAGES (200000), BENCH_ENGINE_WARMUP (20000), BENCH_ENGINE_BATCH (10000),
// BENCH_ENGINE_OUTSTANDING (batch requests in flight, 2), BENCH_ENGINE_BACKLOG (unfinished messages in
// the engine, as its /healthz says, below which a batch may go; 30000, 0 = no bound),
// BENCH_ENGINE_WINDOW (engine SMSVAS in-flight window, 2000), BENCH_ENGINE_BINDS (4),
// BENCH_ENGINE_TIME_LIMIT_MS (45000 per measured phase), BENCH_ENGINE_TEXT (the SMS text; default 36
// Korean characters), BENCH_ENGINE_TRACE=1 (store rows every second, a stored record, the engine's log
// and other stdout lines on stderr), BENCH_CPU_PROF (a directory: the engine writes --cpu-prof there),
// BENCH_ENGINE_NODE_FLAGS (more node flags for the engine, e.g. --trace-gc), BENCH_SMSC_DELIVER_WINDOW
// (the simulator's unacknowledged deliver_sm per session; the preset's 100 by default).
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { loadNetwork } from '../../gateways/network/load-network.ts';
import { cpuSeconds, peakRss, startEngine } from './engine/engine-process.ts';
import { startChild } from './smsvas/child-process.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
/** `--runs N`, given to this script or through `npm run bench -- engine --runs N` (the runner hands its arguments on). */
function runsArg(): number | null {
  const i = process.argv.indexOf('--runs');
  return i >= 0 && i + 1 < process.argv.length ? Number(process.argv[i + 1]) : null;
}

const runs = runsArg() ?? env('BENCH_ENGINE_RUNS', 1);
const messages = env('BENCH_ENGINE_MESSAGES', 200_000);
const warmup = env('BENCH_ENGINE_WARMUP', 20_000);
const batchSize = env('BENCH_ENGINE_BATCH', 10_000);
const outstanding = env('BENCH_ENGINE_OUTSTANDING', 2);
const backlog = env('BENCH_ENGINE_BACKLOG', 30_000);
const window = env('BENCH_ENGINE_WINDOW', 2000);
// The engine acknowledges a receipt once its final state is committed, so the SMSC's deliver window
// (100 per bind with fast-receipts) times the binds must cover messages/s x commit latency:
// 10,000/s x ~40 ms = 400.
const binds = env('BENCH_ENGINE_BINDS', 4);
const timeLimitMs = env('BENCH_ENGINE_TIME_LIMIT_MS', 45_000);
const profDir = process.env.BENCH_CPU_PROF;
const traceOn = process.env.BENCH_ENGINE_TRACE === '1';
const nodeFlags = (process.env.BENCH_ENGINE_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '');
const API_KEY = 'engine-bench-key';
const SENDER = '15880000'; // registered for the simulator's account
const TEXT = process.env.BENCH_ENGINE_TEXT ?? '[msgsim] 주문하신 상품이 오늘 발송되었습니다. 감사합니다.';

/** Distinct numbers the default network serves on KT and reaches: each is routed on-net and delivered. */
function ktNumbers(count: number): string[] {
  const network = loadNetwork();
  const out: string[] = [];
  for (let n = 30_000_000; out.length < count; n++) {
    const msisdn = `010${n}`;
    const s = network.lookup(msisdn);
    if (s !== null && s.carrier === 'KT' && s.reachability === 'on') out.push(msisdn);
  }
  return out;
}

function engineConfig(npUrl: string, smppPort: number, dbPath: string): string {
  return JSON.stringify({
    api: { host: '127.0.0.1', port: 0 },
    network: { npUrl, ownCarrier: 'KT' },
    gateways: {
      smsvas: { target: `smpp://msgsim:secret@127.0.0.1:${smppPort}`, binds, policy: { tps: 1_000_000, window, timeout: 30_000 } },
      gmmsc: { enabled: false },
      rcs: { enabled: false },
      xroshot: { enabled: false },
    },
    tenants: [{ id: 'bench', apiKeys: [API_KEY], quota: { rate: 10_000_000, burst: 10_000_000 } }],
    store: { kind: 'sqlite', path: dbPath },
  });
}

interface RunResult {
  perSecond: number;
  intakePerSecond: number;
  intakeP50: number;
  intakeP99: number;
  cpuUsPerMessage: number;
  mainCpuUsPerMessage: number;
  /** The simulators' process (NP API and SMSC). */
  simsCpuUsPerMessage: number;
  /** This process: posting batches and reading the store. */
  ownCpuUsPerMessage: number;
  peakRssBytes: number;
  storeBytes: number;
  delivered: number;
  expected: number;
  complete: boolean;
  load: number;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runOnce(bodies: string[]): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'msgsim-engine-bench-'));
  const dbPath = join(dir, 'msgsim.db');
  const sims = startChild(fileURLToPath(new URL('./engine/network-and-smsc.ts', import.meta.url)), []);
  let engine: Awaited<ReturnType<typeof startEngine>> | null = null;
  let reader: Database.Database | null = null;
  try {
    const { npUrl, smppPort } = JSON.parse(await sims.line('LISTENING', 30_000)) as { npUrl: string; smppPort: number };
    const configFile = join(dir, 'engine.json.yaml'); // JSON is YAML
    writeFileSync(configFile, engineConfig(npUrl, smppPort, dbPath));
    engine = await startEngine(configFile, [...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), ...nodeFlags], 30_000, traceOn ? (l) => console.error(`engine stdout: ${l}`) : undefined);
    const pid = engine.proc.pid!;
    const pool = new Pool(engine.url, { connections: outstanding, keepAliveTimeout: 60_000, headersTimeout: 120_000, bodyTimeout: 120_000 });
    const probe = new Pool(engine.url, { connections: 1, keepAliveTimeout: 60_000 });
    reader = new Database(dbPath, { readonly: true, fileMustExist: true });
    const nonFinal = reader.prepare('SELECT count(*) FROM messages WHERE active = 1').pluck();
    const rows = reader.prepare('SELECT max(rowid) FROM messages').pluck();
    const storeDone = (expected: number) => (rows.get() as number | null) === expected && (nonFinal.get() as number) === 0;

    const post = async (body: string): Promise<number> => {
      const t0 = performance.now();
      const res = await pool.request({ path: '/v1/messages/batch', method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` }, body });
      const text = await res.body.text();
      if (res.statusCode !== 202) throw new Error(`batch answered ${res.statusCode}: ${text.slice(0, 300)}`);
      return performance.now() - t0;
    };
    /** Messages the engine holds that are not final yet (its /healthz; cheaper for it than /metrics). */
    const inMemory = async (): Promise<number> => {
      const res = await probe.request({ path: '/healthz', method: 'GET' });
      return ((await res.body.json()) as { messages: { inMemory: number } }).messages.inMemory;
    };
    /**
     * Posts batches first..last-1 with `outstanding` in flight, each only once the engine holds fewer
     * than `backlog` unfinished messages; resolves with each request's latency.
     */
    const postAll = async (first: number, last: number): Promise<number[]> => {
      const latencies: number[] = [];
      let next = first;
      const worker = async () => {
        while (next < last) {
          while (backlog > 0 && (await inMemory()) >= backlog) await sleep(10);
          if (next < last) latencies.push(await post(bodies[next++]));
        }
      };
      await Promise.all(Array.from({ length: outstanding }, worker));
      return latencies;
    };
    const waitDone = async (expected: number, deadline: number): Promise<boolean> => {
      for (;;) {
        // The engine's own count first: the store is counted only once the engine has nothing left.
        if ((await inMemory()) === 0 && storeDone(expected)) return true;
        if (performance.now() > deadline) return false;
        await sleep(20);
      }
    };

    const warmBatches = Math.ceil(warmup / batchSize);
    const allBatches = bodies.length;
    await postAll(0, warmBatches);
    const warmed = warmBatches * batchSize;
    if (!(await waitDone(warmed, performance.now() + timeLimitMs))) throw new Error(`warm-up: the store did not show ${warmed} final messages within ${timeLimitMs} ms`);

    const cpu0 = cpuSeconds(pid);
    const main0 = cpuSeconds(pid, pid);
    const sims0 = cpuSeconds(sims.proc.pid!);
    const own0 = process.cpuUsage();
    const t0 = performance.now();
    // BENCH_ENGINE_TRACE=1: rows and non-final rows in the store every second (costs this process a little).
    const trace = traceOn ? setInterval(() => console.log(`    ${((performance.now() - t0) / 1000).toFixed(1)} s  rows ${rows.get()}  non-final ${nonFinal.get()}  engine CPU ${cpuSeconds(pid).toFixed(1)} s`), 1000) : null;
    const latencies = await postAll(warmBatches, allBatches);
    const intakeMs = performance.now() - t0;
    const load = loadavg()[0];
    const expected = allBatches * batchSize;
    const complete = await waitDone(expected, t0 + timeLimitMs);
    const elapsedMs = performance.now() - t0;
    if (trace !== null) clearInterval(trace);
    const cpu = cpuSeconds(pid) - cpu0;
    const mainCpu = cpuSeconds(pid, pid) - main0;
    const simsCpu = cpuSeconds(sims.proc.pid!) - sims0;
    const ownUsage = process.cpuUsage(own0);
    const ownCpu = (ownUsage.user + ownUsage.system) / 1e6;
    const peakRssBytes = peakRss(pid);
    const measured = expected - warmed;
    reader.close();
    reader = null;
    await pool.close();
    await probe.close();
    const code = await engine.stop(30_000);
    if (code !== 0 || traceOn) console.error(`  engine exited with ${code}:\n${engine.log().join('\n')}`);
    let storeBytes = 0;
    for (const f of ['msgsim.db', 'msgsim.db-wal']) storeBytes += statSync(join(dir, f), { throwIfNoEntry: false })?.size ?? 0;
    // The engine is gone: count every row as the next start would find it.
    const check = new Database(dbPath, { readonly: true, fileMustExist: true });
    const counts = new Map((check.prepare('SELECT state, count(*) AS n FROM messages GROUP BY state').all() as Array<{ state: string; n: number }>).map((r) => [r.state, r.n]));
    if (traceOn) console.error(`  a stored record: ${check.prepare('SELECT record FROM messages ORDER BY rowid DESC LIMIT 1').pluck().get() as string}`);
    check.close();
    const delivered = counts.get('delivered') ?? 0;
    const done = complete ? measured : Math.max(0, delivered - warmed);
    return {
      perSecond: (done / elapsedMs) * 1000,
      intakePerSecond: (measured / intakeMs) * 1000,
      intakeP50: percentile(latencies, 50),
      intakeP99: percentile(latencies, 99),
      cpuUsPerMessage: (cpu * 1e6) / done,
      mainCpuUsPerMessage: (mainCpu * 1e6) / done,
      simsCpuUsPerMessage: (simsCpu * 1e6) / done,
      ownCpuUsPerMessage: (ownCpu * 1e6) / done,
      peakRssBytes,
      storeBytes,
      delivered,
      expected,
      complete: complete && delivered === expected,
      load,
    };
  } finally {
    reader?.close();
    await engine?.stop(10_000);
    await sims.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (n: number) => (n / 1024 / 1024).toFixed(0);

const total = Math.ceil(warmup / batchSize) * batchSize + Math.ceil(messages / batchSize) * batchSize;
const numbers = ktNumbers(total);
const bodies: string[] = [];
for (let i = 0; i < total; i += batchSize) {
  bodies.push(JSON.stringify({ from: SENDER, text: TEXT, recipients: numbers.slice(i, i + batchSize).map((to) => ({ to })) }));
}
console.log(
  `engine bench: ${int(messages)} messages after a ${int(warmup)} warm-up, batches of ${int(batchSize)}, ${outstanding} outstanding, backlog ${backlog > 0 ? `< ${int(backlog)}` : 'unbounded'}, SMSVAS window ${window} over ${binds} binds, SQLite store, ${runs} run${runs === 1 ? '' : 's'}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
);
const results: RunResult[] = [];
for (let i = 0; i < runs; i++) {
  const r = await runOnce(bodies);
  results.push(r);
  console.log(
    `  run ${i + 1}  end-to-end ${int(r.perSecond).padStart(7)} msg/s  intake ${int(r.intakePerSecond).padStart(7)} msg/s  batch p50 ${r.intakeP50.toFixed(0)} ms p99 ${r.intakeP99.toFixed(0)} ms  CPU ${r.cpuUsPerMessage.toFixed(0)} µs/msg (main ${r.mainCpuUsPerMessage.toFixed(0)}), simulators ${r.simsCpuUsPerMessage.toFixed(0)}, load generator ${r.ownCpuUsPerMessage.toFixed(0)}  peak RSS ${mb(r.peakRssBytes)} MB  store ${mb(r.storeBytes)} MB  delivered ${int(r.delivered)}/${int(r.expected)}  load ${r.load.toFixed(1)}${r.complete ? '' : '  INCOMPLETE'}`,
  );
}
const m = (f: (r: RunResult) => number) => median(results.map(f));
const label = runs === 1 ? 'one run' : `median of ${runs} runs`;
console.log(`\n${label}`);
const rows: Array<[string, string]> = [
  ['end-to-end messages/s (final state persisted)', int(m((r) => r.perSecond))],
  ['intake messages/s', int(m((r) => r.intakePerSecond))],
  ['intake latency per batch p50 / p99 (ms)', `${m((r) => r.intakeP50).toFixed(0)} / ${m((r) => r.intakeP99).toFixed(0)}`],
  ['engine CPU µs per message (all threads / main)', `${m((r) => r.cpuUsPerMessage).toFixed(0)} / ${m((r) => r.mainCpuUsPerMessage).toFixed(0)}`],
  ['simulators / load generator CPU µs per message', `${m((r) => r.simsCpuUsPerMessage).toFixed(0)} / ${m((r) => r.ownCpuUsPerMessage).toFixed(0)}`],
  // The figure an idle two-core machine would allow if the three processes kept both cores busy.
  ['CPU ceiling on 2 idle cores (messages/s)', int(2e6 / m((r) => r.cpuUsPerMessage + r.simsCpuUsPerMessage + r.ownCpuUsPerMessage))],
  ['engine peak RSS (MB)', mb(m((r) => r.peakRssBytes))],
  ['store size after the run (MB)', mb(m((r) => r.storeBytes))],
  ['load average (1 min) during the runs', m((r) => r.load).toFixed(1)],
];
for (const [k, v] of rows) console.log(`  ${k.padEnd(50)}${v.padStart(12)}`);
if (results.some((r) => !r.complete)) console.log('  some runs did not finish within the time limit or left messages not delivered');
console.log('target: >= 10,000 messages/s end to end (36M/hour) for one engine');

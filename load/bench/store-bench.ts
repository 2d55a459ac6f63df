// Store write path: the engine saves each message about four times (accepted, pending attempt,
// submitted, delivered) as whole ~750-byte records. Messages arrive in batches; each batch is saved in
// one call, and each later step is one save() call per record, so every commit mixes inserts and
// updates as the engine's would. Two phases: flat out (the ceiling), and paced at an engine's target
// rate (what a save costs and how long it waits for its commit). Prints records/s, CPU µs per record
// (whole process, and the main thread alone: the writer thread runs on the other core), the
// event-loop delay and save() latency.
// Environment: BENCH_STORE_RECORDS (saves flat out, default 200000), BENCH_STORE_RATE (paced messages/s,
// default 10000; 0 skips the phase), BENCH_STORE_RUNS (3), BENCH_STORE_KIND (sqlite, memory or both).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import type { MessageRecord } from '../../engine/message.ts';
import { createMemoryStore } from '../../engine/store/memory-store.ts';
import { createSqliteStore } from '../../engine/store/sqlite-store.ts';
import type { Store } from '../../engine/store/store.ts';

const saves = Number(process.env.BENCH_STORE_RECORDS ?? 200_000);
const pacedRate = Number(process.env.BENCH_STORE_RATE ?? 10_000);
const perTurn = 500;
const runs = Number(process.env.BENCH_STORE_RUNS ?? 3);
const kinds = (process.env.BENCH_STORE_KIND ?? 'sqlite') === 'both' ? ['sqlite', 'memory'] : [process.env.BENCH_STORE_KIND ?? 'sqlite'];
const T0 = Date.UTC(2025, 0, 6, 1, 0, 0);

// Time-ordered ids, as an engine minting them per millisecond would produce.
const idOf = (n: number) => `01JH${(T0 + Math.floor(n / 10)).toString(36).toUpperCase()}${n.toString(36).toUpperCase().padStart(8, '0')}`;

function record(n: number, step: number): MessageRecord {
  const id = idOf(n);
  const at = T0 + n;
  const r: MessageRecord = {
    id,
    tenant: 'acme-shop',
    request: {
      to: `010${String(20_000_000 + n).slice(-8)}`,
      from: '0215880001',
      text: `[에이스몰] 고객님 주문번호 ${100_000 + n} 상품이 오늘 발송되었습니다. 배송조회: https://acme.example/t/${n}`,
      priority: 'realtime',
      ad: false,
      clientRef: `campaign-${Math.floor(n / 10_000)}`,
      webhookUrl: 'https://hooks.acme.example/msgsim/status',
    },
    content: { kind: 'lms', text: `[에이스몰] 고객님 주문번호 ${100_000 + n} 상품이 오늘 발송되었습니다. 배송조회: https://acme.example/t/${n}` },
    state: 'accepted',
    carrier: 'KT',
    leg: 0,
    fallbacks: [],
    attempts: [],
    createdAt: at,
    updatedAt: at + step,
    dueAt: null,
    notified: false,
  };
  if (step >= 1) {
    r.state = 'routed';
    r.attempts.push({ messageId: id, seq: 1, leg: 0, gateway: 'smsvas', contentKind: 'lms', gatewayIds: [], outcome: 'pending', startedAt: at + 1 });
  }
  if (step >= 2) {
    r.state = 'submitted';
    r.dueAt = at + 86_400_000;
    r.attempts[0].outcome = 'submitted';
    r.attempts[0].gatewayIds = [`${(0x10000000 + n).toString(16)}`];
  }
  if (step >= 3) {
    r.state = 'delivered';
    r.dueAt = null;
    r.attempts[0].outcome = 'delivered';
    r.attempts[0].code = 'DELIVRD';
    r.attempts[0].endedAt = at + 900;
    r.notified = true;
  }
  return r;
}

// CPU of the main thread alone (Linux), in µs: the store's worker threads use the other core.
function mainThreadCpuUs(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // utime + stime, in ticks of 10 ms
  } catch {
    return Number.NaN;
  }
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

const noopStore = { save: () => Promise.resolve(), close: () => Promise.resolve() } as unknown as Store;

interface RunResult {
  perSecond: number;
  cpuUs: number;
  mainCpuUs: number;
  dbBytes: number;
  /** Event-loop delay while saving, ms: what the rest of an engine in this process would feel. */
  loopP99: number;
  /** From save() to its promise resolving, ms (paced phase). */
  saveP50: number;
  saveP99: number;
}

/**
 * One pass: `messages` messages, `perTick` arriving per tick; a tick is one turn of the event loop
 * flat out, or 10 ms when paced. Records are built as needed, like an engine's; the `noop` kind
 * measures that building alone.
 */
async function runOnce(kind: string, messages: number, paced: boolean): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'msgsim-store-bench-'));
  const path = join(dir, 'bench.db');
  const store: Store = kind === 'noop' ? noopStore : kind === 'memory' ? createMemoryStore() : createSqliteStore({ path });
  const perTick = paced ? Math.max(1, Math.round(pacedRate / 100)) : perTurn;
  const ticks = Math.ceil(messages / perTick);
  const inFlight: Promise<void>[] = [];
  const latency = createHistogram();
  const timed = (p: Promise<void>) => {
    const t0 = performance.now();
    return p.then(() => latency.record(Math.max(1, Math.round((performance.now() - t0) * 1000))));
  };
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuUs();
  const wall0 = performance.now();
  for (let t = 0; t < ticks + 3; t++) {
    for (let step = 0; step < 4; step++) {
      const b = t - step;
      if (b < 0 || b >= ticks) continue;
      const first = b * perTick;
      const last = Math.min(messages, first + perTick);
      if (step === 0) {
        const batch: MessageRecord[] = [];
        for (let n = first; n < last; n++) batch.push(record(n, 0));
        inFlight.push(timed(store.save(batch)));
      } else {
        for (let n = first; n < last; n++) inFlight.push(timed(store.save([record(n, step)])));
      }
    }
    // Bound what is in flight the way an engine's intake window would.
    if (inFlight.length > 20_000) await Promise.all(inFlight.splice(0));
    if (paced) {
      const wait = wall0 + (t + 1) * 10 - performance.now();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
    } else {
      await turn();
    }
  }
  await Promise.all(inFlight);
  await store.close();
  const wallMs = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  const mainCpu = mainThreadCpuUs() - main0;
  loop.disable();
  const total = messages * 4;
  let dbBytes = 0;
  if (kind === 'sqlite') for (const f of ['bench.db', 'bench.db-wal']) dbBytes += statSync(join(dir, f), { throwIfNoEntry: false })?.size ?? 0;
  rmSync(dir, { recursive: true, force: true });
  return {
    perSecond: total / (wallMs / 1000),
    cpuUs: (cpu.user + cpu.system) / total,
    mainCpuUs: mainCpu / total,
    dbBytes,
    loopP99: loop.percentile(99) / 1e6,
    saveP50: latency.percentile(50) / 1000,
    saveP99: latency.percentile(99) / 1000,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);
const flatMessages = Math.ceil(saves / 4);
const pacedMessages = pacedRate * 2; // two seconds
console.log(`store bench: record ~${JSON.stringify(record(1, 3)).length} bytes, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await runOnce('noop', flatMessages, false); // warm-up
const phases = [
  { name: `flat out: ${(flatMessages * 4).toLocaleString('en-US')} saves, ${perTurn} new messages per turn`, messages: flatMessages, paced: false },
  ...(pacedRate > 0 ? [{ name: `paced: ${pacedRate.toLocaleString('en-US')} messages/s (${(pacedRate * 4).toLocaleString('en-US')} saves/s) for 2 s`, messages: pacedMessages, paced: true }] : []),
];
const building: number[] = [];
const buildingMain: number[] = [];
for (let i = 0; i < runs; i++) {
  const r = await runOnce('noop', flatMessages, false);
  building.push(r.cpuUs);
  buildingMain.push(r.mainCpuUs);
}
const base = median(building);
const baseMain = median(buildingMain);
for (const phase of phases) {
  console.log(`\n${phase.name}`);
  for (const kind of kinds) {
    const rs: RunResult[] = [];
    for (let i = 0; i < runs; i++) rs.push(await runOnce(kind, phase.messages, phase.paced));
    const m = (f: (r: RunResult) => number) => median(rs.map(f));
    const latency = phase.paced ? `  save() p50 ${m((r) => r.saveP50).toFixed(1)} ms, p99 ${m((r) => r.saveP99).toFixed(1)} ms` : '';
    console.log(
      `  ${kind.padEnd(7)} ${fmt(m((r) => r.perSecond))} records/s  CPU ${(m((r) => r.cpuUs) - base).toFixed(2)} µs/record (main thread ${(m((r) => r.mainCpuUs) - baseMain).toFixed(2)})  loop delay p99 ${m((r) => r.loopP99).toFixed(1)} ms${latency}`,
    );
  }
}
console.log(`\nmedians of ${runs} runs; CPU excludes building the records (${base.toFixed(2)} µs/record, measured alone)`);
console.log('the engine needs ~40,000 saves/s (10,000 messages/s x 4 saves)');

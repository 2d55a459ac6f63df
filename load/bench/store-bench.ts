// Store write path: the engine saves each message about four times (accepted, pending attempt,
// submitted, delivered) as whole ~600-byte records. Messages arrive in batches, one per event-loop
// turn; each turn also moves the three previous batches one step on, one save() call per record, so
// every flush mixes inserts and updates as the engine's would. Prints records/s and CPU µs per record.
// Environment: BENCH_STORE_RECORDS (default 200000 saves), BENCH_STORE_BATCH (500 messages per turn),
// BENCH_STORE_RUNS (3), BENCH_STORE_KIND (sqlite, memory or both; default sqlite).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MessageRecord } from '../../engine/message.ts';
import { createMemoryStore } from '../../engine/store/memory-store.ts';
import { createSqliteStore } from '../../engine/store/sqlite-store.ts';
import type { Store } from '../../engine/store/store.ts';

const saves = Number(process.env.BENCH_STORE_RECORDS ?? 200_000);
const perTurn = Number(process.env.BENCH_STORE_BATCH ?? 500);
const runs = Number(process.env.BENCH_STORE_RUNS ?? 3);
const kinds = (process.env.BENCH_STORE_KIND ?? 'sqlite') === 'both' ? ['sqlite', 'memory'] : [process.env.BENCH_STORE_KIND ?? 'sqlite'];
const messages = Math.ceil(saves / 4);
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
  bytes: number;
  dbBytes: number;
  /** Event-loop delay while saving, ms: what the rest of an engine in this process would feel. */
  loopP99: number;
  loopMax: number;
}

/** One pass of the workload; records are built as they are needed, like an engine's, and `noop` measures that building alone. */
async function runOnce(kind: string): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'msgsim-store-bench-'));
  const path = join(dir, 'bench.db');
  const store: Store = kind === 'noop' ? noopStore : kind === 'memory' ? createMemoryStore() : createSqliteStore({ path });
  const turns = Math.ceil(messages / perTurn);
  const inFlight: Promise<void>[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuUs();
  const wall0 = performance.now();
  for (let t = 0; t < turns + 3; t++) {
    for (let step = 0; step < 4; step++) {
      const b = t - step;
      if (b < 0 || b >= turns) continue;
      const first = b * perTurn;
      const last = Math.min(messages, first + perTurn);
      if (step === 0) {
        const batch: MessageRecord[] = [];
        for (let n = first; n < last; n++) batch.push(record(n, 0));
        inFlight.push(store.save(batch));
      } else {
        for (let n = first; n < last; n++) inFlight.push(store.save([record(n, step)]));
      }
    }
    // Bound what is in flight the way an engine's intake window would.
    if (inFlight.length > 20_000) await Promise.all(inFlight.splice(0));
    await turn();
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
  return { perSecond: total / (wallMs / 1000), cpuUs: (cpu.user + cpu.system) / total, mainCpuUs: mainCpu / total, bytes: JSON.stringify(record(1, 3)).length, dbBytes, loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);
console.log(`store bench: ${(messages * 4).toLocaleString('en-US')} saves (${messages.toLocaleString('en-US')} messages x 4 steps, record ~${JSON.stringify(record(1, 3)).length} bytes), ${perTurn} messages per turn, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await runOnce('noop'); // warm-up
const results = new Map<string, RunResult[]>([['noop', []], ...kinds.map((k): [string, RunResult[]] => [k, []])]);
// Rounds interleave the kinds so that load from elsewhere on the machine falls on all of them alike.
for (let i = 0; i < runs; i++) {
  for (const kind of results.keys()) {
    const r = await runOnce(kind);
    results.get(kind)!.push(r);
    if (kind !== 'noop') console.log(`  round ${i + 1} ${kind.padEnd(7)} ${fmt(r.perSecond)} records/s  ${r.cpuUs.toFixed(2).padStart(6)} µs CPU/record (main thread ${r.mainCpuUs.toFixed(2)})  loop delay p99 ${r.loopP99.toFixed(1)} ms, max ${r.loopMax.toFixed(1)} ms${r.dbBytes ? `  (file ${(r.dbBytes / 1e6).toFixed(0)} MB)` : ''}`);
  }
}
const building = median(results.get('noop')!.map((r) => r.cpuUs));
const buildingMain = median(results.get('noop')!.map((r) => r.mainCpuUs));
console.log(`\nmedians (building the records alone: ${building.toFixed(2)} µs CPU/record, subtracted in the last column)`);
for (const kind of kinds) {
  const rs = results.get(kind)!;
  const cpu = median(rs.map((r) => r.cpuUs));
  console.log(`${kind.padEnd(8)} ${fmt(median(rs.map((r) => r.perSecond)))} records/s  ${cpu.toFixed(2).padStart(6)} µs CPU/record  store alone ${(cpu - building).toFixed(2).padStart(6)} µs (main thread ${(median(rs.map((r) => r.mainCpuUs)) - buildingMain).toFixed(2)})  loop delay p99 ${median(rs.map((r) => r.loopP99)).toFixed(1)} ms`);
}
console.log('target: the engine needs ~40,000 records/s (10,000 messages/s x 4 saves)');

// Acceptance: over 100k random and mutated PDUs against one SMSVAS simulator, from several concurrent
// sessions (bound and unbound), while a well-behaved canary keeps binding, submitting and receiving
// receipts. Every frame gets the answer SMPP 3.4 requires, nothing crashes, the heap stays bounded.
// Replay a run with SMSVAS_FUZZ_SEED=<seed>; scale it with SMSVAS_FUZZ_CASES=<cases per session>.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../gateways/kit/rng.ts';
import { createSmscSimulator, type SmscSimulator } from '../../gateways/smsvas/simulator/smsc-simulator.ts';
import { startCanary } from './canary-esme.ts';
import { createFuzzTally } from './fuzz-tally.ts';
import { runFuzzSession, type FuzzSessionOptions } from './fuzz-session.ts';
import { CANARY_ACCOUNT, FUZZ_ACCOUNT, fuzzSmscConfig, REACHABLE, TENANT_ACCOUNT } from './fuzz-smsc-config.ts';
import { createHeapProbe } from './heap-probe.ts';

const SEED = Number(process.env.SMSVAS_FUZZ_SEED ?? 20261120);
const CASES_PER_SESSION = Number(process.env.SMSVAS_FUZZ_CASES ?? 17_000);
const WARMUP_SHARE = 0.12;
const MIB = 1024 * 1024;

type Plan = Pick<FuzzSessionOptions, 'name' | 'bind'> & { account: { sender: string } };
const PLANS: Plan[] = [
  { name: 'open-a', bind: null, account: FUZZ_ACCOUNT },
  { name: 'open-b', bind: null, account: FUZZ_ACCOUNT },
  { name: 'trx-a', bind: { command: 'bind_transceiver', ...FUZZ_ACCOUNT }, account: FUZZ_ACCOUNT },
  { name: 'trx-b', bind: { command: 'bind_transceiver', ...FUZZ_ACCOUNT }, account: FUZZ_ACCOUNT },
  { name: 'tx', bind: { command: 'bind_transmitter', ...FUZZ_ACCOUNT }, account: FUZZ_ACCOUNT },
  { name: 'rx-tenant', bind: { command: 'bind_receiver', ...TENANT_ACCOUNT }, account: TENANT_ACCOUNT },
];

const processErrors: string[] = [];
const onUncaught = (err: unknown) => processErrors.push(`uncaughtException: ${(err as Error)?.stack ?? String(err)}`);
const onRejection = (err: unknown) => processErrors.push(`unhandledRejection: ${(err as Error)?.stack ?? String(err)}`);
beforeAll(() => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onRejection);
});
afterAll(() => {
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onRejection);
});

interface SimStats {
  sessions: number;
  messages: { stored: number; pending: number; segmentGroups: number };
  accounts: Record<string, { binds: number; deliverQueue: number; deliverInFlight: number }>;
}

function isDrained(s: SimStats): boolean {
  return s.sessions === 0 && s.messages.segmentGroups === 0 && Object.values(s.accounts).every((a) => a.deliverInFlight === 0);
}

async function until(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

describe('SMSVAS simulator under fuzzing', () => {
  let sim: SmscSimulator | undefined;
  afterAll(async () => {
    await sim?.close();
  });

  it('answers every fuzz PDU as SMPP 3.4 requires while a canary session keeps working, within bounded memory', async () => {
    console.log(`smsvas fuzz: seed ${SEED}, ${CASES_PER_SESSION} cases x ${PLANS.length} sessions (SMSVAS_FUZZ_SEED / SMSVAS_FUZZ_CASES to change)`);
    const rng = createRng(SEED);
    const tally = createFuzzTally();
    const probe = createHeapProbe();
    sim = createSmscSimulator({ config: fuzzSmscConfig(), seed: SEED });
    const { port } = await sim.listen(0);
    const canary = startCanary({ port, ...CANARY_ACCOUNT, destination: REACHABLE, submitsPerBind: 40, stepTimeoutMs: 5_000 });
    const started = performance.now();

    const phase = (tag: string, cases: number) =>
      Promise.all(PLANS.map((p) => runFuzzSession({
        name: p.name, bind: p.bind, port, cases, tally, inFlightCap: 32, answerTimeoutMs: 5_000,
        rng: rng.fork(`${p.name}:${tag}`),
        seed: { systemId: FUZZ_ACCOUNT.systemId, password: FUZZ_ACCOUNT.password, sender: p.account.sender, destination: REACHABLE, messageIds: [] },
      })));

    const warm = await phase('warm-up', Math.round(CASES_PER_SESSION * WARMUP_SHARE));
    const heapAfterWarmUp = await probe.settledHeap();
    const main = await phase('main', CASES_PER_SESSION - Math.round(CASES_PER_SESSION * WARMUP_SHARE));
    const fuzzMs = performance.now() - started;

    // The canary must still be served once the storm is over, not merely have survived it.
    const submitsAtEnd = canary.stats.submits;
    const canaryAfter = await until(() => canary.stats.submits >= submitsAtEnd + 5 || canary.stats.failures.length > 0, 10_000);
    await canary.stop();

    const results = [...warm, ...main];
    const cases = results.reduce((s, r) => s + r.cases, 0);
    const connections = results.reduce((s, r) => s + r.connections, 0);
    const ctx = sim.context;
    // Segment groups, deliveries in flight and closed sessions drain on the simulator's own timers.
    const adminStats = async () => ((await sim!.admin.inject({ method: 'GET', url: '/admin/stats' })).json() as { stats: SimStats }).stats;
    let simStats = await adminStats();
    const drainEnd = performance.now() + 10_000;
    while (!isDrained(simStats) && performance.now() < drainEnd) {
      await new Promise((r) => setTimeout(r, 100));
      simStats = await adminStats();
    }
    const heapAtEnd = await probe.settledHeap();
    const binds = Object.fromEntries(Object.entries(simStats.accounts).map(([id, a]) => [id, a.binds]));

    console.log([
      `smsvas fuzz: ${cases} fuzz PDUs over ${connections} connections in ${(fuzzMs / 1000).toFixed(1)} s`,
      `canary: ${JSON.stringify(canary.stats)}`,
      `heap: ${(heapAfterWarmUp / MIB).toFixed(1)} MiB after warm-up, ${(heapAtEnd / MIB).toFixed(1)} MiB at the end`,
      `simulator after drain: ${JSON.stringify({ sessions: simStats.sessions, messages: simStats.messages, accounts: simStats.accounts })}`,
      // The raw counters are long; print them when digging into a run.
      ...(process.env.SMSVAS_FUZZ_VERBOSE ? [`simulator counters: ${JSON.stringify(ctx.stats.snapshot())}`] : []),
      'outcomes:',
      tally.report(),
    ].join('\n'));

    expect(processErrors).toEqual([]);
    expect(tally.failures).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(Math.min(100_000, CASES_PER_SESSION * PLANS.length));
    expect(canary.stats.failures).toEqual([]);
    expect(canaryAfter).toBe(true);
    expect(canary.stats.receipts).toBe(canary.stats.submits);
    expect(canary.stats.submits).toBeGreaterThan(20);
    // Every outcome class was exercised, or the run proved less than it claims.
    const seen = (prefix: string) => [...tally.counts].filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);
    for (const cls of ['resp:ok', 'resp:error:', 'nack:decoded:', 'nack:undecodable:', 'silent:', 'close:invalid-length', 'close:unbind']) {
      expect(seen(cls), cls).toBeGreaterThan(0);
    }
    expect(results.reduce((s, r) => s + r.bindFailures, 0)).toBe(0);
    expect(isDrained(simStats)).toBe(true);
    // Only messages a mutated schedule_delivery_time put in the future may still be pending.
    expect(simStats.messages.pending).toBeLessThanOrEqual(Math.ceil((ctx.stats.snapshot().messages ?? 0) * 0.01));
    // Every bind a fuzzing session made was given back when its connection closed.
    expect(binds).toEqual({ msgsim: 0, tenant2: 0, canary: 0 });
    expect(heapAtEnd - heapAfterWarmUp).toBeLessThan(64 * MIB);
  });
});

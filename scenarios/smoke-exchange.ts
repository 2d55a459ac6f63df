// The smoke exchange behind `msgsim demo` until the engine exists: the network, its NP API and the
// SMSVAS simulator start in-process, the SMSVAS client binds to it like an engine would, and a set of
// cases plus a burst of random subscribers run through submit, response, receipt and MO.
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createRng } from '../gateways/kit/rng.ts';
import { KNOWN_SUBSCRIBERS as K } from '../gateways/network/known-subscribers.ts';
import { loadNetwork } from '../gateways/network/load-network.ts';
import { createNpApi } from '../gateways/network/np-api.ts';
import { createSmsvasClient, type SubmitOutcome } from '../gateways/smsvas/client/smsvas-client.ts';
import type { SmsvasMo, SmsvasReport } from '../gateways/smsvas/client/deliver-reader.ts';
import { loadSmscConfig } from '../gateways/smsvas/simulator/smsc-config.ts';
import { createSmscSimulator } from '../gateways/smsvas/simulator/smsc-simulator.ts';
import { SMOKE_CASES, type SmokeExpectation } from './smoke-cases.ts';

export interface SmokeCaseResult {
  name: string;
  expected: string;
  actual: string;
  passed: boolean;
  segments: number;
  messageIds: string[];
}

export interface SmokeReport {
  startedAt: string;
  endpoints: Record<string, string>;
  cases: SmokeCaseResult[];
  mo: { sent: string; received: string | null; passed: boolean };
  burst: {
    messages: number;
    accepted: number;
    rejected: Record<string, number>;
    submitSeconds: number;
    submitsPerSecond: number;
    reportsReceived: number;
    outcomes: Record<string, number>;
    carriers: Record<string, number>;
    lastReportSeconds: number;
  };
  simulatorCounters: Record<string, unknown>;
  passed: boolean;
}

export interface SmokeOptions {
  burst: number;
  seed: string;
  /** Longest wait for outstanding receipts. */
  reportWaitMs: number;
  onProgress?: (line: string) => void;
}

export async function runSmokeExchange(opts: SmokeOptions): Promise<SmokeReport> {
  const say = opts.onProgress ?? (() => {});
  const network = loadNetwork();
  const np = createNpApi(network);
  await np.listen({ port: 0, host: '127.0.0.1' });
  const sim = createSmscSimulator({ config: loadSmscConfig(undefined, 'demo'), seed: opts.seed, network });
  const smpp = await sim.listen(0, '127.0.0.1');
  await sim.admin.listen({ port: 0, host: '127.0.0.1' });
  const endpoints = {
    'np-api': `http://127.0.0.1:${(np.server.address() as AddressInfo).port}`,
    'smsvas smpp': `smpp://127.0.0.1:${smpp.port}`,
    'smsvas admin': `http://127.0.0.1:${(sim.admin.server.address() as AddressInfo).port}`,
  };
  for (const [k, v] of Object.entries(endpoints)) say(`${k.padEnd(13)} ${v}`);

  const reports = new Map<string, SmsvasReport>();
  const waiters = new Map<string, () => void>();
  const mos: SmsvasMo[] = [];
  const client = createSmsvasClient({ target: `smpp://msgsim:secret@127.0.0.1:${smpp.port}`, binds: 2, window: 100 });
  client.on('report', (r) => {
    if (!r.final) return;
    reports.set(r.messageId, r);
    waiters.get(r.messageId)?.();
  });
  client.on('mo', (m) => mos.push(m));
  const startedAt = new Date().toISOString();
  try {
    await client.connect();
    say('client bound (2 transceivers, window 100)');

    const cases = await Promise.all(SMOKE_CASES.map(async (c) => judge(c.name, c.expect, await client.submit(c.message), reports, waiters, opts.reportWaitMs)));
    for (const c of cases) say(`${c.passed ? 'ok  ' : 'FAIL'} ${c.name}: ${c.actual}`);

    const moText = '수신거부';
    sim.injectMo({ source: K.ktAndroidRcs, destination: '15880000', text: moText });
    const moSeen = await waitFor(() => mos.find((m) => m.source === K.ktAndroidRcs) ?? null, 5000);
    const mo = { sent: `${K.ktAndroidRcs} -> 15880000: ${moText}`, received: moSeen ? `${moSeen.source} -> ${moSeen.destination}: ${moSeen.text}` : null, passed: moSeen?.text === moText };
    say(`${mo.passed ? 'ok  ' : 'FAIL'} MO reply reaches the account: ${mo.received ?? 'nothing received'}`);

    const burst = await runBurst(client, network, opts, reports);
    say(`burst: ${burst.accepted}/${burst.messages} accepted at ${burst.submitsPerSecond} submit_sm/s, ${burst.reportsReceived} receipts`);

    const counters = (await sim.admin.inject({ method: 'GET', url: '/admin/stats' })).json() as { stats: Record<string, unknown> };
    return {
      startedAt,
      endpoints,
      cases,
      mo,
      burst,
      simulatorCounters: counters.stats,
      passed: cases.every((c) => c.passed) && mo.passed && burst.accepted === burst.messages && burst.reportsReceived === burst.accepted,
    };
  } finally {
    await client.close();
    await sim.close();
    await np.close();
  }
}

async function judge(
  name: string,
  expect: SmokeExpectation,
  out: SubmitOutcome,
  reports: Map<string, SmsvasReport>,
  waiters: Map<string, () => void>,
  waitMs: number,
): Promise<SmokeCaseResult> {
  const expected = expect.kind === 'report' ? `accepted, then ${expect.outcome}` : `rejected: ${expect.reason}`;
  const base = { name, expected, segments: out.kind === 'accepted' ? out.segments : 0, messageIds: out.kind === 'accepted' ? out.messageIds : [] };
  if (out.kind !== 'accepted') {
    const actual = out.kind === 'rejected' ? `rejected: ${out.reason} (${out.statusName})` : 'no response';
    return { ...base, actual, passed: expect.kind === 'rejected' && out.kind === 'rejected' && out.reason === expect.reason };
  }
  await Promise.all(out.messageIds.map((id) => (reports.has(id) ? null : new Promise<void>((resolve) => {
    const t = setTimeout(resolve, waitMs);
    waiters.set(id, () => (clearTimeout(t), resolve()));
  }))));
  const got = out.messageIds.map((id) => reports.get(id));
  const outcomes = [...new Set(got.map((r) => r?.outcome ?? 'no receipt'))];
  const stats = [...new Set(got.map((r) => r?.stat ?? '-'))];
  const actual = `accepted as ${out.segments} segment(s), then ${outcomes.join('/')} (${stats.join('/')})`;
  return { ...base, actual, passed: expect.kind === 'report' && outcomes.length === 1 && outcomes[0] === expect.outcome };
}

async function runBurst(client: ReturnType<typeof createSmsvasClient>, network: ReturnType<typeof loadNetwork>, opts: SmokeOptions, reports: Map<string, SmsvasReport>): Promise<SmokeReport['burst']> {
  const rng = createRng(`${opts.seed}:burst`);
  const carriers: Record<string, number> = {};
  const ids: string[] = [];
  const rejected: Record<string, number> = {};
  const started = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: opts.burst }, () => {
      const destination = `010${String(rng.int(20_000_000, 99_999_999))}`;
      const s = network.lookup(destination);
      if (s) carriers[s.carrier] = (carriers[s.carrier] ?? 0) + 1;
      return client.submit({ source: '15880000', destination, text: `[msgsim] 정기 점검 안내 ${destination.slice(-4)}` });
    }),
  );
  const submitSeconds = (performance.now() - started) / 1000;
  for (const o of outcomes) {
    if (o.kind === 'accepted') ids.push(...o.messageIds);
    else {
      const key = o.kind === 'rejected' ? o.reason : 'timeout';
      rejected[key] = (rejected[key] ?? 0) + 1;
    }
  }
  await waitFor(() => (ids.every((id) => reports.has(id)) ? true : null), opts.reportWaitMs);
  const lastReportSeconds = (performance.now() - started) / 1000;
  const mix: Record<string, number> = {};
  let received = 0;
  for (const id of ids) {
    const r = reports.get(id);
    if (!r) continue;
    received++;
    mix[r.outcome] = (mix[r.outcome] ?? 0) + 1;
  }
  return {
    messages: opts.burst,
    accepted: ids.length,
    rejected,
    submitSeconds: round(submitSeconds),
    submitsPerSecond: Math.round(opts.burst / submitSeconds),
    reportsReceived: received,
    outcomes: mix,
    carriers,
    lastReportSeconds: round(lastReportSeconds),
  };
}

async function waitFor<T>(probe: () => T | null, timeoutMs: number): Promise<T | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== null || Date.now() >= until) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

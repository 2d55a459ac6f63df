// Thousands of broken and valid MAS frames from concurrent connections against one Xroshot simulator:
// each is answered as its method asks, or the session closes; nothing hangs or crashes, a registered
// canary keeps sending and receiving reports throughout, and the heap stays bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../gateways/kit/clock.ts';
import { createRng } from '../../gateways/kit/rng.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../gateways/network/known-subscribers.ts';
import { parseXroshotConfig } from '../../gateways/xroshot/simulator/xroshot-config.ts';
import { createXroshotSimulator, type XroshotSimulator } from '../../gateways/xroshot/simulator/xroshot-simulator.ts';
import { connectMas, TEST_ACCOUNT, type MasTestClient } from '../unit/xroshot/simulator/mas-test-client.ts';
import { createHeapProbe } from './heap-probe.ts';
import { nextCase, type FuzzCase } from './xroshot-frame-cases.ts';
import { openFuzzConnection, type FuzzConnection, type Verdict } from './xroshot-fuzz-client.ts';

const CONNECTIONS = 6;
const CASES_PER_CONNECTION = 500;
const MAX_FRAME = 64 * 1024;

const clock = createManualClock(Date.UTC(2026, 10, 20, 3, 0, 0));
let sim: XroshotSimulator;
let port: number;
const heap = createHeapProbe();

beforeAll(async () => {
  const config = parseXroshotConfig({
    accounts: [{ ...TEST_ACCOUNT, maxSessions: 4, tps: 1_000_000, callbackNumbers: ['15880000'] }],
    session: { idleTimeout: 0 },
    maxFrameBytes: MAX_FRAME,
    behaviour: { version: 1, latency: 0, reports: { outcomes: { delivered: 1 }, delay: 0 } },
  });
  sim = createXroshotSimulator({ config, clock, seed: 'fuzz' });
  port = (await sim.listen(0)).port;
});

afterAll(async () => {
  await sim?.close();
});

function judge(c: FuzzCase, v: Verdict): string | null {
  if (v.undecodable > 0) return `${v.undecodable} undecodable answer frame(s)`;
  if (c.expect.kind === 'close') return v.closed ? null : `session stayed open, answers: ${v.answers.map((a) => a.method).join(',')}`;
  if (c.expect.kind === 'answer' && c.expect.closes) {
    const closeOk = c.expect.closes === 'either' || v.closed;
    return closeOk && v.answers[0]?.method === c.expect.method ? null : `expected ${c.expect.method} and a close`;
  }
  if (v.closed) return 'session closed';
  if (c.expect.kind === 'silence') return v.answers.length === 0 ? null : `unexpected ${v.answers.map((a) => a.method).join(',')}`;
  return v.answers[0]?.method === c.expect.method ? null : `expected ${c.expect.method}, got ${v.answers.map((a) => a.method).join(',') || 'nothing'}`;
}

async function canarySend(canary: MasTestClient): Promise<void> {
  const { all } = await canary.sendMessage({ to: [K.sktAndroid] });
  expect(all.result).toBe(0);
  clock.advance(0);
  const report = await canary.next('req_report');
  expect(report.jobId).toBe(all.jobIds[0].jobId);
  canary.ackReport(report);
}

describe('Xroshot simulator under fuzzed frames', () => {
  it('answers or closes on every case while a registered canary keeps working, heap bounded', async () => {
    const before = await heap.settledHeap();
    const canary = await connectMas(port);
    expect((await canary.login()).regist.result).toBe(0);
    const tally = new Map<string, number>();
    const failures: string[] = [];
    const worker = async (w: number) => {
      const rng = createRng(`xroshot-fuzz-${w}`);
      let conn: FuzzConnection = await openFuzzConnection(port);
      for (let i = 0; i < CASES_PER_CONNECTION; i++) {
        if (conn.closed) conn = await openFuzzConnection(port);
        const c = nextCase(rng);
        const verdict = await conn.run(c);
        const problem = judge(c, verdict);
        const kind = c.name.replace(/ (at|of) \d+.*$/, '').replace(/ before .*$/, '');
        tally.set(kind, (tally.get(kind) ?? 0) + 1);
        if (problem && failures.length < 20) failures.push(`${c.name}: ${problem}`);
        if (w === 0 && i % 25 === 0) await canarySend(canary);
      }
      conn.destroy();
    };
    try {
      await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => worker(w)));
      await canarySend(canary);
    } finally {
      // A canary left registered would take the next test's reports.
      canary.close();
    }

    expect(failures).toEqual([]);
    // Every family of case ran, so a generator bug cannot shrink the run silently.
    for (const family of ['valid', 'truncated', 'missing its NUL', 'junk inside', 'entity bomb', 'bad UTF-8 inside', 'garbage']) {
      expect([...tally.keys()].some((k) => k.includes(family)), family).toBe(true);
    }
    const after = await heap.settledHeap();
    expect(after - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('closes a connection that sends more than the frame limit without a NUL, and others keep working', async () => {
    const canary = await connectMas(port);
    expect((await canary.login()).regist.result).toBe(0);
    const before = await heap.settledHeap();
    const floods = await Promise.all([1, 2, 3].map(() => connectMas(port)));
    const chunk = Buffer.alloc(16 * 1024, 0x41);
    for (const f of floods) {
      f.socket.write('<MAS method="req_send_message_2"><MessageType>1</MessageType><Content>');
      for (let i = 0; i < 64 && !f.socket.destroyed; i++) f.socket.write(chunk);
    }
    await Promise.all(floods.map((f) => f.closed));
    await canarySend(canary);
    expect(sim.context.stats.snapshot()['in:frame-too-large']).toBeGreaterThanOrEqual(3);
    canary.close();
    const after = await heap.settledHeap();
    expect(after - before).toBeLessThan(20 * 1024 * 1024);
  });
});

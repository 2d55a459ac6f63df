// The res_report of a req_report waits for the promise onReport returned: Result 0 once it resolves,
// Result 1 when it rejects (the relay sends the report again), nothing when the session is lost first
// (the relay keeps it for the next one); later frames are read meanwhile.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBehaviour } from '../../../../gateways/kit/behaviour-schema.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { loadNetwork } from '../../../../gateways/network/load-network.ts';
import type { XroshotClientOptions } from '../../../../gateways/xroshot/client/client-options.ts';
import { createXroshotClient, type XroshotClient } from '../../../../gateways/xroshot/client/xroshot-client.ts';
import type { XroshotReport } from '../../../../gateways/xroshot/client/xroshot-report.ts';
import { loadXroshotConfig } from '../../../../gateways/xroshot/simulator/xroshot-config.ts';
import { createXroshotSimulator, type XroshotSimulator } from '../../../../gateways/xroshot/simulator/xroshot-simulator.ts';

const network = loadNetwork();
let sims: XroshotSimulator[] = [];
let clients: XroshotClient[] = [];

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await Promise.all(sims.map((s) => s.close()));
  clients = [];
  sims = [];
});

/** Prompt delivered reports; a report answered with a non-zero Result is sent again 20 ms later. */
async function startSim(): Promise<{ sim: XroshotSimulator; connect: (opts: Partial<XroshotClientOptions>) => Promise<XroshotClient> }> {
  const config = loadXroshotConfig();
  config.behaviour = parseBehaviour({ version: 1, latency: 1, reports: { outcomes: { delivered: 1 }, delay: 5 } }, 'test');
  config.reports.retryDelay = 20;
  const sim = createXroshotSimulator({ config, seed: 'ack-test', network });
  sims.push(sim);
  const { port } = await sim.listen(0, '127.0.0.1');
  const cert = config.accounts[0].cert;
  return {
    sim,
    async connect(opts) {
      const c = createXroshotClient({ target: `tcp://msgsim:secret@127.0.0.1:${port}`, certificate: cert, rng: createRng('ack-test'), ...opts });
      clients.push(c);
      await c.connect();
      return c;
    },
  };
}

const answered = (sim: XroshotSimulator, result: number) => sim.context.log.list().filter((e) => e.method === 'res_report' && e.dir === 'in' && e.result === result).length;
const inFlight = (sim: XroshotSimulator) => sim.context.accounts.get('msgsim')!.reports.inFlight();
const sms = (text: string, reference?: string) => ({ kind: 'sms' as const, source: '15880000', destination: K.sktAndroid, text, ...(reference ? { reference } : {}) });

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Xroshot client: res_report after the handler settled', () => {
  it('answers Result 1 when the promise rejects; the relay sends the report again and it is handled again', { timeout: 20_000 }, async () => {
    const { sim, connect } = await startSim();
    const seen: XroshotReport[] = [];
    const c = await connect({ onReport: (r) => (seen.push(r), seen.length === 1 ? Promise.reject(new Error('store down')) : Promise.resolve()) });
    const out = await c.submit(sms('again', 'ref-1'));
    expect(out.kind).toBe('accepted');
    await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: 10_000 });
    expect(seen[1].messageId).toBe(seen[0].messageId);
    expect(seen.map((r) => r.reference)).toEqual(['ref-1', undefined]);
    await vi.waitFor(() => expect(answered(sim, 0)).toBe(1));
    expect(answered(sim, 1)).toBe(1);
    expect(inFlight(sim)).toBe(0);
  });

  it('answers a report only once its promise resolves, reading and answering later reports meanwhile', { timeout: 20_000 }, async () => {
    const { sim, connect } = await startSim();
    const slow = deferred();
    const seen: string[] = [];
    const c = await connect({ onReport: (r) => (seen.push(r.messageId), seen.length === 1 ? slow.promise : undefined) });
    await c.submit(sms('first'));
    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 10_000 });
    await Promise.all([c.submit(sms('second')), c.submit(sms('third'))]);
    await vi.waitFor(() => expect(answered(sim, 0)).toBe(2), { timeout: 10_000 });
    expect(inFlight(sim)).toBe(1);
    slow.resolve();
    await vi.waitFor(() => expect(answered(sim, 0)).toBe(3));
    expect(inFlight(sim)).toBe(0);
  });

  it('answers reports that share one promise together once it resolves', { timeout: 20_000 }, async () => {
    const { sim, connect } = await startSim();
    const commit = deferred();
    let seen = 0;
    const c = await connect({ onReport: () => (seen++, commit.promise) });
    await Promise.all(['a', 'b', 'c'].map((t) => c.submit(sms(t))));
    await vi.waitFor(() => expect(seen).toBe(3), { timeout: 10_000 });
    expect(answered(sim, 0)).toBe(0);
    commit.resolve();
    await vi.waitFor(() => expect(answered(sim, 0)).toBe(3));
  });

  it('never answers a report whose session is gone first: the relay sends it to the next session', { timeout: 20_000 }, async () => {
    const { sim, connect } = await startSim();
    const first: string[] = [];
    const a = await connect({ closeTimeoutMs: 500, onReport: (r) => (first.push(r.messageId), new Promise<void>(() => {})) });
    await a.submit(sms('kept'));
    await vi.waitFor(() => expect(first).toHaveLength(1), { timeout: 10_000 });
    await a.close();
    const again: string[] = [];
    await connect({ onReport: (r) => void again.push(r.messageId) });
    await vi.waitFor(() => expect(again).toEqual(first), { timeout: 10_000 });
    await vi.waitFor(() => expect(answered(sim, 0)).toBe(1));
  });
});

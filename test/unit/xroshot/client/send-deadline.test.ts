// The Xroshot client against the simulator while the relay refuses connections: a queued message whose
// notAfter passes is never written, one within it goes out after re-registering, and unreachable()
// says when waiting for a session is pointless.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBehaviour } from '../../../../gateways/kit/behaviour-schema.ts';
import { createManualClock, type ManualClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { createXroshotClient, NOT_SENT_LATE, type XroshotClient, type XroshotMessage } from '../../../../gateways/xroshot/client/xroshot-client.ts';
import { loadXroshotConfig } from '../../../../gateways/xroshot/simulator/xroshot-config.ts';
import { createXroshotSimulator, type XroshotSimulator } from '../../../../gateways/xroshot/simulator/xroshot-simulator.ts';

const REREGIST_MS = 1_000;
let sims: XroshotSimulator[] = [];
let clients: XroshotClient[] = [];

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await Promise.all(sims.map((s) => s.close()));
  clients = [];
  sims = [];
});

interface Setup {
  sim: XroshotSimulator;
  c: XroshotClient;
  clock: ManualClock;
  sends(): number;
  outage(on: boolean): Promise<void>;
}

async function setup(): Promise<Setup> {
  const config = loadXroshotConfig();
  config.behaviour = parseBehaviour({ version: 1, latency: 1, reports: { outcomes: { delivered: 1 }, delay: 20 } }, 'test');
  const sim = createXroshotSimulator({ config, seed: 'deadline-test' });
  sims.push(sim);
  const { port } = await sim.listen(0, '127.0.0.1');
  const clock = createManualClock(Date.now());
  const c = createXroshotClient({
    target: `tcp://msgsim:secret@127.0.0.1:${port}`,
    certificate: config.accounts[0].cert,
    clock,
    rng: createRng('deadline-test'),
    reconnect: { initialMs: REREGIST_MS, maxMs: REREGIST_MS, jitter: 0 },
  });
  clients.push(c);
  await c.connect();
  return {
    sim,
    c,
    clock,
    sends: () => sim.context.stats.snapshot()['in:req_send_message_2'] ?? 0,
    async outage(on) {
      const res = await sim.admin.inject(on ? { method: 'POST', url: '/admin/outage', payload: { mode: 'refuse' } } : { method: 'DELETE', url: '/admin/outage' });
      expect(res.statusCode).toBeLessThan(300);
    },
  };
}

async function dropSessions(t: Setup): Promise<void> {
  const down = new Promise((resolve) => t.c.once('down', resolve));
  await t.outage(true);
  await down;
}

const sms = (text: string, notAfter?: number): XroshotMessage => ({ kind: 'sms', source: '15880000', destination: K.sktAndroid, text, ...(notAfter !== undefined ? { notAfter } : {}) });

describe('Xroshot client: messages with a deadline while the relay refuses connections', () => {
  it('never writes a message whose notAfter passed while no session was registered, and sends the one still within its deadline', async () => {
    const t = await setup();
    const { c, clock } = t;
    await dropSessions(t);
    const late = c.submit(sms('late', clock.now() + 500));
    const timely = c.submit(sms('timely', clock.now() + 5_000));
    expect(c.stats().queued).toBe(2);
    clock.advance(600);
    await t.outage(false);
    const back = new Promise((resolve) => c.once('regist', resolve));
    clock.advance(400);
    await back;
    await expect(late).resolves.toEqual({ kind: 'timeout', why: NOT_SENT_LATE });
    expect(await timely).toMatchObject({ kind: 'accepted' });
    expect(t.sends()).toBe(1);
    expect(c.stats()).toMatchObject({ expired: 1, submitted: 1, accepted: 1, queued: 0 });
  });

  it('says it is unreachable once re-registering has failed, and no longer once a session is back', async () => {
    const t = await setup();
    const { c, clock } = t;
    await dropSessions(t);
    expect(c.unreachable()).toBe(false);
    clock.advance(REREGIST_MS);
    await vi.waitFor(() => expect(c.unreachable()).toBe(true));
    await t.outage(false);
    const back = new Promise((resolve) => c.once('regist', resolve));
    clock.advance(REREGIST_MS);
    await back;
    expect(c.unreachable()).toBe(false);
    expect(await c.submit(sms('back'))).toMatchObject({ kind: 'accepted' });
  });
});

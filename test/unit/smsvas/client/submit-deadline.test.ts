// The SMSVAS client against the simulator while the SMSC refuses connections: a queued message whose
// notAfter passes is never written, one within it goes out after the re-bind, and unreachable() says
// when waiting for a bind is pointless.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createManualClock, type ManualClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { createSmsvasClient, NOT_SENT_LATE, type SmsvasClient } from '../../../../gateways/smsvas/client/smsvas-client.ts';
import type { SmscMessage } from '../../../../gateways/smsvas/simulator/message-store.ts';
import { SENDER, startSim, SUBSCRIBER, type RunningSim } from './sim-harness.ts';

let sims: RunningSim[] = [];
let clients: SmsvasClient[] = [];

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await Promise.all(sims.map((s) => s.sim.close()));
  clients = [];
  sims = [];
});

const msg = (text: string, notAfter?: number) => ({ source: SENDER, destination: SUBSCRIBER, text, ...(notAfter !== undefined ? { notAfter } : {}) });

interface Setup {
  s: RunningSim;
  c: SmsvasClient;
  clock: ManualClock;
  /** Texts of the submit_sm the SMSC accepted, in order. */
  accepted: string[];
}

/** A client bound to the simulator on a manual clock; re-binds exactly `rebindMs` after a loss. */
async function setup(rebindMs = 1_000): Promise<Setup> {
  const s = await startSim();
  sims.push(s);
  const accepted: string[] = [];
  const add = s.sim.context.store.add.bind(s.sim.context.store);
  s.sim.context.store.add = (m: SmscMessage) => {
    accepted.push(m.text);
    add(m);
  };
  const clock = createManualClock(Date.now());
  const c = createSmsvasClient({ target: s.target(), clock, rng: createRng('deadline-test'), reconnect: { initialMs: rebindMs, maxMs: rebindMs, jitter: 0 } });
  clients.push(c);
  await c.connect();
  return { s, c, clock, accepted };
}

async function outage(s: RunningSim, on: boolean): Promise<void> {
  const res = await s.sim.admin.inject(on ? { method: 'POST', url: '/admin/outage', payload: { mode: 'refuse' } } : { method: 'DELETE', url: '/admin/outage' });
  expect(res.statusCode).toBeLessThan(300);
}

/** Refuses connections and waits until the client has lost its bind. */
async function dropBinds({ s, c }: Setup): Promise<void> {
  const down = new Promise((resolve) => c.once('down', resolve));
  await outage(s, true);
  await down;
}

describe('SMSVAS client: submits with a deadline while the SMSC refuses connections', () => {
  it('never writes a message whose notAfter passed while no bind was up, and sends the one still within its deadline', async () => {
    const t = await setup();
    const { s, c, clock } = t;
    await dropBinds(t);
    const late = c.submit(msg('late', clock.now() + 500));
    const timely = c.submit(msg('timely', clock.now() + 5_000));
    expect(c.stats().queued).toBe(2);
    clock.advance(600);
    await outage(s, false);
    const rebound = new Promise((resolve) => c.once('bind', resolve));
    clock.advance(400);
    await rebound;
    await expect(late).resolves.toEqual({ kind: 'timeout', why: NOT_SENT_LATE });
    expect(await timely).toMatchObject({ kind: 'accepted' });
    expect(t.accepted).toEqual(['timely']);
    expect(s.counter('in:submit_sm')).toBe(1);
    expect(c.stats()).toMatchObject({ expired: 1, submitted: 1, accepted: 1, queued: 0 });
  });

  it('drops every segment of a long message whose first segment was not written in time', async () => {
    const t = await setup();
    const { s, c, clock } = t;
    await dropBinds(t);
    const long = c.submit(msg('가나다라마바사아자차'.repeat(20), clock.now() + 500));
    const after = c.submit(msg('after', clock.now() + 5_000));
    expect(c.stats().queued).toBe(6);
    clock.advance(600);
    await outage(s, false);
    clock.advance(400);
    await expect(long).resolves.toEqual({ kind: 'timeout', why: NOT_SENT_LATE });
    expect(await after).toMatchObject({ kind: 'accepted' });
    expect(s.counter('in:submit_sm')).toBe(1);
    expect(c.stats().expired).toBe(1);
  });

  it('says it is unreachable once a re-bind has failed, and no longer once a bind is back', async () => {
    const t = await setup();
    const { s, c, clock } = t;
    expect(c.unreachable()).toBe(false);
    await dropBinds(t);
    // Just dropped: the first re-bind may well work, so submits still wait for it.
    expect(c.unreachable()).toBe(false);
    clock.advance(1_000);
    await vi.waitFor(() => expect(c.unreachable()).toBe(true));
    expect(s.counter('connection:refused')).toBeGreaterThanOrEqual(1);
    await outage(s, false);
    const rebound = new Promise((resolve) => c.once('bind', resolve));
    clock.advance(1_000);
    await rebound;
    expect(c.unreachable()).toBe(false);
    expect(await c.submit(msg('back'))).toMatchObject({ kind: 'accepted' });
  });
});

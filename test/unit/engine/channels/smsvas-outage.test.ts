// The engine's dispatcher over the SMSVAS channel while the SMSC simulator refuses connections, then
// recovers: a try queued in the client and timed out by the dispatcher is never written once the bind
// is back, so every message reaches the SMSC at most once on this leg; and once re-binding has failed
// the channel answers unavailable at once instead of queueing. Manual clock, real sockets.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutboundMessage } from '../../../../engine/channel.ts';
import { createGatewayDispatcher, type DispatchResult, type GatewayDispatcher } from '../../../../engine/dispatch/gateway-dispatcher.ts';
import { dispatchPolicySchema } from '../../../../engine/engine-config.ts';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { createSmsvasChannel, type SmsvasChannel } from '../../../../gateways/smsvas/client/smsvas-channel.ts';
import type { SmscMessage } from '../../../../gateways/smsvas/simulator/message-store.ts';
import { loadSmscConfig } from '../../../../gateways/smsvas/simulator/smsc-config.ts';
import { createSmscSimulator, type SmscSimulator } from '../../../../gateways/smsvas/simulator/smsc-simulator.ts';

let sims: SmscSimulator[] = [];
let channels: SmsvasChannel[] = [];
let dispatchers: GatewayDispatcher[] = [];

afterEach(async () => {
  for (const d of dispatchers) d.close();
  await Promise.all(channels.map((c) => c.close()));
  await Promise.all(sims.map((s) => s.close()));
  dispatchers = [];
  channels = [];
  sims = [];
});

const REBIND_MS = 1_000;

async function start() {
  const sim = createSmscSimulator({ config: loadSmscConfig(undefined, 'fast-receipts'), seed: 'outage-test' });
  sims.push(sim);
  // Every submit_sm the SMSC accepted, by text.
  const accepted = new Map<string, number>();
  const add = sim.context.store.add.bind(sim.context.store);
  sim.context.store.add = (m: SmscMessage) => {
    accepted.set(m.text, (accepted.get(m.text) ?? 0) + 1);
    add(m);
  };
  const { port } = await sim.listen(0, '127.0.0.1');
  const clock = createManualClock(Date.now());
  const channel = createSmsvasChannel({
    target: `smpp://msgsim:secret@127.0.0.1:${port}`,
    binds: 1,
    clock,
    rng: createRng('outage-test'),
    client: { reconnect: { initialMs: REBIND_MS, maxMs: REBIND_MS, jitter: 0 } },
  });
  channels.push(channel);
  await channel.connect();
  const outage = async (on: boolean) => {
    const res = await sim.admin.inject(on ? { method: 'POST', url: '/admin/outage', payload: { mode: 'refuse' } } : { method: 'DELETE', url: '/admin/outage' });
    expect(res.statusCode).toBeLessThan(300);
  };
  return { sim, channel, clock, accepted, outage };
}

const sms = (ref: string, text: string): OutboundMessage => ({ ref, to: K.ktAndroidRcs, from: '15880000', content: { kind: 'sms', text, encoding: 'euc-kr' }, ad: false });

describe('SMSVAS channel through an SMSC outage (refuse, then restored)', () => {
  it('answers unavailable at once after a failed re-bind, and never writes a queued message after its notAfter', async () => {
    const { channel, clock, accepted, outage } = await start();
    await outage(true);
    await vi.waitFor(() => expect(channel.stats().bindsUp).toBe(0));
    // Just dropped: the send waits in the client queue for the re-bind, up to its notAfter.
    const queued = channel.send({ ...sms('q-1', 'queued'), notAfter: clock.now() + 1_500 });
    expect(channel.stats().queued).toBe(1);
    clock.advance(REBIND_MS);
    await vi.waitFor(() => expect(sims[0].context.stats.snapshot()['connection:refused'] ?? 0).toBeGreaterThanOrEqual(1));
    // Probes until the client has seen the refusal; one sent before that queues (and expires at once).
    let probes = 0;
    await vi.waitFor(async () => {
      probes++;
      const probe = channel.send({ ...sms(`probe-${probes}`, 'probe'), notAfter: clock.now() });
      const answer = await Promise.race([probe, new Promise<null>((r) => setImmediate(() => r(null)))]);
      expect(answer).toMatchObject({ kind: 'unavailable', why: expect.stringMatching(/no bind/) });
    });
    expect(channel.stats().queued).toBe(probes);
    await outage(false);
    clock.advance(REBIND_MS);
    await vi.waitFor(() => expect(channel.stats().bindsUp).toBe(1));
    await expect(queued).resolves.toEqual({ kind: 'timeout' });
    expect(channel.stats()).toMatchObject({ expired: probes, queued: 0 });
    expect(await channel.send(sms('after', 'after'))).toMatchObject({ kind: 'accepted' });
    expect([...accepted]).toEqual([['after', 1]]);
  });

  it('through the dispatcher: every message is accepted once, its timed-out queued try never written after the re-bind', async () => {
    const { channel, clock, accepted, outage } = await start();
    const policy = dispatchPolicySchema.parse({
      timeout: '2s',
      retry: { attempts: 10, initialDelay: '500ms', maxDelay: '500ms', multiplier: 1, jitter: 0 },
      circuitBreaker: { failures: 1_000 },
    });
    const dispatcher = createGatewayDispatcher({ channel, policy, clock, rng: createRng('outage-test') });
    dispatchers.push(dispatcher);
    await outage(true);
    await vi.waitFor(() => expect(channel.stats().bindsUp).toBe(0));

    const texts = Array.from({ length: 5 }, (_, i) => `outage ${i}`);
    const results: Array<DispatchResult | null> = texts.map(() => null);
    const sends = texts.map((text, i) => dispatcher.send(sms(`m-${i}`, text), 'realtime').then((r) => (results[i] = r)));
    // The first tries wait in the client queue: no re-bind has failed yet.
    await vi.waitFor(() => expect(channel.stats().queued).toBe(5));

    // The re-bind at 1 s is refused; at 2 s the dispatcher times the first tries out and backs off.
    clock.advance(REBIND_MS);
    await vi.waitFor(() => expect(sims[0].context.stats.snapshot()['connection:refused'] ?? 0).toBeGreaterThanOrEqual(1));
    clock.advance(1_000);
    await vi.waitFor(() => expect(dispatcher.stats().timeouts).toBe(5));
    await outage(false);

    // Retries until the bind is back; they answer unavailable at once rather than queueing again.
    for (let i = 0; i < 8 && results.some((r) => r === null); i++) {
      clock.advance(500);
      await new Promise((r) => setImmediate(r));
      await vi.waitFor(() => expect(dispatcher.stats().inFlight).toBe(0));
    }
    await Promise.all(sends);
    for (const r of results) expect(r).toMatchObject({ kind: 'accepted' });
    expect(Math.max(...results.map((r) => (r?.kind === 'accepted' ? r.tries : 0)))).toBeGreaterThan(1);
    // Each message reached the SMSC exactly once; the five timed-out tries were dropped unsent.
    expect(texts.map((t) => accepted.get(t) ?? 0)).toEqual([1, 1, 1, 1, 1]);
    expect(channel.stats().expired).toBe(5);
    expect(dispatcher.stats().unavailable).toBeGreaterThanOrEqual(1);
  });
});

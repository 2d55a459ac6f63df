import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import type { ManualClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import type { ChannelOutcome, OutboundMessage } from '../../../../engine/channel.ts';
import { dispatchPolicySchema } from '../../../../engine/engine-config.ts';
import type { DispatchPolicy } from '../../../../engine/engine-config.ts';
import type { CircuitTransition } from '../../../../engine/dispatch/circuit-breaker.ts';
import { createGatewayDispatcher } from '../../../../engine/dispatch/gateway-dispatcher.ts';
import type { DispatchResult, GatewayDispatcherOptions } from '../../../../engine/dispatch/gateway-dispatcher.ts';
import { ACCEPTED, INVALID_DESTINATION, SYSTEM_ERROR, THROTTLED, createFakeChannel, flush, message } from './fake-channel.ts';

type PolicyInput = Parameters<typeof dispatchPolicySchema.parse>[0];

function setup(policy: PolicyInput, extra: Partial<GatewayDispatcherOptions> = {}, seed = 1) {
  const clock = createManualClock(0);
  const channel = createFakeChannel(clock.now);
  const parsed: DispatchPolicy = dispatchPolicySchema.parse(policy);
  const dispatcher = createGatewayDispatcher({ channel, policy: parsed, clock, rng: createRng(seed), ...extra });
  return { clock, channel, dispatcher };
}

/** Moves simulated time forward in steps, letting promise continuations run after each. */
async function run(clock: ManualClock, ms: number, step = 1): Promise<void> {
  await flush();
  for (let t = 0; t < ms; t += step) {
    clock.advance(step);
    await flush();
  }
}

function collect(p: Promise<DispatchResult>): { result?: DispatchResult } {
  const box: { result?: DispatchResult } = {};
  void p.then((r) => (box.result = r));
  return box;
}

describe('gateway dispatcher', () => {
  it('paces sends to the policy tps per simulated second', async () => {
    const { clock, channel, dispatcher } = setup({ tps: 100, window: 1_000 });
    channel.answer = (m) => ACCEPTED(m.ref);
    for (let i = 0; i < 2_000; i++) void dispatcher.send(message(`m${i}`), 'scheduled');
    await run(clock, 10_000);
    const perSecond = new Array(10).fill(0);
    for (const c of channel.calls) if (c.at < 10_000) perSecond[Math.floor(c.at / 1000)]++;
    // Second 0 carries the burst (a tenth of a second's worth) on top of the rate.
    expect(perSecond).toEqual([10 + 99, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    expect(dispatcher.stats().queued.scheduled).toBe(2_000 - channel.calls.length);
  });

  it('never has more tries in flight than the window', async () => {
    const { clock, channel, dispatcher } = setup({ tps: 10_000, window: 7 });
    const rng = createRng(3);
    // Each send answers after 1-40 ms of simulated time.
    channel.answer = (m) => new Promise<ChannelOutcome>((resolve) => clock.setTimer(() => resolve(ACCEPTED(m.ref)), rng.int(1, 40)));
    const results = Array.from({ length: 300 }, (_, i) => dispatcher.send(message(`m${i}`), i % 3 === 0 ? 'realtime' : 'scheduled'));
    await run(clock, 3_000);
    expect((await Promise.all(results)).every((r) => r.kind === 'accepted')).toBe(true);
    expect(channel.maxInFlight).toBe(7);
    expect(dispatcher.stats().inFlight).toBe(0);
  });

  it('sends a real-time message ahead of scheduled ones already waiting for the window', async () => {
    const { clock, channel, dispatcher } = setup({ window: 1 });
    void dispatcher.send(message('first'), 'scheduled');
    for (const ref of ['s1', 's2', 's3']) void dispatcher.send(message(ref), 'scheduled');
    void dispatcher.send(message('r1'), 'realtime');
    await flush();
    expect(dispatcher.stats().queued).toEqual({ realtime: 1, scheduled: 3 });
    for (let i = 0; i < 5; i++) {
      channel.open()[0]?.settle(ACCEPTED(`g${i}`));
      await run(clock, 0);
    }
    expect(channel.calls.map((c) => c.msg.ref)).toEqual(['first', 'r1', 's1', 's2', 's3']);
  });

  it('sends a real-time message ahead of scheduled ones already waiting for a TPS token', async () => {
    const { clock, channel, dispatcher } = setup({ tps: 1, window: 10 });
    channel.answer = (m) => ACCEPTED(m.ref);
    for (const ref of ['first', 's1', 's2']) void dispatcher.send(message(ref), 'scheduled');
    await flush();
    void dispatcher.send(message('r1'), 'realtime');
    await run(clock, 3_000, 100);
    expect(channel.calls.map((c) => [c.msg.ref, c.at])).toEqual([
      ['first', 0],
      ['r1', 1_000],
      ['s1', 2_000],
      ['s2', 3_000],
    ]);
  });

  it('answers timeout when the gateway does not, and hands a late acceptance to onLateAccept', async () => {
    const late: [OutboundMessage, ChannelOutcome][] = [];
    const { clock, channel, dispatcher } = setup({ timeout: 2_000, retry: { attempts: 1 } }, { onLateAccept: (m, o) => late.push([m, o]) });
    const msg = message('a1');
    const box = collect(dispatcher.send(msg, 'realtime'));
    await run(clock, 2_000, 100);
    expect(box.result).toEqual({ kind: 'exhausted', last: { kind: 'timeout' }, tries: 1 });
    channel.calls[0].settle(ACCEPTED('g-late'));
    await flush();
    expect(late).toEqual([[msg, ACCEPTED('g-late')]]);
    expect(dispatcher.stats()).toMatchObject({ timeouts: 1, late: 1, inFlight: 0 });
  });

  it('retries transient refusals with backoff delays within their caps, the same for the same seed', async () => {
    const policy = { retry: { attempts: 5, initialDelay: 100, maxDelay: 300, multiplier: 2, jitter: 1 } };
    const gaps = async (seed: number) => {
      const { clock, channel, dispatcher } = setup(policy, {}, seed);
      channel.answer = () => THROTTLED;
      const box = collect(dispatcher.send(message('a1'), 'scheduled'));
      await run(clock, 2_000);
      expect(box.result).toEqual({ kind: 'exhausted', last: THROTTLED, tries: 5 });
      expect(dispatcher.stats()).toMatchObject({ sent: 5, retries: 4, rejected: 5 });
      const at = channel.calls.map((c) => c.at);
      return at.slice(1).map((t, i) => t - at[i]);
    };
    const first = await gaps(11);
    // The clock is stepped by 1 ms, so each observed gap is the drawn delay rounded up.
    first.forEach((gap, n) => {
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThanOrEqual(Math.ceil(Math.min(300, 100 * 2 ** n)));
    });
    expect(await gaps(11)).toEqual(first);
    expect(await gaps(12)).not.toEqual(first);
  });

  it('does not retry a permanent refusal', async () => {
    const { channel, dispatcher } = setup({ retry: { attempts: 4 } });
    channel.answer = () => INVALID_DESTINATION;
    expect(await dispatcher.send(message('a1'), 'realtime')).toEqual({ kind: 'rejected', reason: 'invalid-destination', code: '0x0000000B', tries: 1 });
    expect(channel.calls).toHaveLength(1);
  });

  it('retries a throttled send until it is accepted, and tells each try to the hooks in order', async () => {
    const { clock, channel, dispatcher } = setup({ retry: { attempts: 4, initialDelay: 50 } });
    channel.answer = (m, n) => (n < 3 ? THROTTLED : ACCEPTED('g3'));
    const seen: string[] = [];
    const box = collect(
      dispatcher.send(message('a1'), 'scheduled', {
        beforeTry: async (tryNo) => {
          seen.push(`before ${tryNo} (sent ${channel.calls.length})`);
        },
        afterTry: (tryNo, outcome) => seen.push(`after ${tryNo} ${outcome.kind}`),
      }),
    );
    await run(clock, 1_000);
    expect(box.result).toEqual({ kind: 'accepted', gatewayIds: ['g3'], tries: 3 });
    expect(seen).toEqual(['before 1 (sent 0)', 'after 1 rejected', 'before 2 (sent 1)', 'after 2 rejected', 'before 3 (sent 2)', 'after 3 accepted']);
  });

  it('gives the window slot back while backing off', async () => {
    const { clock, channel, dispatcher } = setup({ window: 1, retry: { attempts: 2, initialDelay: 1_000 } });
    channel.answer = (m) => (m.ref === 'a1' && channel.calls.length === 1 ? THROTTLED : ACCEPTED(m.ref));
    const a1 = collect(dispatcher.send(message('a1'), 'scheduled'));
    const b1 = collect(dispatcher.send(message('b1'), 'scheduled'));
    await run(clock, 10);
    expect(b1.result).toMatchObject({ kind: 'accepted' });
    expect(a1.result).toBeUndefined();
    expect(dispatcher.stats().backingOff).toBe(1);
    await run(clock, 1_000, 10);
    expect(a1.result).toMatchObject({ kind: 'accepted', tries: 2 });
  });

  it('opens the circuit after consecutive failures, answers circuit-open without the channel, then probes once and closes', async () => {
    const transitions: CircuitTransition[] = [];
    const { clock, channel, dispatcher } = setup({ retry: { attempts: 1 }, circuitBreaker: { failures: 3, openFor: 5_000 } }, { onCircuit: (t) => transitions.push(t) });
    channel.answer = () => SYSTEM_ERROR;
    for (let i = 0; i < 3; i++) await dispatcher.send(message(`f${i}`), 'scheduled');
    expect(dispatcher.circuit()).toBe('open');
    expect(await dispatcher.send(message('x'), 'realtime')).toEqual({ kind: 'circuit-open' });
    expect(channel.calls).toHaveLength(3);

    await run(clock, 5_000, 100);
    expect(dispatcher.circuit()).toBe('half-open');
    channel.answer = undefined;
    const probe = collect(dispatcher.send(message('probe'), 'scheduled'));
    const other = collect(dispatcher.send(message('other'), 'realtime'));
    await flush();
    expect(channel.calls.map((c) => c.msg.ref).slice(3)).toEqual(['probe']);
    expect(other.result).toEqual({ kind: 'circuit-open' });
    channel.calls[3].settle(ACCEPTED('g'));
    await flush();
    expect(probe.result).toMatchObject({ kind: 'accepted', tries: 1 });
    expect(dispatcher.circuit()).toBe('closed');
    expect(transitions.map((t) => `${t.from}->${t.to}`)).toEqual(['closed->open', 'open->half-open', 'half-open->closed']);
    expect(dispatcher.stats()).toMatchObject({ circuit: 'closed', opened: 1 });
  });

  it('lets sends waiting in the window drain as circuit-open when the circuit opens, without waiting for tokens', async () => {
    const { channel, dispatcher, clock } = setup({ tps: 1, window: 1, retry: { attempts: 1 }, circuitBreaker: { failures: 1 } });
    const first = collect(dispatcher.send(message('first'), 'scheduled'));
    const queued = Array.from({ length: 50 }, (_, i) => collect(dispatcher.send(message(`q${i}`), 'scheduled')));
    await flush();
    channel.calls[0].settle({ kind: 'unavailable', why: 'connection lost' });
    await run(clock, 0);
    expect(first.result).toEqual({ kind: 'unavailable', why: 'connection lost' });
    expect(queued.every((q) => q.result?.kind === 'circuit-open')).toBe(true);
    expect(channel.calls).toHaveLength(1);
  });

  it('does not open the circuit for throttling', async () => {
    const { channel, dispatcher } = setup({ retry: { attempts: 1 }, circuitBreaker: { failures: 2 } });
    channel.answer = () => THROTTLED;
    for (let i = 0; i < 5; i++) await dispatcher.send(message(`t${i}`), 'scheduled');
    expect(dispatcher.circuit()).toBe('closed');
  });

  it('survives a channel that throws, answering unavailable and counting it against the circuit', async () => {
    const { clock, channel, dispatcher } = setup({ retry: { attempts: 2, initialDelay: 10 }, circuitBreaker: { failures: 4 } });
    channel.send = () => {
      throw new Error('write after end');
    };
    const box = collect(dispatcher.send(message('a1'), 'realtime'));
    await run(clock, 100);
    expect(box.result).toEqual({ kind: 'unavailable', why: 'write after end' });
    const rejecting = setup({ retry: { attempts: 1 } });
    rejecting.channel.send = () => Promise.reject(new Error('stream broken'));
    expect(await rejecting.dispatcher.send(message('a2'), 'realtime')).toEqual({ kind: 'unavailable', why: 'stream broken' });
    const box2 = collect(dispatcher.send(message('a3'), 'realtime'));
    await run(clock, 100);
    expect(box2.result?.kind).toBe('unavailable');
    expect(dispatcher.circuit()).toBe('open');
    expect(dispatcher.stats()).toMatchObject({ unavailable: 4, sent: 4 });
  });

  it('rejects send() when beforeTry fails, giving its window slot back', async () => {
    const { channel, dispatcher } = setup({ window: 1 });
    channel.answer = (m) => ACCEPTED(m.ref);
    const failing = dispatcher.send(message('a1'), 'realtime', { beforeTry: () => Promise.reject(new Error('disk full')) });
    await expect(failing).rejects.toThrow('disk full');
    expect(channel.calls).toHaveLength(0);
    expect(await dispatcher.send(message('a2'), 'realtime')).toMatchObject({ kind: 'accepted' });
  });

  it('finishes waiting and backing-off sends as unavailable when closed, and stops its timers', async () => {
    const { clock, channel, dispatcher } = setup({ window: 1, retry: { attempts: 3, initialDelay: 1_000 } });
    const inFlight = collect(dispatcher.send(message('a1'), 'scheduled'));
    const waiting = collect(dispatcher.send(message('a2'), 'scheduled'));
    await flush();
    channel.calls[0].settle(THROTTLED);
    await run(clock, 0);
    expect(dispatcher.stats().backingOff).toBe(1);
    dispatcher.close();
    await flush();
    channel.calls[1]?.settle(ACCEPTED('g'));
    await flush();
    expect(inFlight.result).toEqual({ kind: 'unavailable', why: 'dispatcher closed' });
    expect(waiting.result).toEqual({ kind: 'unavailable', why: 'dispatcher closed' });
    expect(clock.pending()).toBe(0);
    expect(await dispatcher.send(message('a3'), 'realtime')).toEqual({ kind: 'unavailable', why: 'dispatcher closed' });
  });
});

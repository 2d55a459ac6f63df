import { describe, expect, it } from 'vitest';
import type { ChannelOutcome } from '../../../../engine/channel.ts';
import { createHarness, settle } from './engine-harness.ts';

/** Answers the fake channel's sends only when told to, in order. */
function heldAnswers() {
  const waiting: Array<(o: ChannelOutcome) => void> = [];
  return {
    answer: () => new Promise<ChannelOutcome>((resolve) => waiting.push(resolve)),
    release(o: ChannelOutcome = { kind: 'accepted', gatewayIds: [`g-${waiting.length}-${Math.random()}`] }) {
      const next = waiting.shift();
      if (next === undefined) throw new Error('no send is waiting for its answer');
      next(o);
    },
    get held() {
      return waiting.length;
    },
  };
}

const oneAtATime = { gateways: { smsvas: { policy: { window: 1 } } } };

describe('sends beyond the in-flight window', () => {
  it('wait in the engine and start one by one as the window frees, real-time ahead of scheduled', async () => {
    const h = await createHarness({ config: oneAtATime });
    const smsvas = h.ch('smsvas');
    const held = heldAnswers();
    smsvas.answer = held.answer;
    // Scheduled for now: sent at once, but at scheduled priority.
    const now = h.clock.now();
    await h.submit({ to: '01012340001', priority: 'scheduled', sendAt: now }, { to: '01012340003', priority: 'scheduled', sendAt: now });
    expect(smsvas.sent.map((m) => m.to)).toEqual(['01012340001']);
    expect(h.engine.snapshot()).toMatchObject({ inFlight: 1, awaitingWindow: 1 });
    await h.submit({ to: '01012340010', priority: 'realtime' });
    expect(h.engine.snapshot().awaitingWindow).toBe(2);
    held.release();
    await settle();
    expect(smsvas.sent.map((m) => m.to)).toEqual(['01012340001', '01012340010']);
    held.release();
    await settle();
    held.release();
    await settle();
    expect(smsvas.sent.map((m) => m.to)).toEqual(['01012340001', '01012340010', '01012340003']);
    expect(h.engine.snapshot()).toMatchObject({ inFlight: 0, awaitingWindow: 0 });
  });

  it('fall back at once when the circuit opens while they wait, not after the circuit is open again', async () => {
    const h = await createHarness({ config: { gateways: { smsvas: { policy: { window: 1, retry: { attempts: 1 }, circuitBreaker: { failures: 1, openFor: '30s' } } } } } });
    const smsvas = h.ch('smsvas');
    const held = heldAnswers();
    smsvas.answer = held.answer;
    const [first, second] = await h.submit({ to: '01012340001' }, { to: '01012340003' });
    held.release({ kind: 'unavailable', why: 'link down' });
    await settle();
    expect(h.engine.snapshot().circuits.smsvas).toBe('open');
    expect(smsvas.sent).toHaveLength(1);
    expect((await h.rec(first)).fallbacks).toEqual([{ from: 'smsvas', to: 'xroshot', trigger: 'unavailable' }]);
    expect((await h.rec(second)).fallbacks).toEqual([{ from: 'smsvas', to: 'xroshot', trigger: 'circuit-open' }]);
    expect(h.ch('xroshot').sent.map((m) => m.to)).toEqual(['01012340001', '01012340003']);
  });

  it('are never sent once cancelled while waiting', async () => {
    const h = await createHarness({ config: oneAtATime });
    const smsvas = h.ch('smsvas');
    const held = heldAnswers();
    smsvas.answer = held.answer;
    const [, waiting] = await h.submit({ to: '01012340001' }, { to: '01012340003' });
    expect(await h.engine.cancel(h.tenant, waiting)).toMatchObject({ kind: 'cancelled' });
    held.release();
    await settle();
    expect(smsvas.sent.map((m) => m.to)).toEqual(['01012340001']);
    expect(h.engine.snapshot().awaitingWindow).toBe(0);
    expect((await h.rec(waiting)).state).toBe('cancelled');
  });
});

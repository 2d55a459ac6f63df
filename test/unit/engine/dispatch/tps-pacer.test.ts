import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createTpsPacer } from '../../../../engine/dispatch/tps-pacer.ts';
import { flush } from './fake-channel.ts';

describe('TPS pacer', () => {
  it('lets tps tokens through per simulated second after the burst', async () => {
    const clock = createManualClock(0);
    const pacer = createTpsPacer({ tps: 200, burst: 20, clock });
    const perSecond = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 2_000; i++) void pacer.take('scheduled').then(() => perSecond[Math.floor(clock.now() / 1000)]++);
    await flush();
    for (let ms = 0; ms < 5_000; ms++) {
      clock.advance(1);
      await flush();
    }
    // The burst goes at t=0, then one token every 5 ms.
    expect(perSecond).toEqual([20 + 199, 200, 200, 200, 200, 1]);
  });

  it('serves real-time waiters before scheduled ones that waited longer', async () => {
    const clock = createManualClock(0);
    const pacer = createTpsPacer({ tps: 10, burst: 1, clock });
    expect(pacer.tryTake('scheduled')).toBe(true);
    const order: string[] = [];
    void pacer.take('scheduled').then(() => order.push('s1'));
    void pacer.take('scheduled').then(() => order.push('s2'));
    void pacer.take('realtime').then(() => order.push('r1'));
    expect(pacer.queued('scheduled')).toBe(2);
    expect(pacer.queued('realtime')).toBe(1);
    for (let i = 0; i < 3; i++) {
      clock.advance(100);
      await flush();
    }
    expect(order).toEqual(['r1', 's1', 's2']);
  });

  it('keeps a newcomer behind waiters of its class even when a token is already there, but lets real-time pass', async () => {
    const clock = createManualClock(0);
    const pacer = createTpsPacer({ tps: 10, burst: 1, clock });
    pacer.tryTake('scheduled');
    clock.advance(50);
    void pacer.take('scheduled'); // its wake-up is due at t=150
    clock.advance(60); // a token is there at t=100, before the waiter is woken
    expect(pacer.tryTake('scheduled')).toBe(false);
    expect(pacer.tryTake('realtime')).toBe(true);
  });

  it('stops its timer and answers waiters false when closed', async () => {
    const clock = createManualClock(0);
    const pacer = createTpsPacer({ tps: 1, clock });
    pacer.tryTake('scheduled');
    const waiting = pacer.take('scheduled');
    expect(clock.pending()).toBe(1);
    pacer.close();
    expect(await waiting).toBe(false);
    expect(clock.pending()).toBe(0);
  });
});

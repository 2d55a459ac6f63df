import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { dispatchPolicySchema } from '../../../../engine/engine-config.ts';
import { createGatewayDispatcher } from '../../../../engine/dispatch/gateway-dispatcher.ts';
import { createInFlightWindow } from '../../../../engine/dispatch/in-flight-window.ts';
import { ACCEPTED, SYSTEM_ERROR, createFakeChannel, flush, message } from './fake-channel.ts';

describe('in-flight window room', () => {
  it('says a slot is free without taking it, and tells when one frees with nobody waiting', async () => {
    let told = 0;
    const w = createInFlightWindow(1, () => told++);
    expect(w.free('scheduled')).toBe(true);
    expect(w.tryAcquire('scheduled')).toBe(true);
    expect(w.free('realtime')).toBe(false);
    const waiting = w.acquire('scheduled');
    w.release(); // handed to the waiter: nothing to tell
    expect(await waiting).toBe(true);
    expect(told).toBe(0);
    w.release();
    expect(told).toBe(1);
    expect(w.free('scheduled')).toBe(true);
  });
});

describe('gateway dispatcher room', () => {
  function setup(policy: Parameters<typeof dispatchPolicySchema.parse>[0]) {
    const clock = createManualClock(0);
    const channel = createFakeChannel(clock.now);
    let rooms = 0;
    const dispatcher = createGatewayDispatcher({ channel, policy: dispatchPolicySchema.parse(policy), clock, rng: createRng(1), onRoom: () => rooms++ });
    return { channel, dispatcher, rooms: () => rooms };
  }

  it('is ready while the window has a free slot and says so again once a try is answered', async () => {
    const { channel, dispatcher, rooms } = setup({ window: 2, tps: 1e6 });
    void dispatcher.send(message('a'), 'realtime');
    expect(dispatcher.ready('realtime')).toBe(true);
    void dispatcher.send(message('b'), 'realtime');
    expect(dispatcher.ready('realtime')).toBe(false);
    await flush();
    channel.open()[0].settle(ACCEPTED('g-a'));
    channel.open()[0].settle(ACCEPTED('g-b'));
    expect(rooms()).toBe(0); // told after the tries are recorded, once for both
    await flush();
    expect(rooms()).toBe(1);
    expect(dispatcher.ready('scheduled')).toBe(true);
  });

  it('is ready when the circuit is open (a send is refused at once) and says so when it opens', async () => {
    const { channel, dispatcher, rooms } = setup({ window: 1, tps: 1e6, retry: { attempts: 1 }, circuitBreaker: { failures: 1, openFor: '30s' } });
    void dispatcher.send(message('a'), 'realtime');
    await flush();
    expect(dispatcher.ready('realtime')).toBe(false);
    channel.open()[0].settle(SYSTEM_ERROR);
    await flush();
    expect(dispatcher.circuit()).toBe('open');
    expect(rooms()).toBe(1);
    expect(dispatcher.ready('realtime')).toBe(true);
    expect(await dispatcher.send(message('b'), 'realtime')).toEqual({ kind: 'circuit-open' });
  });

  it('is never ready once closed', () => {
    const { dispatcher } = setup({ window: 1 });
    dispatcher.close();
    expect(dispatcher.ready('realtime')).toBe(false);
  });
});

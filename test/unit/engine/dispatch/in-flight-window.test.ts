import { describe, expect, it } from 'vitest';
import { createInFlightWindow } from '../../../../engine/dispatch/in-flight-window.ts';
import { flush } from './fake-channel.ts';

describe('in-flight window', () => {
  it('grants up to its size, then makes callers wait until a slot is released', async () => {
    const w = createInFlightWindow(2);
    expect(w.tryAcquire('scheduled')).toBe(true);
    expect(w.tryAcquire('scheduled')).toBe(true);
    expect(w.tryAcquire('realtime')).toBe(false);
    let granted = false;
    void w.acquire('scheduled').then((ok) => (granted = ok));
    await flush();
    expect(granted).toBe(false);
    expect(w.queued('scheduled')).toBe(1);
    w.release();
    await flush();
    expect(granted).toBe(true);
    expect(w.held).toBe(2);
  });

  it('hands a freed slot to a waiting real-time caller before earlier scheduled ones, FIFO within a class', async () => {
    const w = createInFlightWindow(1);
    w.tryAcquire('scheduled');
    const order: string[] = [];
    for (const name of ['s1', 's2']) void w.acquire('scheduled').then(() => order.push(name));
    for (const name of ['r1', 'r2']) void w.acquire('realtime').then(() => order.push(name));
    for (let i = 0; i < 4; i++) {
      w.release();
      await flush();
    }
    expect(order).toEqual(['r1', 'r2', 's1', 's2']);
  });

  it('does not let a newcomer take a slot that a release handed to a waiter', async () => {
    const w = createInFlightWindow(1);
    w.tryAcquire('scheduled');
    void w.acquire('scheduled');
    w.release();
    expect(w.tryAcquire('realtime')).toBe(false);
    expect(w.held).toBe(1);
  });

  it('answers waiters false when closed', async () => {
    const w = createInFlightWindow(1);
    w.tryAcquire('scheduled');
    const waiting = w.acquire('realtime');
    w.close();
    expect(await waiting).toBe(false);
    expect(await w.acquire('scheduled')).toBe(false);
  });

  it('refuses a size below 1 and a release without an acquire', () => {
    expect(() => createInFlightWindow(0)).toThrow(/size/);
    expect(() => createInFlightWindow(1).release()).toThrow(/released/);
  });
});

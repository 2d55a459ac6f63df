import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../gateways/kit/clock.ts';
import { createDispatchQueue } from '../../../gateways/kit/dispatch-queue.ts';

describe('dispatch queue', () => {
  it('sends jobs in order while a target can take them and keeps the rest queued', () => {
    let room = 2;
    const sent: number[] = [];
    const q = createDispatchQueue<number, string>({
      clock: createManualClock(0),
      pick: () => (room > 0 ? 'a' : null),
      paceMs: () => 0,
      send: (_t, job) => {
        room--;
        sent.push(job);
      },
    });
    for (const j of [1, 2, 3, 4]) q.enqueue(j);
    expect(sent).toEqual([1, 2]);
    expect(q.queued).toBe(2);
    room = 1;
    q.pump();
    expect(sent).toEqual([1, 2, 3]);
    expect(q.drain()).toEqual([4]);
    expect(q.queued).toBe(0);
  });

  it('tries again after the pace when only the rate blocks, with one timer', () => {
    const clock = createManualClock(0);
    let tokens = 1;
    const sent: string[] = [];
    const q = createDispatchQueue<string, string>({
      clock,
      pick: () => {
        if (tokens === 0) return null;
        tokens--;
        return 't';
      },
      paceMs: () => 10,
      send: (_t, job) => sent.push(job),
    });
    q.enqueue('a');
    q.enqueue('b');
    q.enqueue('c');
    expect(sent).toEqual(['a']);
    expect(clock.pending()).toBe(1);
    tokens = 1;
    clock.advance(10);
    expect(sent).toEqual(['a', 'b']);
    q.stop();
    expect(clock.pending()).toBe(0);
  });

  it('does not pump again from inside send', () => {
    const order: string[] = [];
    const q = createDispatchQueue<string, string>({
      clock: createManualClock(0),
      pick: () => 't',
      paceMs: () => 0,
      send: (_t, job) => {
        order.push(`start ${job}`);
        q.pump();
        order.push(`end ${job}`);
      },
    });
    q.enqueue('a');
    q.enqueue('b');
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});

import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../gateways/kit/clock.ts';
import { createRedeliveryQueue } from '../../../gateways/kit/redelivery-queue.ts';

interface Item {
  id: string;
  attempts: number;
}

function fakeReceiver(name: string) {
  let seq = 0;
  const sent: string[] = [];
  const send = (item: Item): number => {
    sent.push(item.id);
    return ++seq;
  };
  return { name, sent, send };
}
type Fake = ReturnType<typeof fakeReceiver>;

function setup(over: { window?: number; maxAttempts?: number; queueLimit?: number } = {}) {
  const clock = createManualClock(0);
  const events: string[] = [];
  const q = createRedeliveryQueue<Item, number, Fake>({
    window: over.window ?? 2,
    responseTimeout: 100,
    retryDelay: 50,
    maxAttempts: over.maxAttempts ?? 3,
    queueLimit: over.queueLimit ?? 10,
    clock,
    send: (r, item) => r.send(item),
    onTimeout: (item) => events.push(`timeout ${item.id}`),
    onAbandoned: (item) => events.push(`abandoned ${item.id}`),
  });
  const item = (id: string): Item => ({ id, attempts: 0 });
  return { clock, events, q, item };
}

describe('redelivery queue', () => {
  it('holds items while no session receives, then sends round-robin within each window', () => {
    const { q, item } = setup({ window: 1 });
    for (const id of ['a', 'b', 'c']) expect(q.enqueue(item(id))).toBe(true);
    expect(q.depth()).toBe(3);
    const r1 = fakeReceiver('r1');
    const r2 = fakeReceiver('r2');
    q.addReceiver(r1);
    q.addReceiver(r2);
    expect([r1.sent, r2.sent]).toEqual([['a'], ['b']]);
    expect(q.inFlight()).toBe(2);
    expect(q.acknowledge(r1, 1, false)?.id).toBe('a');
    expect(r1.sent).toEqual(['a', 'c']);
    expect(q.acknowledge(r1, 1, false)).toBeUndefined();
  });

  it('refuses an item past the backlog limit', () => {
    const { q, item } = setup({ queueLimit: 1 });
    expect(q.enqueue(item('a'))).toBe(true);
    expect(q.enqueue(item('b'))).toBe(false);
    expect(q.depth()).toBe(1);
  });

  it('sends again after a timeout or a retry answer, and gives up after maxAttempts', () => {
    const { clock, events, q, item } = setup({ maxAttempts: 2 });
    const r = fakeReceiver('r');
    q.addReceiver(r);
    const a = item('a');
    q.enqueue(a);
    clock.advance(100);
    expect(events).toEqual(['timeout a']);
    clock.advance(50);
    expect(r.sent).toEqual(['a', 'a']);
    expect(q.acknowledge(r, 2, true)).toBe(a);
    expect(events).toEqual(['timeout a', 'abandoned a']);
    expect(a.attempts).toBe(2);
    expect(q.inFlight()).toBe(0);
  });

  it('puts what a lost session never confirmed back at the front for the next one', () => {
    const { q, item } = setup();
    const r1 = fakeReceiver('r1');
    q.addReceiver(r1);
    q.enqueue(item('a'));
    q.enqueue(item('b'));
    q.enqueue(item('c'));
    q.removeReceiver(r1);
    expect(q.inFlight()).toBe(0);
    const r2 = fakeReceiver('r2');
    q.addReceiver(r2);
    expect(r2.sent).toEqual(['a', 'b']);
  });

  it('holds an item whose key already awaits an answer on the session', () => {
    const clock = createManualClock(0);
    const sent: string[] = [];
    const q = createRedeliveryQueue<Item, string, object>({
      window: 5,
      responseTimeout: 100,
      retryDelay: 50,
      maxAttempts: 3,
      queueLimit: 10,
      clock,
      keyOf: (item) => item.id,
      send: (_r, item) => {
        sent.push(item.id);
        return item.id;
      },
    });
    const r = {};
    q.addReceiver(r);
    q.enqueue({ id: 'job1', attempts: 0 });
    q.enqueue({ id: 'job1', attempts: 0 });
    expect(sent).toEqual(['job1']);
    q.acknowledge(r, 'job1', false);
    expect(sent).toEqual(['job1', 'job1']);
  });
});

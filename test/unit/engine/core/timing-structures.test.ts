import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { createMessageIds } from '../../../../engine/pipeline/message-ids.ts';
import { createDeadlineWheel } from '../../../../engine/schedule/deadline-wheel.ts';
import { createDueQueue } from '../../../../engine/schedule/due-queue.ts';

describe('due queue', () => {
  it('hands items over in due order, all that are due at once, behind one timer', () => {
    const clock = createManualClock(1000);
    const fired: string[][] = [];
    const q = createDueQueue<string>(clock, (items) => fired.push(items));
    q.push(1500, 'b');
    q.push(1200, 'a');
    q.push(1500, 'c');
    q.push(9000, 'd');
    expect(clock.pending()).toBe(1);
    clock.advance(199);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([['a']]);
    clock.advance(300);
    expect(fired).toEqual([['a'], ['b', 'c']]);
    expect(q.size()).toBe(1);
    q.clear();
    expect(clock.pending()).toBe(0);
  });
});

describe('deadline wheel', () => {
  it('fires an item at its deadline rounded up to the resolution, never early', () => {
    const clock = createManualClock(0);
    const fired: string[] = [];
    const w = createDeadlineWheel<string>(clock, 1000, (items) => fired.push(...items));
    w.add('x', 1500);
    clock.advance(1999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual(['x']);
  });

  it('forgets removed items and re-arms an item added again', () => {
    const clock = createManualClock(0);
    const fired: string[] = [];
    const w = createDeadlineWheel<string>(clock, 1000, (items) => fired.push(...items));
    w.add('gone', 1000);
    w.add('moved', 1000);
    w.add('kept', 1000);
    w.remove('gone');
    w.add('moved', 5000);
    expect(w.size()).toBe(2);
    clock.advance(1000);
    expect(fired).toEqual(['kept']);
    clock.advance(4000);
    expect(fired).toEqual(['kept', 'moved']);
    expect(w.size()).toBe(0);
  });
});

describe('message ids', () => {
  it('sort by time, are unique within a millisecond and differ between generators', () => {
    const clock = createManualClock(Date.UTC(2025, 0, 1));
    const a = createMessageIds(clock, createRng('a'));
    const b = createMessageIds(clock, createRng('b'));
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) {
      ids.push(a.next());
      if (i % 100 === 0) clock.advance(1);
    }
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^[0-9A-HJKMNP-TV-Z]{22}$/);
    expect(b.next()).not.toBe(a.next());
  });

  it('keep counting forward when the clock steps back', () => {
    let t = 10_000;
    const clock = { ...createManualClock(0), now: () => t };
    const ids = createMessageIds(clock, createRng(1));
    const first = ids.next();
    t = 5_000;
    const second = ids.next();
    expect(second > first).toBe(true);
    expect(second.slice(0, 10)).toBe(first.slice(0, 10));
  });
});

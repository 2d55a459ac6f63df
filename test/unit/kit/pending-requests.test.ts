import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../gateways/kit/clock.ts';
import { createPendingRequests } from '../../../gateways/kit/pending-requests.ts';

describe('pending requests of one client session', () => {
  it('hands a response to the request waiting on its key, once', () => {
    const clock = createManualClock();
    const p = createPendingRequests<string>({ size: 2, timeoutMs: 1000, clock });
    const got: Array<string | null> = [];
    p.add('a', (r) => got.push(r));
    expect(p.resolve('a', 'resp-a')).toBe(true);
    expect(p.resolve('a', 'again')).toBe(false);
    expect(got).toEqual(['resp-a']);
    expect(p.count).toBe(0);
  });

  it('has room until `size` requests wait', () => {
    const p = createPendingRequests<string>({ size: 2, timeoutMs: 1000, clock: createManualClock() });
    p.add('a', () => {});
    expect(p.hasRoom()).toBe(true);
    p.add('b', () => {});
    expect(p.hasRoom()).toBe(false);
    p.resolve('b', 'x');
    expect(p.hasRoom()).toBe(true);
  });

  it('times out each request at its own deadline with one timer', () => {
    const clock = createManualClock();
    const timedOut: number[] = [];
    const p = createPendingRequests<string>({ size: 10, timeoutMs: 1000, clock, onTimeout: (n) => timedOut.push(n) });
    const got: Array<[string, string | null]> = [];
    p.add('a', (r) => got.push(['a', r]));
    clock.advance(400);
    p.add('b', (r) => got.push(['b', r]));
    p.add('c', (r) => got.push(['c', r]));
    expect(clock.pending()).toBe(1);
    clock.advance(600);
    expect(got).toEqual([['a', null]]);
    p.resolve('c', 'late-but-in-time');
    clock.advance(400);
    expect(got).toEqual([['a', null], ['c', 'late-but-in-time'], ['b', null]]);
    expect(timedOut).toEqual([1, 1]);
    expect(clock.pending()).toBe(0);
  });

  it('settles everything with null when the session is lost', () => {
    const clock = createManualClock();
    const p = createPendingRequests<string>({ size: 10, timeoutMs: 1000, clock });
    const got: Array<string | null> = [];
    p.add('a', (r) => got.push(r));
    p.add('b', (r) => got.push(r));
    expect(p.abandonAll()).toBe(2);
    p.stop();
    expect(got).toEqual([null, null]);
    expect(clock.pending()).toBe(0);
  });

  it('keys by number too, ignores late and unknown responses and abandons one on demand', () => {
    const clock = createManualClock(0);
    const p = createPendingRequests<string, number>({ size: 10, timeoutMs: 100, clock });
    const got: Array<string | null> = [];
    p.add(1, (r) => got.push(r));
    p.add(2, (r) => got.push(r));
    clock.advance(100);
    expect(p.resolve(1, 'late')).toBe(false);
    expect(p.resolve(99, 'unknown')).toBe(false);
    p.add(3, (r) => got.push(r));
    p.add(4, (r) => got.push(r));
    expect(p.abandon(3)).toBe(true);
    expect(p.abandon(3)).toBe(false);
    expect(p.has(4)).toBe(true);
    expect(p.abandonAll()).toBe(1);
    expect(got).toEqual([null, null, null, null]);
    expect(p.count).toBe(0);
  });
});

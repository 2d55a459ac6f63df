import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createEarlyReports } from '../../../../engine/reports/early-reports.ts';

describe('early reports', () => {
  it('holds a report at least the hold time and at most twice it, then hands it over as expired', () => {
    const clock = createManualClock(0);
    const expired: Array<[string, string[]]> = [];
    const early = createEarlyReports<string>(clock, 1000, (k, reports) => expired.push([k, reports]));
    early.hold('a', 'a1');
    clock.advance(500);
    early.hold('b', 'b1');
    early.get('b')?.push('b2');
    clock.advance(1000); // a held 1500 ms, b 1000 ms: neither has expired yet
    expect(expired).toEqual([]);
    expect(early.size).toBe(2);
    clock.advance(500); // the older generation (both) expires at 2000 ms
    expect(expired).toEqual([
      ['a', ['a1']],
      ['b', ['b1', 'b2']],
    ]);
    expect(early.size).toBe(0);
  });

  it('gives a claimed report to its taker once, and then never expires it', () => {
    const clock = createManualClock(0);
    const expired: string[] = [];
    const early = createEarlyReports<string>(clock, 1000, (k) => expired.push(k));
    early.hold('a', 'a1');
    clock.advance(1000);
    expect(early.take('a')).toEqual(['a1']);
    expect(early.take('a')).toBeUndefined();
    clock.advance(5000);
    expect(expired).toEqual([]);
  });

  it('runs no timer while nothing is held', () => {
    const clock = createManualClock(0);
    const early = createEarlyReports<string>(clock, 1000, () => {});
    expect(clock.pending()).toBe(0);
    early.hold('a', 'a1');
    early.hold('b', 'b1');
    expect(clock.pending()).toBe(1);
    early.take('a');
    early.take('b');
    clock.advance(2000);
    expect(clock.pending()).toBe(0);
    early.hold('c', 'c1');
    early.clear();
    expect(clock.pending()).toBe(0);
  });
});

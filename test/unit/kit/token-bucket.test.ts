import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../gateways/kit/clock.ts';
import { createAccountBucket, createTokenBucket } from '../../../gateways/kit/token-bucket.ts';

function takeAll(bucket: { tryTake(n?: number): boolean }): number {
  let n = 0;
  while (bucket.tryTake() && n < 1_000_000) n++;
  return n;
}

describe('token bucket', () => {
  it('allows the burst at once, then nothing until time passes', () => {
    const clock = createManualClock(0);
    const bucket = createTokenBucket({ rate: 500, burst: 50 }, clock);
    expect(takeAll(bucket)).toBe(50);
    expect(bucket.tryTake()).toBe(false);
  });

  it('refills at `rate` per second of simulated time, capped at the burst', () => {
    const clock = createManualClock(0);
    const bucket = createTokenBucket({ rate: 500, burst: 50 }, clock);
    takeAll(bucket);
    clock.advance(20); // 20 ms at 500/s = 10 tokens
    expect(takeAll(bucket)).toBe(10);
    clock.advance(60_000);
    expect(takeAll(bucket)).toBe(50);
  });

  it('sustains exactly the rate over a long run', () => {
    const clock = createManualClock(0);
    const bucket = createTokenBucket({ rate: 100 }, clock);
    let taken = takeAll(bucket);
    for (let ms = 0; ms < 10_000; ms++) {
      clock.advance(1);
      taken += takeAll(bucket);
    }
    expect(taken).toBe(100 + 1_000);
  });

  it('defaults the burst to the rate, and to 1 for rates below 1/s', () => {
    const clock = createManualClock(0);
    expect(takeAll(createTokenBucket({ rate: 20 }, clock))).toBe(20);
    const slow = createTokenBucket({ rate: 0.5 }, clock);
    expect(takeAll(slow)).toBe(1);
    clock.advance(1_999);
    expect(slow.tryTake()).toBe(false);
    clock.advance(1);
    expect(slow.tryTake()).toBe(true);
  });

  it('takes several tokens at once only when all are there', () => {
    const clock = createManualClock(0);
    const bucket = createTokenBucket({ rate: 10, burst: 5 }, clock);
    expect(bucket.tryTake(3)).toBe(true);
    expect(bucket.tryTake(3)).toBe(false);
    expect(bucket.tryTake(2)).toBe(true);
    expect(bucket.rate).toBe(10);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => createTokenBucket({ rate: 0 }, createManualClock())).toThrow(expect.objectContaining({ code: 'KIT_ERR_BAD_ARGUMENT' }));
  });
});

describe('account bucket', () => {
  it('takes the account rate over the behaviour rate, the burst from the behaviour, and none without either', () => {
    const clock = createManualClock(0);
    expect(createAccountBucket(undefined, undefined, clock)).toBeNull();
    expect(createAccountBucket(5, { rate: 100, burst: 3 }, clock)?.rate).toBe(5);
    expect(takeAll(createAccountBucket(5, { rate: 100, burst: 3 }, clock)!)).toBe(3);
    expect(createAccountBucket(undefined, { rate: 100 }, clock)?.rate).toBe(100);
    expect(takeAll(createAccountBucket(7, undefined, clock)!)).toBe(7);
  });
});

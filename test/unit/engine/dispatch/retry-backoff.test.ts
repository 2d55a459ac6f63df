import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { createRetryBackoff, isRetryable } from '../../../../engine/dispatch/retry-backoff.ts';
import { INVALID_DESTINATION, SYSTEM_ERROR, THROTTLED } from './fake-channel.ts';

const policy = { attempts: 6, initialDelay: 100, maxDelay: 1_000, multiplier: 2, jitter: 1 };

describe('retry backoff', () => {
  it('draws each delay from [0, min(maxDelay, initialDelay * multiplier^n)] with full jitter', () => {
    const backoff = createRetryBackoff(policy, createRng(7));
    for (let n = 0; n < 8; n++) {
      const cap = Math.min(1_000, 100 * 2 ** n);
      const draws = Array.from({ length: 200 }, () => backoff.delay(n));
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws)).toBeLessThanOrEqual(cap);
      // Full jitter spreads over the whole range, not just near the cap.
      expect(Math.min(...draws)).toBeLessThan(cap * 0.1);
      expect(Math.max(...draws)).toBeGreaterThan(cap * 0.9);
    }
  });

  it('keeps a partial jitter within its fraction of the cap', () => {
    const backoff = createRetryBackoff({ ...policy, jitter: 0.25 }, createRng(7));
    const draws = Array.from({ length: 200 }, () => backoff.delay(2));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(300);
    expect(Math.max(...draws)).toBeLessThanOrEqual(400);
  });

  it('gives the same delays for the same seed and different ones for another', () => {
    const run = (seed: number) => {
      const b = createRetryBackoff(policy, createRng(seed));
      return [0, 1, 2, 3].map((n) => b.delay(n));
    };
    expect(run(42)).toEqual(run(42));
    expect(run(43)).not.toEqual(run(42));
  });

  it('stays finite when the exponent overflows', () => {
    const b = createRetryBackoff({ ...policy, initialDelay: 0 }, createRng(1));
    expect(b.delay(5_000)).toBe(0);
    expect(createRetryBackoff(policy, createRng(1)).delay(5_000)).toBeLessThanOrEqual(1_000);
  });

  it('retries transient refusals, timeouts and unavailability, never acceptances or permanent refusals', () => {
    expect(isRetryable(THROTTLED)).toBe(true);
    expect(isRetryable(SYSTEM_ERROR)).toBe(true);
    expect(isRetryable({ kind: 'timeout' })).toBe(true);
    expect(isRetryable({ kind: 'unavailable', why: 'not bound' })).toBe(true);
    expect(isRetryable(INVALID_DESTINATION)).toBe(false);
    expect(isRetryable({ kind: 'accepted', gatewayIds: ['1'] })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { createReconnectPolicy } from '../../../../gateways/kit/reconnect-policy.ts';

describe('Xroshot reconnect backoff', () => {
  it('grows by the factor up to the ceiling, without jitter', () => {
    const p = createReconnectPolicy({ initialMs: 100, maxMs: 1000, factor: 2, jitter: 0 }, createRng(1));
    expect([0, 1, 2, 3, 4, 10].map((n) => p.delayMs(n))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('takes a seeded random share off, the same for the same seed', () => {
    const a = createReconnectPolicy({ initialMs: 1000, jitter: 0.5 }, createRng('s'));
    const b = createReconnectPolicy({ initialMs: 1000, jitter: 0.5 }, createRng('s'));
    const da = [0, 0, 0, 0, 0].map(() => a.delayMs(0));
    expect(da).toEqual([0, 0, 0, 0, 0].map(() => b.delayMs(0)));
    for (const d of da) {
      expect(d).toBeGreaterThan(500 - 1e-9);
      expect(d).toBeLessThanOrEqual(1000);
    }
    expect(new Set(da).size).toBeGreaterThan(1);
  });
});

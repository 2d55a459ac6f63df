import { describe, expect, it } from 'vitest';
import { createRng } from '../../../gateways/kit/rng.ts';
import { createReconnectPolicy } from '../../../gateways/kit/reconnect-policy.ts';

describe('reconnect policy', () => {
  it('doubles the delay per failed attempt up to the ceiling when jitter is off', () => {
    const p = createReconnectPolicy({ initialMs: 100, maxMs: 1_000, jitter: 0 }, createRng(1));
    expect([0, 1, 2, 3, 4, 50].map((n) => p.delayMs(n))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('draws jitter below the nominal delay, reproducibly from the seed', () => {
    const draw = (seed: number) => {
      const p = createReconnectPolicy({ initialMs: 1_000, jitter: 0.5 }, createRng(seed));
      return Array.from({ length: 20 }, () => p.delayMs(0));
    };
    const a = draw(7);
    for (const d of a) expect(d).toBeGreaterThan(500), expect(d).toBeLessThanOrEqual(1_000);
    expect(new Set(a).size).toBeGreaterThan(10);
    expect(draw(7)).toEqual(a);
    expect(draw(8)).not.toEqual(a);
  });
});

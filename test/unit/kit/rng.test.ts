import { describe, expect, it } from 'vitest';
import { createRng, unitHash } from '../../../gateways/kit/rng.ts';

const draw = (rng: { next(): number }, n: number) => Array.from({ length: n }, () => rng.next());

describe('seeded rng', () => {
  it('gives the same sequence for the same seed, string or number', () => {
    expect(draw(createRng('run-42'), 100)).toEqual(draw(createRng('run-42'), 100));
    expect(draw(createRng(42), 100)).toEqual(draw(createRng(42), 100));
  });

  it('gives different sequences for different seeds, even similar ones', () => {
    expect(draw(createRng(1), 10)).not.toEqual(draw(createRng(2), 10));
    expect(draw(createRng('a'), 10)).not.toEqual(draw(createRng('b'), 10));
  });

  it('draws uniformly in [0, 1)', () => {
    const rng = createRng('uniform');
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)]++;
    }
    for (const b of buckets) expect(b).toBeGreaterThan(9_500);
  });

  it('draws integers in an inclusive range, hitting both ends', () => {
    const rng = createRng('int');
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const v = rng.int(3, 7);
      expect(Number.isInteger(v) && v >= 3 && v <= 7).toBe(true);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(() => rng.int(5, 4)).toThrow(expect.objectContaining({ code: 'KIT_ERR_BAD_ARGUMENT' }));
  });

  it('draws standard normals (mean ~0, sd ~1)', () => {
    const rng = createRng('normal');
    const xs = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it('forks streams that depend only on the seed and label, not on draws from the parent', () => {
    const a = createRng('seed');
    const b = createRng('seed');
    draw(b, 1_000);
    expect(draw(a.fork('latency'), 50)).toEqual(draw(b.fork('latency'), 50));
  });

  it('forks streams that differ from each other and from the parent', () => {
    const rng = createRng('seed');
    const x = draw(rng.fork('x'), 20);
    expect(x).not.toEqual(draw(rng.fork('y'), 20));
    expect(x).not.toEqual(draw(createRng('seed'), 20));
  });

  it('does not let draws on a fork move the parent', () => {
    const a = createRng('seed');
    const b = createRng('seed');
    draw(a.fork('child'), 500);
    expect(draw(a, 20)).toEqual(draw(b, 20));
  });
});

describe('unitHash', () => {
  it('is deterministic, in [0, 1), and changes with the salt', () => {
    expect(unitHash('01012345678')).toBe(unitHash('01012345678'));
    expect(unitHash('01012345678', 'rcs')).not.toBe(unitHash('01012345678', 'mms'));
    const v = unitHash('x');
    expect(v >= 0 && v < 1).toBe(true);
  });

  it('spreads sequential phone numbers evenly', () => {
    const buckets = new Array<number>(20).fill(0);
    for (let i = 0; i < 40_000; i++) buckets[Math.floor(unitHash(`010${String(10_000_000 + i)}`) * 20)]++;
    for (const b of buckets) expect(Math.abs(b - 2_000)).toBeLessThan(200);
  });
});

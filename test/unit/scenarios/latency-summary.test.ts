import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binPosition } from '../../../scenarios/report/latency-chart.ts';
import { binEdges, percentile, summarizeLatency } from '../../../scenarios/report/latency-summary.ts';

describe('percentile (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('gives the sample at the rank', () => {
    expect([50, 95, 99, 100].map((p) => percentile(oneToHundred, p))).toEqual([50, 95, 99, 100]);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 51)).toBe(30);
  });

  it('is the only sample for one sample, and null for none', () => {
    expect([percentile([7], 50), percentile([7], 99)]).toEqual([7, 7]);
    expect(percentile([], 50)).toBeNull();
  });

  it('never falls outside the samples and never decreases with p', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 100 }), (xs, p) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const v = percentile(sorted, p) as number;
        const next = percentile(sorted, Math.min(100, p + 1)) as number;
        return v >= sorted[0] && v <= sorted[sorted.length - 1] && next >= v;
      }),
      { numRuns: 200 },
    );
  });
});

describe('summarizeLatency', () => {
  it('gives percentiles, max and a histogram that holds every sample once', () => {
    const samples = [5, 7, 30, 900, 900, 120, 80, 2500];
    const s = summarizeLatency('rcs', samples);
    expect(s).toMatchObject({ channel: 'rcs', count: 8, p50: 80, p95: 2500, p99: 2500, max: 2500 });
    expect(s.histogram.reduce((a, b) => a + b.count, 0)).toBe(8);
    for (let i = 1; i < s.histogram.length; i++) expect(s.histogram[i].from).toBe(s.histogram[i - 1].to);
    expect(s.histogram[0].from).toBeLessThanOrEqual(5);
    expect(s.histogram[s.histogram.length - 1].to).toBeGreaterThan(2500);
  });

  it('puts a sample on an edge into the bin that starts there', () => {
    const s = summarizeLatency('all', [100, 160, 159]);
    expect(s.histogram.filter((b) => b.count > 0).map((b) => [b.from, b.to, b.count])).toEqual([
      [100, 160, 2],
      [160, 250, 1],
    ]);
  });

  it('is empty without samples', () => {
    expect(summarizeLatency('all', [])).toEqual({ channel: 'all', count: 0, p50: null, p95: null, p99: null, max: null, histogram: [] });
  });

  it('starts at 0 for sub-millisecond samples and covers a single value', () => {
    expect(binEdges(0, 0)).toEqual([0, 1]);
    expect(binEdges(2500, 2500)).toEqual([2500, 4000]);
    expect(summarizeLatency('all', [0, 0, 3]).histogram[0]).toEqual({ from: 0, to: 1, count: 2 });
  });

  it('uses five log-even bins per decade', () => {
    expect(binEdges(1000, 9999)).toEqual([1000, 1600, 2500, 4000, 6300, 10_000]);
  });
});

describe('binPosition (where a percentile marker sits)', () => {
  const { histogram } = summarizeLatency('all', [1000, 2000, 5000, 9000]);

  it('puts a bin edge at its bin boundary and stays within the axis', () => {
    expect(binPosition(histogram, 1000)).toBe(0);
    expect(binPosition(histogram, 2500)).toBeCloseTo(2 / histogram.length);
    expect(binPosition(histogram, 1e9)).toBe(1);
    expect(binPosition(histogram, 0)).toBe(0);
  });

  it('grows with the value', () => {
    const xs = [1000, 1200, 1599, 1600, 3000, 7000, 9999];
    const pos = xs.map((v) => binPosition(histogram, v));
    expect([...pos].sort((a, b) => a - b)).toEqual(pos);
  });
});

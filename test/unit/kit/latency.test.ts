import { describe, expect, it } from 'vitest';
import { createLatencySampler, sampleLatency } from '../../../gateways/kit/latency.ts';
import type { LatencySpec } from '../../../gateways/kit/latency.ts';
import { createRng } from '../../../gateways/kit/rng.ts';

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function samples(spec: LatencySpec, n = 20_000): number[] {
  const rng = createRng('latency-test');
  return Array.from({ length: n }, () => sampleLatency(spec, rng)).sort((a, b) => a - b);
}

describe('sampleLatency', () => {
  it('is 0 for no spec and the value itself for a number or fixed', () => {
    const rng = createRng(1);
    expect(sampleLatency(undefined, rng)).toBe(0);
    expect(sampleLatency(25, rng)).toBe(25);
    expect(sampleLatency({ fixed: 7 }, rng)).toBe(7);
  });

  it('hits the configured median and p99 of a lognormal', () => {
    const xs = samples({ lognormal: { median: 20, p99: 200 } });
    expect(quantile(xs, 0.5)).toBeGreaterThan(20 * 0.95);
    expect(quantile(xs, 0.5)).toBeLessThan(20 * 1.05);
    expect(quantile(xs, 0.99)).toBeGreaterThan(200 * 0.85);
    expect(quantile(xs, 0.99)).toBeLessThan(200 * 1.15);
  });

  it('stays within the bounds of a uniform and spreads across them', () => {
    const xs = samples({ uniform: { min: 10, max: 30 } });
    expect(xs[0]).toBeGreaterThanOrEqual(10);
    expect(xs[xs.length - 1]).toBeLessThan(30);
    expect(Math.abs(quantile(xs, 0.5) - 20)).toBeLessThan(0.5);
  });

  it('centres a normal on its mean and never goes negative', () => {
    const xs = samples({ normal: { mean: 100, sd: 10 } });
    expect(Math.abs(quantile(xs, 0.5) - 100)).toBeLessThan(1);
    const wide = samples({ normal: { mean: 5, sd: 50 } });
    expect(wide[0]).toBe(0);
  });

  it('samples the same values through a precompiled sampler', () => {
    const spec: LatencySpec = { lognormal: { median: 50, p99: 400 } };
    const a = createRng('same');
    const b = createRng('same');
    const sampler = createLatencySampler(spec);
    for (let i = 0; i < 100; i++) expect(sampler(a)).toBe(sampleLatency(spec, b));
  });
});

describe('lognormal max', () => {
  it('truncates the tail at max and leaves the body alone', () => {
    const spec = { lognormal: { median: 100, p99: 1000, max: 2000 } };
    const rng = createRng('tail');
    const sampler = createLatencySampler(spec);
    const samples = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? sampleLatency(spec, rng) : sampler(rng)));
    expect(Math.max(...samples)).toBe(2000);
    expect(samples.filter((s) => s === 2000).length).toBeGreaterThan(0);
    const sorted = [...samples].sort((a, b) => a - b);
    expect(sorted[10_000]).toBeGreaterThan(80);
    expect(sorted[10_000]).toBeLessThan(120);
  });
});

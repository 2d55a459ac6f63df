// Latency distributions in milliseconds, as written in behaviour files.

import type { Rng } from './rng.ts';

export type LatencySpec =
  | number
  | { fixed: number }
  | { uniform: { min: number; max: number } }
  | { normal: { mean: number; sd: number } }
  | { lognormal: { median: number; p99: number; max?: number } };

/** z-score of the 99th percentile of the standard normal distribution. */
export const Z_99 = 2.3263478740408408;

export function sampleLatency(spec: LatencySpec | undefined, rng: Rng): number {
  if (spec === undefined) return 0;
  if (typeof spec === 'number') return Math.max(0, spec);
  if ('fixed' in spec) return Math.max(0, spec.fixed);
  if ('uniform' in spec) {
    const { min, max } = spec.uniform;
    return Math.max(0, min + rng.next() * (max - min));
  }
  if ('normal' in spec) {
    const { mean, sd } = spec.normal;
    return Math.max(0, mean + sd * rng.normal());
  }
  const { median, p99, max = Infinity } = spec.lognormal;
  if (median <= 0) return 0;
  const sigma = p99 > median ? Math.log(p99 / median) / Z_99 : 0;
  return Math.min(max, Math.exp(Math.log(median) + sigma * rng.normal()));
}

/** Precompiles a spec into a sampler; used on hot paths where the spec is fixed. */
export function createLatencySampler(spec: LatencySpec | undefined): (rng: Rng) => number {
  if (spec === undefined) return () => 0;
  if (typeof spec === 'number' || 'fixed' in spec) {
    const v = Math.max(0, typeof spec === 'number' ? spec : spec.fixed);
    return () => v;
  }
  if ('lognormal' in spec) {
    const { median, p99, max = Infinity } = spec.lognormal;
    if (median <= 0) return () => 0;
    const mu = Math.log(median);
    const sigma = p99 > median ? Math.log(p99 / median) / Z_99 : 0;
    // The tail is unbounded; `max` truncates it where a real gateway would give up or time out.
    return (rng) => Math.min(max, Math.exp(mu + sigma * rng.normal()));
  }
  return (rng) => sampleLatency(spec, rng);
}

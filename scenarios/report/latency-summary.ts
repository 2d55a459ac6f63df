// Latency samples -> the percentiles and histogram a ScenarioResult carries. Bin edges are the R5
// preferred numbers (1, 1.6, 2.5, 4, 6.3 x 10^n ms): five bins per decade, evenly spaced on a log
// scale (latencies span milliseconds to hours) and still round enough to read.
import type { LatencyBin, LatencySummary } from './scenario-result.ts';

/** Nearest-rank percentile of ascending `sorted`; null when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  if (!(p > 0)) return sorted[0];
  const rank = Math.ceil((Math.min(p, 100) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}

const R5 = [1, 1.6, 2.5, 4, 6.3];

/** Bin edges around `min`..`max` (ms): R5 numbers from the largest one <= min (0 first for sub-ms samples). */
export function binEdges(min: number, max: number): number[] {
  const edges: number[] = [];
  let decade = 1;
  while (decade * 10 <= min) decade *= 10;
  for (;; decade *= 10) {
    for (const m of R5) {
      // toPrecision keeps 6.3 x 10^n free of binary noise (6.300000000000001).
      const edge = Number((decade * m).toPrecision(2));
      if (edge <= min) edges.length = 0;
      edges.push(edge);
      if (edge > max) return min < 1 ? [0, ...edges] : edges;
    }
  }
}

export function summarizeLatency(channel: LatencySummary['channel'], samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  if (sorted.length === 0) return { channel, count: 0, p50: null, p95: null, p99: null, max: null, histogram: [] };
  const max = sorted[sorted.length - 1];
  const edges = binEdges(sorted[0], max);
  const histogram: LatencyBin[] = [];
  for (let i = 0; i + 1 < edges.length; i++) histogram.push({ from: edges[i], to: edges[i + 1], count: 0 });
  let bin = 0;
  for (const v of sorted) {
    while (v >= histogram[bin].to) bin++;
    histogram[bin].count++;
  }
  return { channel, count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max, histogram };
}

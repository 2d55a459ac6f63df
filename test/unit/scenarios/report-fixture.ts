// Two realistic scenario results for report tests: an RCS outage carried by fallbacks (passed) and a
// peak-hour mix whose Xroshot latency expectation fails. Drawn from a seeded rng, so every run is the same.
import { createRng } from '../../../gateways/kit/rng.ts';
import type { Rng } from '../../../gateways/kit/rng.ts';
import { summarizeLatency } from '../../../scenarios/report/latency-summary.ts';
import { formatMs } from '../../../scenarios/report/report-format.ts';
import type { LatencySummary, ScenarioResult, ThroughputBucket } from '../../../scenarios/report/scenario-result.ts';

const START = Date.parse('2026-11-20T20:50:00+09:00');

function lognormal(rng: Rng, median: number, p99: number): number {
  const sigma = Math.log(p99 / median) / 2.326;
  return median * Math.exp(sigma * rng.normal());
}

function samples(rng: Rng, n: number, median: number, p99: number, slowShare = 0, slowMedian = 0): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.round(rng.next() < slowShare ? lognormal(rng, slowMedian, slowMedian * 3) : lognormal(rng, median, p99)));
  return out;
}

function latency(rng: Rng, spec: Record<string, [number, number, number, number?, number?]>): LatencySummary[] {
  const all: number[] = [];
  const per = Object.entries(spec).map(([channel, [n, median, p99, slowShare, slowMedian]]) => {
    const s = samples(rng, n, median, p99, slowShare, slowMedian);
    all.push(...s);
    return summarizeLatency(channel as LatencySummary['channel'], s);
  });
  return [summarizeLatency('all', all), ...per];
}

/** Traffic at `rate` per second between `from` and `to`, delivered lagging and dipping where `dip` says. */
function buckets(rng: Rng, span: number, bucketMs: number, from: number, to: number, rate: number, dip: (at: number) => number): ThroughputBucket[] {
  const out: ThroughputBucket[] = [];
  for (let at = 0; at < span; at += bucketMs) {
    const active = at >= from && at < to;
    const submitted = active ? Math.round(rate * (bucketMs / 1000) * (0.93 + 0.14 * rng.next())) : 0;
    const lagging = at >= from && at < to + 60_000 ? rate * (bucketMs / 1000) * (0.9 + 0.1 * rng.next()) : 0;
    out.push({ at, submitted, delivered: Math.round(lagging * dip(at)) });
  }
  return out;
}

export function reportFixture(): ScenarioResult[] {
  const rng = createRng('report-fixture');
  const outage: ScenarioResult = {
    name: 'rcs-outage-fallback',
    description: 'RCS goes dark for five minutes at night; replacement MMS through GMMSC carries the traffic.',
    source: 'scenarios/examples/rcs-outage-fallback.yaml',
    passed: true,
    startedAt: '2026-11-21T00:01:52.000Z',
    durationMs: 3_480,
    simulatedMs: 20 * 60_000,
    simulatedStart: START,
    clockSpeed: 600,
    seed: '42',
    messages: 45_210,
    states: [
      { channel: 'rcs', state: 'delivered', count: 21_950 },
      { channel: 'rcs', state: 'expired', count: 120 },
      { channel: 'gmmsc', state: 'delivered', count: 9_310 },
      { channel: 'gmmsc', state: 'failed', count: 85 },
      { channel: 'xroshot', state: 'delivered', count: 12_890 },
      { channel: 'xroshot', state: 'failed', count: 402 },
      { channel: 'smsvas', state: 'delivered', count: 410 },
      { channel: null, state: 'failed', count: 43 },
    ],
    fallbacks: [
      { from: 'rcs', to: 'gmmsc', reason: 'no-report', count: 6_120 },
      { from: 'rcs', to: 'gmmsc', reason: 'not-capable', count: 3_275 },
      { from: 'rcs', to: 'xroshot', reason: 'circuit-open', count: 1_840 },
      { from: 'gmmsc', to: 'smsvas', reason: 'rejected', count: 410 },
    ],
    gateways: [
      { gateway: 'smsvas', accepted: 410, rejected: {}, timeouts: 0, unavailable: 0, reports: { delivered: 410 } },
      { gateway: 'gmmsc', accepted: 9_395, rejected: { 'content-refused': 410 }, timeouts: 12, unavailable: 0, reports: { delivered: 9_310, undeliverable: 85 } },
      { gateway: 'rcs', accepted: 31_280, rejected: { throttled: 640 }, timeouts: 2_310, unavailable: 1_840, reports: { delivered: 21_950, expired: 120, 'not-capable': 3_275 } },
      { gateway: 'xroshot', accepted: 13_292, rejected: { 'invalid-destination': 37 }, timeouts: 0, unavailable: 0, reports: { delivered: 12_890, undeliverable: 402 } },
    ],
    throughput: { bucketMs: 30_000, buckets: buckets(rng, 20 * 60_000, 30_000, 60_000, 16 * 60_000, 50, (at) => (at >= 120_000 && at < 420_000 ? 0.35 : 1)) },
    latency: latency(rng, { rcs: [2200, 2800, 25_000], gmmsc: [900, 9_000, 60_000], xroshot: [1300, 3_500, 30_000], smsvas: [60, 1_500, 9_000] }),
    faults: [
      { gateway: 'rcs', kind: 'outage', at: 120_000, until: 420_000, detail: 'blackhole' },
      { gateway: 'xroshot', kind: 'error-burst', at: 240_000, until: 300_000, detail: 'throttled 30%' },
      { gateway: 'gmmsc', kind: 'webhook-down', at: 360_000, until: 390_000 },
    ],
    expectations: [
      { description: 'delivered through gmmsc', expected: 'count >= 1', actual: '9,310', passed: true },
      { description: 'rcs -> gmmsc fallbacks (no-report)', expected: 'count >= 1', actual: '6,120', passed: true },
      { description: 'delivery ratio', expected: '>= 90%', actual: '98.6%', passed: true },
      { description: 'no message lost', expected: 'every accepted message final, no duplicates', actual: '45,210 final, 0 duplicates', passed: true },
    ],
  };
  const peakLatency = latency(rng, { smsvas: [3000, 1_200, 8_000], rcs: [2000, 2_500, 20_000], gmmsc: [1000, 7_000, 50_000], xroshot: [1800, 4_000, 30_000, 0.12, 14_000] });
  const xroshotP95 = peakLatency.find((l) => l.channel === 'xroshot')?.p95 ?? 0;
  const peak: ScenarioResult = {
    name: 'peak-hour-mix',
    description: 'Peak-hour mix of SMS, LMS, MMS and RCS across carriers while Xroshot slows down.',
    source: 'scenarios/examples/peak-hour-mix.yaml',
    passed: false,
    startedAt: '2026-11-21T00:02:10.000Z',
    durationMs: 61_250,
    simulatedMs: 3_600_000,
    simulatedStart: Date.parse('2026-11-20T10:00:00+09:00'),
    clockSpeed: 60,
    seed: 'peak',
    messages: 1_202_830,
    states: [
      { channel: 'smsvas', state: 'delivered', count: 512_300 },
      { channel: 'smsvas', state: 'failed', count: 3_100 },
      { channel: 'rcs', state: 'delivered', count: 301_400 },
      { channel: 'gmmsc', state: 'delivered', count: 150_220 },
      { channel: 'gmmsc', state: 'expired', count: 1_900 },
      { channel: 'xroshot', state: 'delivered', count: 228_700 },
      { channel: 'xroshot', state: 'failed', count: 5_210 },
    ],
    fallbacks: [
      { from: 'rcs', to: 'gmmsc', reason: 'not-capable', count: 48_300 },
      { from: 'rcs', to: 'xroshot', reason: 'not-capable', count: 21_400 },
    ],
    gateways: [
      { gateway: 'smsvas', accepted: 515_400, rejected: { throttled: 14_200 }, timeouts: 0, unavailable: 0, reports: { delivered: 512_300, undeliverable: 3_100 } },
      { gateway: 'gmmsc', accepted: 152_120, rejected: {}, timeouts: 0, unavailable: 0, reports: { delivered: 150_220, expired: 1_900 } },
      { gateway: 'rcs', accepted: 371_100, rejected: {}, timeouts: 0, unavailable: 0, reports: { delivered: 301_400, 'not-capable': 69_700 } },
      { gateway: 'xroshot', accepted: 235_960, rejected: { 'queue-full': 2_900, throttled: 1_100 }, timeouts: 4_480, unavailable: 0, reports: { delivered: 228_700, undeliverable: 5_210 } },
    ],
    throughput: { bucketMs: 60_000, buckets: buckets(rng, 3_600_000, 60_000, 0, 3_420_000, 350, (at) => (at >= 600_000 && at < 1_080_000 ? 0.72 : 1)) },
    latency: peakLatency,
    faults: [
      { gateway: 'xroshot', kind: 'latency-spike', at: 600_000, until: 1_080_000, detail: 'lognormal 8 s' },
      { gateway: 'smsvas', kind: 'error-burst', at: 1_800_000, until: 1_860_000, detail: 'throttled 30%' },
    ],
    expectations: [
      { description: 'delivery ratio', expected: '>= 97%', actual: '98.9%', passed: true },
      { description: 'throughput (delivered) over every 10 min window', expected: '>= 1,000,000 / h', actual: '1,080,400 / h', passed: true },
      { description: 'xroshot p95 latency', expected: '<= 10 s', actual: formatMs(xroshotP95), passed: xroshotP95 <= 10_000 },
      { description: 'no message lost', expected: 'every accepted message final, no duplicates', actual: '1,202,830 final, 0 duplicates', passed: true },
    ],
  };
  return [outage, peak];
}

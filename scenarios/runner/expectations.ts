// Judges a scenario's `expect` section on the facts of its run. Every expectation becomes one row with
// what was expected and what happened, both as text a person reads in the summary and the report
// (e.g. expected 'count >= 1', actual '0').
import type { GatewayName } from '../../engine/channel.ts';
import { percentile } from '../report/latency-summary.ts';
import { formatCount, formatMs, formatOffset, formatPercent } from '../report/report-format.ts';
import type { ExpectationResult } from '../report/scenario-result.ts';
import type { Expectations } from '../scenario-expect-schema.ts';
import { countState, type RunFacts } from './run-facts.ts';

interface Bounds {
  count?: number;
  min?: number;
  max?: number;
}

export function boundsText(b: Bounds): string {
  if (b.count !== undefined) return `count = ${formatCount(b.count)}`;
  if (b.min !== undefined && b.max !== undefined) return `count ${formatCount(b.min)}–${formatCount(b.max)}`;
  if (b.min !== undefined) return `count >= ${formatCount(b.min)}`;
  if (b.max !== undefined) return `count <= ${formatCount(b.max)}`;
  return 'any count';
}

export function withinBounds(n: number, b: Bounds): boolean {
  return (b.count === undefined || n === b.count) && (b.min === undefined || n >= b.min) && (b.max === undefined || n <= b.max);
}

const pct = (share: number): string => formatPercent(share, 1);

function ratioText(r: { min?: number; max?: number }): string {
  if (r.min !== undefined && r.max !== undefined) return `share ${pct(r.min)}–${pct(r.max)}`;
  if (r.min !== undefined) return `share >= ${pct(r.min)}`;
  return `share <= ${pct(r.max ?? 1)}`;
}

const hasCountBounds = (b: Bounds): boolean => b.count !== undefined || b.min !== undefined || b.max !== undefined;

function countBounds(b: Bounds | number): Bounds {
  return typeof b === 'number' ? { count: b } : b;
}

/** Sorted ascending copy of latency samples. */
function sorted(samples: readonly number[]): Float64Array {
  return Float64Array.from(samples).sort();
}

/** Lowest rate per hour over every full `over` window of [from, to]; null when the span is shorter than one window. */
export function lowestHourlyRate(times: Float64Array, from: number, to: number, over: number): { perHour: number; at: number } | null {
  if (to - from < over) return null;
  const step = Math.max(1000, over / 20);
  const firstAtOrAfter = (t: number): number => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let best: { perHour: number; at: number } | null = null;
  for (let s = from; s + over <= to + 1e-9; s += step) {
    const n = firstAtOrAfter(s + over) - firstAtOrAfter(s);
    const perHour = (n * 3_600_000) / over;
    if (best === null || perHour < best.perHour) best = { perHour, at: s };
  }
  return best;
}

export function evaluateExpectations(expect: Expectations, facts: RunFacts): ExpectationResult[] {
  const out: ExpectationResult[] = [];
  const total = facts.messages;
  const row = (description: string, expected: string, actual: string, passed: boolean): void => {
    out.push({ description, expected, actual, passed });
  };

  for (const e of expect.finalStates ?? []) {
    const n = countState(facts, e.state, e.channel);
    const description = `${e.state} ${e.channel === undefined ? '(any channel)' : `through ${e.channel}`}`;
    const expected: string[] = [];
    const actual: string[] = [];
    let passed = true;
    if (hasCountBounds(e)) {
      expected.push(boundsText(e));
      passed &&= withinBounds(n, e);
    }
    if (e.ratio !== undefined) {
      const share = total === 0 ? 0 : n / total;
      expected.push(ratioText(e.ratio));
      passed &&= total > 0 && (e.ratio.min === undefined || share >= e.ratio.min) && (e.ratio.max === undefined || share <= e.ratio.max);
      actual.push(`${formatPercent(n, total)} (${formatCount(n)} of ${formatCount(total)})`);
    } else actual.push(formatCount(n));
    row(description, expected.join(' and '), actual.join(', '), passed);
  }

  for (const e of expect.fallbacks ?? []) {
    const n = facts.fallbacks.filter((f) => f.from === e.from && f.to === e.to && (e.reason === undefined || f.reason === e.reason)).reduce((a, f) => a + f.count, 0);
    row(`${e.from} -> ${e.to} fallbacks${e.reason === undefined ? '' : ` (${e.reason})`}`, boundsText(e), formatCount(n), withinBounds(n, e));
  }

  if (expect.deliveryRatio !== undefined) {
    const delivered = countState(facts, 'delivered');
    const min = expect.deliveryRatio.min;
    const actual = total === 0 ? 'no messages' : `${formatPercent(delivered, total)} (${formatCount(delivered)} of ${formatCount(total)})`;
    row('delivery ratio', `>= ${pct(min)}`, actual, total > 0 && delivered / total >= min);
  }

  for (const [channel, bounds] of Object.entries(expect.latency ?? {}) as Array<[GatewayName | 'all', { p50?: number; p95?: number; p99?: number } | undefined]>) {
    if (bounds === undefined) continue;
    const samples = sorted(facts.latency.get(channel) ?? []);
    for (const p of ['p50', 'p95', 'p99'] as const) {
      const limit = bounds[p];
      if (limit === undefined) continue;
      const value = percentile(samples, Number(p.slice(1)));
      const description = channel === 'all' ? `${p} latency (all channels)` : `${channel} ${p} latency`;
      const actual = value === null ? `no message finished${channel === 'all' ? '' : ` through ${channel}`}` : `${formatMs(value)} (${formatCount(samples.length)} messages)`;
      row(description, `<= ${formatMs(limit)}`, actual, value !== null && value <= limit);
    }
  }

  if (expect.throughput !== undefined) {
    const { perHour, over, of } = expect.throughput;
    const times = of === 'submitted' ? facts.submittedTimes : facts.deliveredTimes;
    const description = `throughput (${of}) over every ${formatMs(over)} window`;
    const expected = `>= ${formatCount(perHour)} / h`;
    const span = facts.traffic;
    const lowest = span === null ? null : lowestHourlyRate(times, span.from, span.to, over);
    if (lowest === null) {
      const flowed = span === null ? 'no traffic' : `traffic flowed for ${formatMs(span.to - span.from)}, less than one window`;
      row(description, expected, flowed, false);
    } else {
      row(description, expected, `lowest ${formatCount(lowest.perHour)} / h (window from ${formatOffset(lowest.at)})`, lowest.perHour >= perHour);
    }
  }

  if (expect.noMessageLost === true) {
    const final = total - facts.notFinal;
    const actual = `${formatCount(final)} final, ${formatCount(facts.notFinal)} not final, ${formatCount(facts.storeDisagrees)} not so in the store, ${formatCount(facts.duplicates)} sent twice`;
    row('no message lost', 'every accepted message final (store agrees), none sent twice', actual, facts.notFinal === 0 && facts.storeDisagrees === 0 && facts.duplicates === 0);
  }

  const compliance = expect.compliance;
  if (compliance?.held !== undefined) {
    const b = countBounds(compliance.held);
    row('ad messages held for the night window', boundsText(b), formatCount(facts.held), withinBounds(facts.held, b));
  }
  if (compliance?.blocked !== undefined) {
    const b = countBounds(compliance.blocked);
    row('ad messages blocked in the night window', boundsText(b), formatCount(facts.blocked), withinBounds(facts.blocked, b));
  }
  return out;
}

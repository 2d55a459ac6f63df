// The facts of a finished run, from the timelines the runner saw and the records the engine kept:
// states by channel, fallbacks, how each gateway answered, latencies, throughput and the checks of
// "nothing lost" (every message final, the store agreeing, no leg accepted twice). Expectations are
// judged on these; the report gets them aggregated (ScenarioResult).
import type { GatewayName } from '../../engine/channel.ts';
import { FINAL_STATES, type FallbackTrigger, type MessageState } from '../../engine/message.ts';
import { summarizeLatency } from '../report/latency-summary.ts';
import type { FallbackCount, GatewayOutcomes, LatencySummary, StateCount, ThroughputSeries } from '../report/scenario-result.ts';
import type { MessageSummary } from './message-summary.ts';
import type { MessageTimeline } from './run-observer.ts';

export interface RunFacts {
  messages: number;
  states: StateCount[];
  fallbacks: FallbackCount[];
  gateways: GatewayOutcomes[];
  /** Intake -> final state, ms, by the gateway of the last attempt and 'all'. */
  latency: Map<GatewayName | 'all', number[]>;
  /** Offsets at which a gateway accepted a message, ascending. */
  submittedTimes: Float64Array;
  /** Offsets at which a message reached delivered, ascending. */
  deliveredTimes: Float64Array;
  /**
   * While traffic flows: the span of the streams when there are any; for scheduled traffic from the
   * earliest sendAt to the last gateway acceptance; else first to last intake. Null when nothing was accepted.
   */
  traffic: { from: number; to: number } | null;
  notFinal: number;
  /** Final messages whose stored record is missing or in another state. */
  storeDisagrees: number;
  /** Messages a gateway accepted twice on the same leg, or that reached a final state twice. */
  duplicates: number;
  held: number;
  blocked: number;
}

export const AD_BLOCKED = 'ENGINE_ERR_AD_BLOCKED';
const ACCEPTED_OUTCOMES = new Set(['submitted', 'delivered', 'failed', 'expired', 'no-report']);

function lastGateway(t: MessageTimeline, s: MessageSummary | null | undefined): GatewayName | null {
  const a = s?.attempts;
  if (a !== undefined && a.length > 0) return a[a.length - 1].gateway;
  if (t.submitted.length > 0) return t.submitted[t.submitted.length - 1].gateway;
  return null;
}

function gatewayRow(rows: Map<GatewayName, GatewayOutcomes>, gw: GatewayName): GatewayOutcomes {
  let r = rows.get(gw);
  if (r === undefined) rows.set(gw, (r = { gateway: gw, accepted: 0, rejected: {}, timeouts: 0, unavailable: 0, reports: {} }));
  return r;
}

/**
 * `flow`: the span of the scenario's streams, if it has any (a one-off send is not a flow); without
 * `to`, it ends at the last gateway acceptance (a scheduled campaign flows from its sendAt until sent).
 */
export function collectFacts(
  timelines: ReadonlyMap<string, MessageTimeline>,
  summaries: ReadonlyMap<string, MessageSummary | null>,
  flow: { from: number; to?: number } | null = null,
): RunFacts {
  const states = new Map<string, StateCount>();
  const fallbacks = new Map<string, FallbackCount>();
  const gateways = new Map<GatewayName, GatewayOutcomes>();
  const latency = new Map<GatewayName | 'all', number[]>([['all', []]]);
  const submitted: number[] = [];
  const delivered: number[] = [];
  let from = Infinity;
  let to = -Infinity;
  let notFinal = 0;
  let storeDisagrees = 0;
  let duplicates = 0;
  let held = 0;
  let blocked = 0;

  for (const t of timelines.values()) {
    const s = summaries.get(t.id);
    from = Math.min(from, t.acceptedAt);
    to = Math.max(to, t.acceptedAt);
    const channel = lastGateway(t, s);
    const state: MessageState = t.final?.state ?? s?.state ?? t.intakeState;
    const key = `${channel}\u0000${state}`;
    const sc = states.get(key);
    if (sc === undefined) states.set(key, { channel, state, count: 1 });
    else sc.count++;

    if (t.intakeState === 'held') held++;
    if ((t.final?.reason ?? s?.reason) === AD_BLOCKED) blocked++;
    if (t.final === null) notFinal++;
    else {
      if (s == null || s.state !== t.final.state) storeDisagrees++;
      const ms = t.final.at - t.acceptedAt;
      (latency.get('all') as number[]).push(ms);
      if (channel !== null) {
        let list = latency.get(channel);
        if (list === undefined) latency.set(channel, (list = []));
        list.push(ms);
      }
      if (t.final.state === 'delivered') delivered.push(t.final.at);
    }
    for (const x of t.submitted) submitted.push(x.at);
    for (const f of t.fallbacks) {
      const k = `${f.from}\u0000${f.to}\u0000${f.trigger}`;
      const fc = fallbacks.get(k);
      if (fc === undefined) fallbacks.set(k, { from: f.from, to: f.to, reason: f.trigger as FallbackTrigger, count: 1 });
      else fc.count++;
      if (f.trigger === 'circuit-open') gatewayRow(gateways, f.from).unavailable++;
    }
    for (const r of t.reports) {
      if (!r.final) continue;
      const row = gatewayRow(gateways, r.gateway);
      row.reports[r.outcome] = (row.reports[r.outcome] ?? 0) + 1;
    }

    let twice = t.finals > 1;
    const acceptedLegs = new Set<number>();
    for (const a of s?.attempts ?? []) {
      const row = gatewayRow(gateways, a.gateway);
      const took = ACCEPTED_OUTCOMES.has(a.outcome) || a.gatewayIds.length > 0;
      if (took) {
        row.accepted++;
        if (acceptedLegs.has(a.leg)) twice = true;
        acceptedLegs.add(a.leg);
      } else if (a.outcome === 'rejected' || a.outcome === 'not-capable') {
        const reason = a.code ?? a.outcome;
        row.rejected[reason] = (row.rejected[reason] ?? 0) + 1;
      } else if (a.outcome === 'timeout') row.timeouts++;
      else if (a.outcome === 'unavailable') row.unavailable++;
    }
    if (twice) duplicates++;
  }
  const order = ['smsvas', 'gmmsc', 'rcs', 'xroshot'];
  const submittedTimes = Float64Array.from(submitted).sort();
  const flowTo = (f: { from: number; to?: number }): number => f.to ?? Math.max(f.from, submittedTimes.length === 0 ? f.from : submittedTimes[submittedTimes.length - 1]);
  return {
    messages: timelines.size,
    states: [...states.values()].sort((a, b) => b.count - a.count),
    fallbacks: [...fallbacks.values()].sort((a, b) => b.count - a.count),
    gateways: [...gateways.values()].sort((a, b) => order.indexOf(a.gateway) - order.indexOf(b.gateway)),
    latency,
    submittedTimes,
    deliveredTimes: Float64Array.from(delivered).sort(),
    traffic: timelines.size === 0 ? null : flow === null ? { from, to } : { from: flow.from, to: flowTo(flow) },
    notFinal,
    storeDisagrees,
    duplicates,
    held,
    blocked,
  };
}

export function countState(facts: Pick<RunFacts, 'states'>, state: MessageState, channel?: GatewayName): number {
  return facts.states.filter((s) => s.state === state && (channel === undefined || s.channel === channel)).reduce((a, s) => a + s.count, 0);
}

export function isFinalState(s: MessageState): boolean {
  return FINAL_STATES.has(s);
}

const NICE_BUCKETS = [1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];

/** A bucket width giving at most ~120 buckets over the span. */
export function bucketFor(spanMs: number): number {
  return NICE_BUCKETS.find((b) => spanMs / b <= 120) ?? Math.ceil(spanMs / 120 / 3_600_000) * 3_600_000;
}

export function throughputSeries(facts: Pick<RunFacts, 'submittedTimes' | 'deliveredTimes'>, simulatedMs: number): ThroughputSeries {
  const bucketMs = bucketFor(simulatedMs);
  const n = Math.max(1, Math.ceil(simulatedMs / bucketMs));
  const buckets = Array.from({ length: n }, (_, i) => ({ at: i * bucketMs, submitted: 0, delivered: 0 }));
  const put = (times: Float64Array, key: 'submitted' | 'delivered'): void => {
    for (const t of times) buckets[Math.min(n - 1, Math.max(0, Math.floor(t / bucketMs)))][key]++;
  };
  put(facts.submittedTimes, 'submitted');
  put(facts.deliveredTimes, 'delivered');
  return { bucketMs, buckets };
}

export function latencySummaries(facts: Pick<RunFacts, 'latency'>): LatencySummary[] {
  return [...facts.latency].map(([channel, samples]) => summarizeLatency(channel, samples));
}

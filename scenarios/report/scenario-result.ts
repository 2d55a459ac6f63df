// What one scenario run hands the report: plain, JSON-serialisable facts about the run, already
// aggregated (counts, time buckets, latency histograms), so a report of a run with millions of
// messages stays small. Times on the scenario clock are offsets in ms from its start.
import type { GatewayName } from '../../engine/channel.ts';
import type { FallbackTrigger, MessageState } from '../../engine/message.ts';
import type { FaultKind } from '../scenario-expect-schema.ts';

export interface ScenarioResult {
  name: string;
  description?: string;
  /** The scenario file. */
  source?: string;
  /** Every expectation passed and the run finished (no error, no timeout). */
  passed: boolean;
  /** Why the run itself failed (timeout, engine crash, ...), if it did. */
  error?: string;
  /** Wall-clock start, ISO 8601. */
  startedAt: string;
  /** Wall-clock ms the run took. */
  durationMs: number;
  /** Simulated ms the run covered. */
  simulatedMs: number;
  /** Simulated start, epoch ms (the scenario clock's start). */
  simulatedStart: number;
  clockSpeed: number;
  seed: string;
  /** Messages the engine accepted. */
  messages: number;
  /** Messages by state at the end, by the gateway of their last attempt (null: never reached one). */
  states: StateCount[];
  fallbacks: FallbackCount[];
  gateways: GatewayOutcomes[];
  throughput: ThroughputSeries;
  /** Intake -> final state latency, one entry per channel plus 'all'. */
  latency: LatencySummary[];
  faults: FaultWindow[];
  expectations: ExpectationResult[];
}

export interface StateCount {
  channel: GatewayName | null;
  state: MessageState;
  count: number;
}

export interface FallbackCount {
  from: GatewayName;
  to: GatewayName;
  reason: FallbackTrigger;
  count: number;
}

/** How a gateway answered the engine: synchronous answers to sends, then delivery reports. */
export interface GatewayOutcomes {
  gateway: GatewayName;
  accepted: number;
  /** Synchronous rejections by canonical reason (throttled, invalid-destination, ...). */
  rejected: Record<string, number>;
  timeouts: number;
  /** Sends the channel could not take (down, not connected, circuit open). */
  unavailable: number;
  /** Final delivery reports by outcome (delivered, undeliverable, expired, rejected, unknown, not-capable). */
  reports: Record<string, number>;
}

export interface ThroughputSeries {
  /** Width of every bucket, simulated ms. */
  bucketMs: number;
  /** In time order; `at` is the bucket's start offset. */
  buckets: ThroughputBucket[];
}

export interface ThroughputBucket {
  at: number;
  /** Messages handed to a gateway (accepted by it) in the bucket. */
  submitted: number;
  /** Messages that reached delivered in the bucket. */
  delivered: number;
}

export interface LatencySummary {
  channel: GatewayName | 'all';
  count: number;
  /** Percentiles in ms (nearest rank); null when there are no samples. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** Consecutive bins covering every sample: [from, to) ms. */
  histogram: LatencyBin[];
}

export interface LatencyBin {
  from: number;
  to: number;
  count: number;
}

export interface FaultWindow {
  gateway: GatewayName;
  kind: FaultKind;
  /** Start offset, ms. */
  at: number;
  /** End offset, ms; null: lasted to the end of the run. */
  until: number | null;
  /** e.g. 'mode blackhole', 'throttled 30%'. */
  detail?: string;
}

export interface ExpectationResult {
  description: string;
  expected: string;
  actual: string;
  passed: boolean;
}

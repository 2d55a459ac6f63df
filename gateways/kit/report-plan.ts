// Delivery-report planning: which final outcome an accepted request gets and after how long.
// The network wins over the configured mix: a number unknown to the network or not in service
// cannot be delivered, and a handset that is off lets the message expire.

import { REPORT_OUTCOMES } from './canonical-reason.ts';
import type { ReportOutcome } from './canonical-reason.ts';
import type { Subscriber } from '../network/subscriber.ts';
import { createLatencySampler } from './latency.ts';
import type { LatencySpec } from './latency.ts';
import type { Rng } from './rng.ts';
import { DEFAULT_REPORT_DELAY } from './behaviour-schema.ts';
import type { ReportPlanSpec } from './behaviour-schema.ts';

export interface PlannedReport {
  outcome: ReportOutcome;
  delayMs: number;
}

type DelaySamplers = Record<ReportOutcome, (rng: Rng) => number>;

export interface CompiledReportPlan {
  /** Per-outcome delay samplers; a rule's per-outcome map falls back to these for outcomes it omits. */
  readonly delays: DelaySamplers;
  plan(subscriber: Subscriber | null | undefined, validityMs: number | undefined, rng: Rng): PlannedReport;
}

type Delay = ReportPlanSpec['delay'];

function isLatencySpec(d: Delay): d is LatencySpec {
  return typeof d === 'number' || 'fixed' in d || 'uniform' in d || 'normal' in d || 'lognormal' in d;
}

export function compileReportPlan(spec: ReportPlanSpec, inherit?: DelaySamplers): CompiledReportPlan {
  const outcomes: ReportOutcome[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const o of REPORT_OUTCOMES) {
    const w = spec.outcomes[o] ?? 0;
    if (w <= 0) continue;
    total += w;
    outcomes.push(o);
    cumulative.push(total);
  }

  const delay = spec.delay;
  const delayOf = {} as DelaySamplers;
  if (isLatencySpec(delay)) {
    const sampler = createLatencySampler(delay);
    for (const o of REPORT_OUTCOMES) delayOf[o] = sampler;
  } else {
    const fallback = delay.default === undefined ? undefined : createLatencySampler(delay.default);
    const builtIn = createLatencySampler(DEFAULT_REPORT_DELAY);
    for (const o of REPORT_OUTCOMES) {
      const s = delay[o];
      delayOf[o] = s !== undefined ? createLatencySampler(s) : (fallback ?? inherit?.[o] ?? builtIn);
    }
  }

  const pick = (rng: Rng): ReportOutcome => {
    const x = rng.next() * total;
    for (let i = 0; i < cumulative.length; i++) if (x < cumulative[i]) return outcomes[i];
    return outcomes[outcomes.length - 1];
  };

  return {
    delays: delayOf,
    plan(subscriber, validityMs, rng) {
      const validity = validityMs ?? spec.defaultValidity;
      if (subscriber === null || subscriber?.reachability === 'invalid') {
        return { outcome: 'undeliverable', delayMs: delayOf.undeliverable(rng) };
      }
      if (subscriber?.reachability === 'off') return { outcome: 'expired', delayMs: validity };
      const outcome = pick(rng);
      return { outcome, delayMs: outcome === 'expired' ? validity : delayOf[outcome](rng) };
    },
  };
}

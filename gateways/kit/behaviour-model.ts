// The behaviour model: given a plain request, decide the response, its latency and the delivery
// report to send later. Simulators translate wire <-> GatewayRequest/Decision and nothing more.
//
// Outages are applied here too, so a simulator that only calls decide() behaves sensibly:
//   refuse    -> reject 'service-unavailable' (rule 'outage:refuse')
//   blackhole -> fault 'no-response'         (rule 'outage:blackhole')
//   slow      -> the normal decision, with the outage's latency instead of the usual one
// A simulator may also read outage() to act at connection level (e.g. refuse binds).

import type { Behaviour } from './behaviour-schema.ts';
import { compileRule } from './behaviour-rule.ts';
import type { BehaviourResponse, CompiledRule } from './behaviour-rule.ts';
import type { Subscriber } from '../network/subscriber.ts';
import type { Clock } from './clock.ts';
import type { Rng } from './rng.ts';
import { createLatencySampler, sampleLatency } from './latency.ts';
import { createMinuteOfDay } from './local-time.ts';
import { createOutageState } from './outage-state.ts';
import type { ActiveOutage, OutageRequest } from './outage-state.ts';
import { compileReportPlan } from './report-plan.ts';
import type { CompiledReportPlan, PlannedReport } from './report-plan.ts';

export type { BehaviourResponse, Fault } from './behaviour-rule.ts';
export type { ActiveOutage, OutageMode, OutageRequest } from './outage-state.ts';
export type { PlannedReport } from './report-plan.ts';

export interface GatewayRequest {
  /** Spec spelling: 'submit_sm', 'SubmitReq', ... */
  operation: string;
  account?: string;
  source?: string;
  destination?: string;
  content?: string;
  /** From the network directory; null = number unknown to the network; absent = not looked up. */
  subscriber?: Subscriber | null;
  /** How long the gateway keeps trying before 'expired'. */
  validityMs?: number;
}

export interface Decision {
  /** Name of the rule that matched, 'outage:<mode>' when an outage decided, null for the default. */
  rule: string | null;
  response: BehaviourResponse;
  latencyMs: number;
  report: PlannedReport | null;
}

export interface BehaviourModel {
  decide(req: GatewayRequest): Decision;
  outage(): ActiveOutage | null;
  setOutage(o: OutageRequest | null): void;
  readonly spec: Behaviour;
}

interface ModelRule {
  rule: CompiledRule;
  latency: ((rng: Rng) => number) | null;
  /** null: accepted requests of this rule get no report. */
  plan: CompiledReportPlan | null;
}

const ACCEPT: BehaviourResponse = Object.freeze({ kind: 'accept' });
const SERVICE_UNAVAILABLE: BehaviourResponse = Object.freeze({ kind: 'reject', reason: 'service-unavailable' });
const NO_RESPONSE: BehaviourResponse = Object.freeze({ kind: 'fault', fault: 'no-response' });

// A garbled response still means the gateway took the message, so it is delivered (or not) as usual;
// 'silent' takes it but never reports, and the other faults never took it.
function takesMessage(r: BehaviourResponse): boolean {
  return r.kind === 'accept' || (r.kind === 'fault' && r.fault === 'corrupt');
}

export function createBehaviourModel(spec: Behaviour, deps: { clock: Clock; rng: Rng }): BehaviourModel {
  const { clock } = deps;
  // Separate streams: a probability rule added or removed does not reshuffle latencies or outcomes.
  const ruleRng = deps.rng.fork('rules');
  const latencyRng = deps.rng.fork('latency');
  const reportRng = deps.rng.fork('reports');

  const minuteOfDay = createMinuteOfDay(spec.timezone);
  const defaultPlan = compileReportPlan(spec.reports);
  const defaultLatency = createLatencySampler(spec.latency);
  const rules: ModelRule[] = spec.rules.map((r, i) => {
    let plan: CompiledReportPlan | null = defaultPlan;
    if (r.reports === false) plan = null;
    else if (r.reports !== undefined) {
      plan = compileReportPlan(
        {
          outcomes: r.reports.outcomes ?? spec.reports.outcomes,
          delay: r.reports.delay ?? spec.reports.delay,
          defaultValidity: r.reports.defaultValidity ?? spec.reports.defaultValidity,
        },
        defaultPlan.delays,
      );
    }
    return { rule: compileRule(r, i, minuteOfDay), latency: r.latency === undefined ? null : createLatencySampler(r.latency), plan };
  });
  const outages = createOutageState(spec.outages, clock.now());

  return {
    spec,
    outage: () => outages.active(clock.now()),
    setOutage: (o) => outages.set(o, clock.now()),
    decide(req) {
      const now = clock.now();
      const outage = outages.active(now);
      if (outage !== null && outage.mode === 'refuse') {
        return { rule: 'outage:refuse', response: SERVICE_UNAVAILABLE, latencyMs: defaultLatency(latencyRng), report: null };
      }
      if (outage !== null && outage.mode === 'blackhole') {
        return { rule: 'outage:blackhole', response: NO_RESPONSE, latencyMs: 0, report: null };
      }

      let matched: ModelRule | null = null;
      for (let i = 0; i < rules.length; i++) {
        const r = rules[i];
        if (!r.rule.matches(req, now)) continue;
        const p = r.rule.probability;
        if (p === null || p >= 1 || (p > 0 && ruleRng.next() < p)) {
          matched = r;
          break;
        }
      }

      const response = matched === null ? ACCEPT : matched.rule.response;
      const latencyMs =
        outage !== null ? sampleLatency(outage.latency, latencyRng) : (matched?.latency ?? defaultLatency)(latencyRng);
      const plan = matched === null ? defaultPlan : matched.plan;
      const report = plan !== null && takesMessage(response) ? plan.plan(req.subscriber, req.validityMs, reportRng) : null;
      return { rule: matched === null ? null : matched.rule.name, response, latencyMs, report };
    },
  };
}

// A behaviour rule compiled once into plain predicates, so matching does no parsing per request.

import type { BehaviourRule } from './behaviour-schema.ts';
import type { RejectReason } from './canonical-reason.ts';
import type { Subscriber } from '../network/subscriber.ts';
import { anyOf, compileContentPattern, compileGlob } from './pattern.ts';
import { inWindow, parseClockTime } from './local-time.ts';
import type { MinuteOfDay } from './local-time.ts';

export type Fault = 'drop-connection' | 'no-response' | 'corrupt' | 'silent';

export type BehaviourResponse =
  | { kind: 'accept' }
  | { kind: 'reject'; reason: RejectReason }
  | { kind: 'fault'; fault: Fault };

/** What a predicate reads from a request (a GatewayRequest fits). */
export interface MatchInput {
  operation: string;
  account?: string;
  source?: string;
  destination?: string;
  content?: string;
  subscriber?: Subscriber | null;
}

type Predicate = (req: MatchInput, now: number) => boolean;

export interface CompiledRule {
  name: string;
  /** All predicates except `probability`, which the model draws only after these matched. */
  matches(req: MatchInput, now: number): boolean;
  probability: number | null;
  response: BehaviourResponse;
}

const ACCEPT: BehaviourResponse = Object.freeze({ kind: 'accept' });

export function toResponse(then: BehaviourRule['then']): BehaviourResponse {
  if (then === 'accept') return ACCEPT;
  if ('reject' in then) return Object.freeze({ kind: 'reject', reason: then.reject });
  return Object.freeze({ kind: 'fault', fault: then.fault });
}

function list<T>(v: T | readonly T[]): readonly T[] {
  return Array.isArray(v) ? v : [v as T];
}

function textPredicate(field: 'account' | 'source' | 'destination' | 'content', matcher: (t: string) => boolean): Predicate {
  return (req) => {
    const v = req[field];
    return v !== undefined && matcher(v);
  };
}

function subscriberPredicates(s: NonNullable<NonNullable<BehaviourRule['when']>['subscriber']>): Predicate[] {
  const out: Predicate[] = [];
  if (s.known !== undefined) {
    // known: false means the network said "no such number" (null), not "never looked up" (absent).
    out.push(s.known ? (req) => req.subscriber != null : (req) => req.subscriber === null);
  }
  const attr = <K extends keyof Subscriber>(key: K, wanted: Subscriber[K] | readonly Subscriber[K][] | undefined): void => {
    if (wanted === undefined) return;
    const set = new Set(list(wanted));
    out.push((req) => req.subscriber != null && set.has(req.subscriber[key]));
  };
  attr('carrier', s.carrier);
  attr('mvno', s.mvno);
  attr('device', s.device);
  attr('rcs', s.rcs);
  attr('mms', s.mms);
  attr('reachability', s.reachability);
  attr('language', s.language);
  return out;
}

export function compileRule(rule: BehaviourRule, index: number, minuteOfDay: MinuteOfDay): CompiledRule {
  const when = rule.when ?? {};
  const preds: Predicate[] = [];
  if (when.operation !== undefined) {
    const ops = new Set(list(when.operation));
    preds.push((req) => ops.has(req.operation));
  }
  if (when.account !== undefined) preds.push(textPredicate('account', anyOf(when.account, compileGlob)));
  if (when.source !== undefined) preds.push(textPredicate('source', anyOf(when.source, compileGlob)));
  if (when.destination !== undefined) preds.push(textPredicate('destination', anyOf(when.destination, compileGlob)));
  if (when.content !== undefined) preds.push(textPredicate('content', anyOf(when.content, compileContentPattern)));
  if (when.subscriber !== undefined) preds.push(...subscriberPredicates(when.subscriber));
  if (when.time !== undefined) {
    const from = parseClockTime(when.time.from);
    const to = parseClockTime(when.time.to);
    preds.push((_req, now) => inWindow(minuteOfDay(now), from, to));
  }

  const matches: (req: MatchInput, now: number) => boolean =
    preds.length === 0
      ? () => true
      : (req, now) => {
          for (let i = 0; i < preds.length; i++) if (!preds[i](req, now)) return false;
          return true;
        };

  return {
    name: rule.name ?? `rules[${index}]`,
    matches,
    probability: when.probability ?? null,
    response: toResponse(rule.then),
  };
}

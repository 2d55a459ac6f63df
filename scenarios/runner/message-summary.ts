// A message as the engine stored it, reduced to what a run's result needs: its state and its attempts.
// In-process it comes from the store itself; against an external engine from GET /v1/messages/:id.
import type { MessageView } from '../../engine/api/message-view.ts';
import type { GatewayName } from '../../engine/channel.ts';
import type { AttemptOutcome, MessageRecord, MessageState } from '../../engine/message.ts';
import { emptyTimeline, type MessageTimeline } from './run-observer.ts';

export interface AttemptSummary {
  gateway: GatewayName;
  leg: number;
  outcome: AttemptOutcome;
  code?: string;
  gatewayIds: readonly string[];
  startedAt: number;
  endedAt?: number;
}

export interface MessageSummary {
  id: string;
  state: MessageState;
  reason?: string;
  attempts: AttemptSummary[];
}

export function summaryOfRecord(r: MessageRecord): MessageSummary {
  return {
    id: r.id,
    state: r.state,
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    attempts: r.attempts.map((a) => ({
      gateway: a.gateway,
      leg: a.leg,
      outcome: a.outcome,
      ...(a.code !== undefined ? { code: a.code } : {}),
      gatewayIds: a.gatewayIds,
      startedAt: a.startedAt,
      ...(a.endedAt !== undefined ? { endedAt: a.endedAt } : {}),
    })),
  };
}

export function summaryOfView(v: MessageView): MessageSummary {
  return {
    id: v.id,
    state: v.state,
    ...(v.reason !== null ? { reason: v.reason } : {}),
    attempts: v.attempts.map((a) => ({
      gateway: a.gateway,
      leg: a.leg,
      outcome: a.outcome,
      ...(a.code !== null ? { code: a.code } : {}),
      gatewayIds: a.gatewayIds,
      startedAt: Date.parse(a.startedAt),
      ...(a.endedAt !== null ? { endedAt: Date.parse(a.endedAt) } : {}),
    })),
  };
}

const REPORT_OF: Partial<Record<AttemptOutcome, string>> = { delivered: 'delivered', failed: 'undeliverable', expired: 'expired', 'not-capable': 'not-capable' };

/**
 * A timeline rebuilt from what the API shows (an external engine sends no events); `offset` maps the
 * engine's clock to the scenario clock. A fallback's time is the next leg's first try.
 */
export function timelineOfView(v: MessageView, intakeState: MessageState, offset: (engineMs: number) => number): MessageTimeline {
  const t = emptyTimeline(v.id, offset(Date.parse(v.createdAt)), intakeState);
  const s = summaryOfView(v);
  for (const a of s.attempts) {
    if (a.gatewayIds.length > 0) t.submitted.push({ gateway: a.gateway, at: offset(a.startedAt) });
    const report = REPORT_OF[a.outcome];
    if (report !== undefined && a.endedAt !== undefined) t.reports.push({ gateway: a.gateway, outcome: report, final: true, at: offset(a.endedAt) });
  }
  v.fallbacks.forEach((f, i) => {
    const nextLeg = s.attempts.find((a) => a.gateway === f.to && a.leg > i);
    t.fallbacks.push({ from: f.from, to: f.to, trigger: f.trigger, at: nextLeg === undefined ? t.acceptedAt : offset(nextLeg.startedAt) });
  });
  if (['delivered', 'failed', 'expired', 'cancelled'].includes(v.state)) {
    t.final = { state: v.state, at: offset(Date.parse(v.updatedAt)), ...(v.reason !== null ? { reason: v.reason } : {}) };
    t.finals = 1;
  }
  return t;
}

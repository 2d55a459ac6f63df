// Reports: a gateway's delivery report is matched to its message by gateway id (a memory map while
// the engine runs; the store's gateway-id index for messages this process did not submit, e.g. after
// a restart), recorded on the attempt, and decides the message: delivered, a fallback trigger, or a
// final failure. Reports for an attempt that is no longer current (the message moved to another leg,
// or is already final) are recorded in the attempt history and change nothing else.
import type { ChannelReport, GatewayName } from '../channel.ts';
import type { AttemptOutcome, AttemptRecord, MessageRecord } from '../message.ts';
import { isFinal } from '../message.ts';
import type { DispatchStep } from '../pipeline/dispatch-step.ts';
import type { Job, PipelineContext } from '../pipeline/pipeline-context.ts';
import { lastAttempt } from '../pipeline/pipeline-context.ts';
import { createDeadlineWheel } from '../schedule/deadline-wheel.ts';
import { createEarlyReports } from './early-reports.ts';
import type { FinalStatus } from './final-status.ts';

export interface ReportStep {
  /** The gateway accepted `attempt`: correlate its ids and wait for a final report until `deadline`. */
  track(job: Job, attempt: AttemptRecord, deadline: number): void;
  handle(report: ChannelReport): void;
  /** Park reports until release() (while resume rebuilds the correlation). */
  hold(): void;
  release(): void;
  stats(): { correlated: number; deadlines: number; early: number; unmatched: number };
  stop(): void;
}

/**
 * How long a report with no known gateway id is kept: a gateway may report before the engine has
 * seen its submit answer (both can arrive in one read), and the id becomes known a moment later.
 */
const EARLY_HOLD_MS = 60_000;
const DEADLINE_RESOLUTION_MS = 1000;

const ATTEMPT_OUTCOME: Record<ChannelReport['outcome'], AttemptOutcome> = {
  delivered: 'delivered',
  undeliverable: 'failed',
  rejected: 'failed',
  unknown: 'failed',
  expired: 'expired',
  'not-capable': 'not-capable',
};

/** Outcomes an attempt can still change from when a late final report comes. */
const OPEN_OUTCOMES: ReadonlySet<AttemptOutcome> = new Set(['submitted', 'no-report', 'timeout', 'pending']);

function findAttempt(r: MessageRecord, gateway: GatewayName, gatewayId: string): AttemptRecord | undefined {
  for (let i = r.attempts.length - 1; i >= 0; i--) {
    const a = r.attempts[i];
    if (a.gateway === gateway && a.gatewayIds.includes(gatewayId)) return a;
  }
  return undefined;
}

export function createReportStep(deps: { ctx: PipelineContext; dispatch: () => DispatchStep; final: FinalStatus }): ReportStep {
  const { ctx, final } = deps;
  const { clock, writer, metrics, events } = ctx;
  const byGateway = new Map<GatewayName, Map<string, Job>>();
  const early = createEarlyReports<ChannelReport>(clock, EARLY_HOLD_MS, (k, parked) => {
    unmatched += parked.length;
    ctx.log(`report ${k.replace('\u0000', ' ')} matched no message`);
  });
  let held: ChannelReport[] | null = null;
  let unmatched = 0;

  const mapOf = (gw: GatewayName): Map<string, Job> => {
    let m = byGateway.get(gw);
    if (m === undefined) {
      m = new Map();
      byGateway.set(gw, m);
    }
    return m;
  };
  const earlyKey = (gw: GatewayName, id: string): string => `${gw}\u0000${id}`;

  const deadlines = createDeadlineWheel<Job>(clock, DEADLINE_RESOLUTION_MS, (jobs) => {
    const now = clock.now();
    for (const job of jobs) {
      const r = job.record;
      const a = lastAttempt(r);
      if (r.state !== 'submitted' || a === undefined || a.outcome !== 'submitted' || job.cancelled) continue;
      untrack(a);
      a.outcome = 'no-report';
      a.endedAt = now;
      deps.dispatch().trigger(job, 'no-report', 'no-report', 'expired');
    }
  });

  function untrack(a: AttemptRecord): void {
    const m = byGateway.get(a.gateway);
    if (m !== undefined) for (const id of a.gatewayIds) m.delete(id);
  }

  function recordLate(r: MessageRecord, a: AttemptRecord, rep: ChannelReport): void {
    if (!OPEN_OUTCOMES.has(a.outcome)) return;
    a.outcome = ATTEMPT_OUTCOME[rep.outcome];
    a.code = rep.code;
    a.endedAt = rep.at;
    writer.mark(r);
  }

  function apply(job: Job, rep: ChannelReport): void {
    const r = job.record;
    const a = findAttempt(r, rep.gateway, rep.gatewayId);
    if (a === undefined) return;
    const current = r.state === 'submitted' && a === lastAttempt(r) && a.outcome === 'submitted';
    metrics.report(rep.gateway, rep.outcome);
    if (events.active) events.emit({ type: 'report', id: r.id, gateway: rep.gateway, gatewayId: rep.gatewayId, outcome: rep.outcome, final: rep.final, late: !current, at: clock.now() });
    // Intermediate notifications (enroute, sent to handset) change no state.
    if (!rep.final) return;
    if (!current) {
      recordLate(r, a, rep);
      return;
    }
    untrack(a);
    deadlines.remove(job);
    a.outcome = ATTEMPT_OUTCOME[rep.outcome];
    a.code = rep.code;
    a.endedAt = clock.now();
    const dispatch = deps.dispatch();
    switch (rep.outcome) {
      case 'delivered':
        final.finalize(job, 'delivered');
        return;
      case 'not-capable':
        dispatch.trigger(job, 'not-capable', 'not-capable');
        return;
      case 'expired':
        // Falls back where the leg falls back on a failed delivery, else the message expired.
        dispatch.trigger(job, 'failed', 'expired', 'expired');
        return;
      default:
        dispatch.trigger(job, 'failed', rep.outcome);
    }
  }

  function jobOfRef(ref: string | undefined): Job | undefined {
    if (ref === undefined) return undefined;
    const dot = ref.lastIndexOf('.');
    return dot > 0 ? ctx.jobs.get(ref.slice(0, dot)) : undefined;
  }

  function miss(rep: ChannelReport): void {
    // A message in memory whose attempt already has this id: a report for an attempt no longer
    // waited on (moved to another leg, or accepted after its try timed out). Recorded at once.
    const refJob = jobOfRef(rep.ref);
    if (refJob !== undefined && findAttempt(refJob.record, rep.gateway, rep.gatewayId) !== undefined) {
      apply(refJob, rep);
      return;
    }
    // An intermediate notification changes nothing: not worth a store read (RCS 'displayed' follows
    // every delivered RCS message, after it left memory).
    if (!rep.final) {
      metrics.report(rep.gateway, rep.outcome);
      return;
    }
    const k = earlyKey(rep.gateway, rep.gatewayId);
    const parked = early.get(k);
    if (parked !== undefined) {
      parked.push(rep);
      return;
    }
    early.hold(k, rep);
    // A message this process is sending gets its ids through track(); only others need the store.
    if (refJob !== undefined) return;
    ctx.store.findByGatewayId(rep.gateway, rep.gatewayId).then(
      (id) => (id === null ? undefined : fromStore(k, id)),
      (err: unknown) => ctx.log(`report ${rep.gateway} ${rep.gatewayId}: store lookup failed: ${(err as Error).message}`),
    );
  }

  async function fromStore(k: string, id: string): Promise<void> {
    const job = ctx.jobs.get(id);
    if (job !== undefined) {
      const parked = early.get(k);
      if (parked === undefined) return;
      const [first] = parked;
      // The attempt carries the id already: apply now; else track() will pick the reports up.
      if (findAttempt(job.record, first.gateway, first.gatewayId) === undefined) return;
      early.take(k);
      for (const rep of parked) apply(job, rep);
      return;
    }
    const r = await ctx.store.get(id);
    const parked = early.get(k);
    if (r === null || parked === undefined) return;
    if (ctx.jobs.has(id)) return fromStore(k, id);
    early.take(k);
    if (!isFinal(r.state)) {
      ctx.log(`report for message ${id} (${r.state}) that is not in memory: recorded only`);
    }
    for (const rep of parked) {
      const a = findAttempt(r, rep.gateway, rep.gatewayId);
      metrics.report(rep.gateway, rep.outcome);
      if (events.active) events.emit({ type: 'report', id, gateway: rep.gateway, gatewayId: rep.gatewayId, outcome: rep.outcome, final: rep.final, late: true, at: clock.now() });
      if (a !== undefined && rep.final) recordLate(r, a, rep);
    }
  }

  function handle(rep: ChannelReport): void {
    if (held !== null) {
      held.push(rep);
      return;
    }
    const job = byGateway.get(rep.gateway)?.get(rep.gatewayId);
    if (job !== undefined) apply(job, rep);
    else miss(rep);
  }

  return {
    track(job, attempt, deadline) {
      const m = mapOf(attempt.gateway);
      for (const id of attempt.gatewayIds) m.set(id, job);
      deadlines.add(job, deadline);
      if (early.size === 0) return;
      for (const id of attempt.gatewayIds) {
        const k = earlyKey(attempt.gateway, id);
        const parked = early.take(k);
        if (parked !== undefined) for (const rep of parked) apply(job, rep);
      }
    },
    handle,
    hold() {
      held ??= [];
    },
    release() {
      const parked = held ?? [];
      held = null;
      for (const rep of parked) handle(rep);
    },
    stats: () => {
      let correlated = 0;
      for (const m of byGateway.values()) correlated += m.size;
      return { correlated, deadlines: deadlines.size(), early: early.size, unmatched };
    },
    stop() {
      deadlines.clear();
      early.clear();
    },
  };
}

// Reports: a gateway's delivery report is matched to its message by gateway id (a memory map while
// the engine runs; the store's gateway-id index for messages this process did not submit, e.g. after
// a restart), recorded on the attempt, and decides the message: delivered, a fallback trigger, or a
// final failure. Reports for an attempt that is no longer current (the message moved to another leg,
// or is already final) are recorded in the attempt history and change nothing else.
// handle() answers when the gateway may be told the report arrived: once the change it caused is
// committed (the writer's batch promise, one per commit however many reports it holds), so a receipt
// the gateway will not send again is never only in memory when the engine dies.
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
  /**
   * Resolves once the change the report caused is committed; at once when it changes nothing (an
   * intermediate notification, an attempt already ended, an id the store does not know). A report
   * waiting for its message (an id not known yet, or held during resume) answers once it was applied.
   * Rejects when the commit failed, so the gateway is asked to send the report again.
   */
  handle(report: ChannelReport): Promise<void>;
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

/** A report waiting for its message, or for release(); done() is given what its acknowledgement waits for. */
interface Parked {
  rep: ChannelReport;
  done(commit: Promise<void>): void;
}

const DONE: Promise<void> = Promise.resolve();

function park(rep: ChannelReport): { entry: Parked; ack: Promise<void> } {
  let done!: (commit: Promise<void>) => void;
  const ack = new Promise<void>((resolve) => {
    done = resolve;
  });
  // A listener that ignores the answer must not turn a failed commit into an unhandled rejection.
  ack.catch(() => {});
  return { entry: { rep, done }, ack };
}

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
  const early = createEarlyReports<Parked>(clock, EARLY_HOLD_MS, (k, parked) => {
    unmatched += parked.length;
    ctx.log(`report ${k.replace('\u0000', ' ')} matched no message`);
    for (const e of parked) e.done(DONE);
  });
  let held: Parked[] | null = null;
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

  function recordLate(r: MessageRecord, a: AttemptRecord, rep: ChannelReport): Promise<void> {
    if (!OPEN_OUTCOMES.has(a.outcome)) return DONE;
    a.outcome = ATTEMPT_OUTCOME[rep.outcome];
    a.code = rep.code;
    a.endedAt = rep.at;
    return writer.write(r);
  }

  function apply(job: Job, rep: ChannelReport): Promise<void> {
    const r = job.record;
    const a = findAttempt(r, rep.gateway, rep.gatewayId);
    if (a === undefined) return DONE;
    const current = r.state === 'submitted' && a === lastAttempt(r) && a.outcome === 'submitted';
    metrics.report(rep.gateway, rep.outcome);
    if (events.active) events.emit({ type: 'report', id: r.id, gateway: rep.gateway, gatewayId: rep.gatewayId, outcome: rep.outcome, final: rep.final, late: !current, at: clock.now() });
    // Intermediate notifications (enroute, sent to handset) change no state.
    if (!rep.final) return DONE;
    if (!current) return recordLate(r, a, rep);
    untrack(a);
    deadlines.remove(job);
    a.outcome = ATTEMPT_OUTCOME[rep.outcome];
    a.code = rep.code;
    a.endedAt = clock.now();
    const dispatch = deps.dispatch();
    switch (rep.outcome) {
      case 'delivered':
        final.finalize(job, 'delivered');
        break;
      case 'not-capable':
        dispatch.trigger(job, 'not-capable', 'not-capable');
        break;
      case 'expired':
        // Falls back where the leg falls back on a failed delivery, else the message expired.
        dispatch.trigger(job, 'failed', 'expired', 'expired');
        break;
      default:
        dispatch.trigger(job, 'failed', rep.outcome);
    }
    // The steps above have queued the record already (same batch); this hands back that batch's promise.
    return writer.write(r);
  }

  /** A report for a message that is no longer in the pipeline: counted, and recorded on its attempt. */
  function late(r: MessageRecord, rep: ChannelReport): Promise<void> {
    const a = findAttempt(r, rep.gateway, rep.gatewayId);
    metrics.report(rep.gateway, rep.outcome);
    if (events.active) events.emit({ type: 'report', id: r.id, gateway: rep.gateway, gatewayId: rep.gatewayId, outcome: rep.outcome, final: rep.final, late: true, at: clock.now() });
    return a !== undefined && rep.final ? recordLate(r, a, rep) : DONE;
  }

  function idOfRef(ref: string | undefined): string | undefined {
    if (ref === undefined) return undefined;
    const dot = ref.lastIndexOf('.');
    return dot > 0 ? ref.slice(0, dot) : undefined;
  }

  function miss(rep: ChannelReport): Promise<void> {
    // A message in memory whose attempt already has this id: a report for an attempt no longer
    // waited on (moved to another leg, or accepted after its try timed out). Recorded at once.
    const refId = idOfRef(rep.ref);
    const refJob = refId === undefined ? undefined : ctx.jobs.get(refId);
    if (refJob !== undefined && findAttempt(refJob.record, rep.gateway, rep.gatewayId) !== undefined) return apply(refJob, rep);
    // A message that just became final (its deadline passed first) and is still being written.
    const closing = refId === undefined ? undefined : ctx.closing.get(refId);
    if (closing !== undefined && findAttempt(closing, rep.gateway, rep.gatewayId) !== undefined) return late(closing, rep);
    // An intermediate notification changes nothing: not worth a store read (RCS 'displayed' follows
    // every delivered RCS message, after it left memory).
    if (!rep.final) {
      metrics.report(rep.gateway, rep.outcome);
      return DONE;
    }
    const k = earlyKey(rep.gateway, rep.gatewayId);
    const { entry, ack } = park(rep);
    const parked = early.get(k);
    if (parked !== undefined) {
      parked.push(entry);
      return ack;
    }
    early.hold(k, entry);
    // A message this process is sending gets its ids through track(); only others need the store.
    if (refJob !== undefined) return ack;
    ctx.store
      .findByGatewayId(rep.gateway, rep.gatewayId)
      .then((id) => (id === null ? unknown(k) : fromStore(k, id)))
      .then(undefined, (err: unknown) => {
        ctx.log(`report ${rep.gateway} ${rep.gatewayId}: store lookup failed: ${(err as Error).message}`);
        // Not acknowledged: the gateway sends them again, and that copy starts a fresh lookup.
        const parked = early.take(k);
        if (parked === undefined) return;
        const failed = Promise.reject(err as Error);
        for (const e of parked) e.done(failed);
      });
    return ack;
  }

  /**
   * The store knows no message with this id: nothing to commit, so the reports are acknowledged. They
   * stay parked, since a message being sent learns its ids only when the gateway's answer is handled.
   */
  function unknown(k: string): void {
    for (const e of early.get(k) ?? []) e.done(DONE);
  }

  async function fromStore(k: string, id: string): Promise<void> {
    const job = ctx.jobs.get(id);
    if (job !== undefined) {
      const parked = early.get(k);
      if (parked === undefined) return;
      const [first] = parked;
      // The attempt carries the id already: apply now; else track() will pick the reports up.
      if (findAttempt(job.record, first.rep.gateway, first.rep.gatewayId) === undefined) return;
      early.take(k);
      for (const e of parked) e.done(apply(job, e.rep));
      return;
    }
    // A final record not committed yet is newer than anything the store can answer.
    const closing = ctx.closing.get(id) ?? null;
    const r = closing ?? (await ctx.store.get(id));
    const parked = early.get(k);
    if (parked === undefined) return;
    if (r === null) return unknown(k);
    if (ctx.jobs.has(id)) return fromStore(k, id);
    // The message became final while the store was read: its stored copy is older than that.
    if (closing === null && ctx.closing.has(id)) return fromStore(k, id);
    early.take(k);
    if (!isFinal(r.state)) {
      ctx.log(`report for message ${id} (${r.state}) that is not in memory: recorded only`);
    }
    for (const { rep, done } of parked) done(late(r, rep));
  }

  function handle(rep: ChannelReport): Promise<void> {
    if (held !== null) {
      const { entry, ack } = park(rep);
      held.push(entry);
      return ack;
    }
    const job = byGateway.get(rep.gateway)?.get(rep.gatewayId);
    return job !== undefined ? apply(job, rep) : miss(rep);
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
        if (parked !== undefined) for (const e of parked) e.done(apply(job, e.rep));
      }
    },
    handle,
    hold() {
      held ??= [];
    },
    release() {
      const parked = held ?? [];
      held = null;
      for (const e of parked) e.done(handle(e.rep));
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

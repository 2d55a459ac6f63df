// Dispatch: send a routed message on one leg of its route plan through that gateway's dispatcher
// (TPS, window, timeout, retries, circuit breaker), and move it to the next leg when a fallback
// trigger fires. Before each try the engine writes a 'pending' attempt and waits for the commit, so a
// crash can only duplicate sends that were in flight. An accepted send waits for its report (reports/).
import type { Channel, ChannelOutcome, GatewayName, OutboundMessage } from '../channel.ts';
import type { CapabilityCheck } from '../routing/capability-check.ts';
import { nextLeg } from '../routing/next-leg.ts';
import { transformForLeg } from '../compose/transform-content.ts';
import type { GatewayDispatcher, DispatchResult } from '../dispatch/gateway-dispatcher.ts';
import type { RouteLeg } from '../engine-config.ts';
import type { AttemptRecord, ComposedContent, FallbackTrigger } from '../message.ts';
import { isFinal } from '../message.ts';
import type { FinalStatus } from '../reports/final-status.ts';
import type { Job, PipelineContext } from './pipeline-context.ts';
import { lastAttempt } from './pipeline-context.ts';
import { createPriorityQueue, type PriorityQueue } from '../dispatch/priority-queue.ts';

export interface DispatchStepDeps {
  ctx: PipelineContext;
  channels: ReadonlyMap<GatewayName, Channel>;
  dispatchers: ReadonlyMap<GatewayName, GatewayDispatcher>;
  capability: CapabilityCheck | null;
  final: FinalStatus;
  /** The gateway accepted the current attempt: wait for its report until `deadline`. */
  onSubmitted(job: Job, attempt: AttemptRecord, deadline: number): void;
}

export interface DispatchStep {
  /** Send `job` on leg `legIndex` of its plan (the plan must be set). */
  startLeg(job: Job, legIndex: number): void;
  /**
   * A fallback trigger on the current leg: the next leg the plan names for it, else the message ends
   * `whenLast` ('failed', or 'expired' for a missing or expired report) with `reason`.
   */
  trigger(job: Job, trigger: FallbackTrigger, reason: string, whenLast?: 'failed' | 'expired'): void;
  /** A try that had timed out was accepted after all: keep its gateway ids so its reports are recorded. */
  lateAccept(msg: OutboundMessage, gatewayIds: string[]): void;
  /** Sends and capability queries under way. */
  inFlight(): number;
  /** Sends waiting for a window slot of their gateway. */
  queued(): number;
  /** A gateway's dispatcher has room again: start the sends waiting for it. */
  pump(gateway: GatewayName): void;
}

interface WaitingSend {
  job: Job;
  legIndex: number;
  leg: RouteLeg;
}

/** Thrown from beforeTry to abandon a send (cancelled, or the engine is stopping). */
class SendAbandoned extends Error {}
const ABANDONED = new SendAbandoned('send abandoned');

export function createDispatchStep(deps: DispatchStepDeps): DispatchStep {
  const { ctx, channels, dispatchers, capability, final } = deps;
  const { clock, writer, metrics, events, config } = ctx;
  let inFlight = 0;
  let waiting = 0;
  const queues = new Map<GatewayName, PriorityQueue<WaitingSend>>();
  const pumping = new Set<GatewayName>();

  function trigger(job: Job, why: FallbackTrigger, reason: string, whenLast: 'failed' | 'expired' = 'failed'): void {
    const r = job.record;
    if (isFinal(r.state) || job.cancelled) return;
    const plan = job.plan;
    const next = plan === null ? null : nextLeg(plan, r.leg, why);
    r.reason = reason;
    if (plan === null || next === null) {
      final.finalize(job, whenLast, reason);
      return;
    }
    const from = plan.legs[r.leg].gateway;
    const to = plan.legs[next].gateway;
    r.fallbacks.push({ from, to, trigger: why });
    metrics.fallback(why, from, to);
    if (events.active) events.emit({ type: 'fallback', id: r.id, from, to, trigger: why, at: clock.now() });
    startLeg(job, next);
  }

  function startLeg(job: Job, legIndex: number): void {
    const r = job.record;
    const leg = (job.plan as NonNullable<Job['plan']>).legs[legIndex];
    r.leg = legIndex;
    r.state = 'routed';
    r.dueAt = null;
    r.updatedAt = clock.now();
    // A first leg straight from routing is not written on its own: the pending attempt written before
    // the send carries it, and a record still 'accepted' after a crash is only routed again (a lookup,
    // never a duplicate). Under load most sends wait for a window slot, so this saves a write each.
    if (legIndex > 0 || r.attempts.length > 0) writer.mark(r);
    const dispatcher = dispatchers.get(leg.gateway);
    if (dispatcher === undefined) {
      trigger(job, 'unavailable', `${leg.gateway}-not-connected`);
      return;
    }
    if (leg.checkCapability && capability !== null) {
      job.sending = true;
      inFlight++;
      capability.check(job.to).then(
        (cap) => afterCapability(job, legIndex, leg, dispatcher, cap === 'not-capable'),
        () => afterCapability(job, legIndex, leg, dispatcher, false),
      );
      return;
    }
    send(job, legIndex, leg, dispatcher);
  }

  function afterCapability(job: Job, legIndex: number, leg: RouteLeg, dispatcher: GatewayDispatcher, notCapable: boolean): void {
    job.sending = false;
    inFlight--;
    if (job.cancelled || ctx.stopping || isFinal(job.record.state)) return;
    if (notCapable) trigger(job, 'not-capable', 'not-capable');
    else send(job, legIndex, leg, dispatcher);
  }

  // A send goes to the dispatcher only when it would start at once; the others wait in a plain queue
  // (dispatch/priority-queue.ts) until the dispatcher says it has room.
  function send(job: Job, legIndex: number, leg: RouteLeg, dispatcher: GatewayDispatcher): void {
    let q = queues.get(leg.gateway);
    if ((q === undefined || !q.blocks(job.priority)) && dispatcher.ready(job.priority)) {
      start(job, legIndex, leg, dispatcher);
      return;
    }
    if (q === undefined) queues.set(leg.gateway, (q = createPriorityQueue()));
    q.push(job.priority, { job, legIndex, leg });
    waiting++;
  }

  function pump(gateway: GatewayName): void {
    const q = queues.get(gateway);
    const dispatcher = dispatchers.get(gateway);
    if (q === undefined || dispatcher === undefined || pumping.has(gateway)) return;
    pumping.add(gateway);
    try {
      for (let p = q.next(); p !== null && !ctx.stopping && dispatcher.ready(p); p = q.next()) {
        const w = q.shift() as WaitingSend;
        waiting--;
        const r = w.job.record;
        if (w.job.cancelled || isFinal(r.state) || r.leg !== w.legIndex) continue;
        start(w.job, w.legIndex, w.leg, dispatcher);
      }
    } finally {
      pumping.delete(gateway);
    }
  }

  function start(job: Job, legIndex: number, leg: RouteLeg, dispatcher: GatewayDispatcher): void {
    const r = job.record;
    const req = r.request;
    let content: ComposedContent;
    try {
      content = transformForLeg(r.content, leg, { ad: req.ad, ...(req.optOut !== undefined ? { optOut: req.optOut } : {}) });
    } catch (err) {
      ctx.log(`message ${r.id}: content for leg ${legIndex} (${leg.gateway}) failed: ${(err as Error).message}`);
      final.finalize(job, 'failed', 'invalid-content');
      return;
    }
    const channel = channels.get(leg.gateway);
    if (channel !== undefined && !channel.carries.has(content.kind)) {
      trigger(job, 'unavailable', `${leg.gateway}-does-not-carry-${content.kind}`);
      return;
    }
    const reportTimeout = leg.reportTimeout ?? config.gateways[leg.gateway].policy.reportTimeout;
    const msg: OutboundMessage = { ref: `${r.id}.${legIndex}`, to: job.to, from: job.from, content, ad: req.ad, validityMs: reportTimeout };
    const kind = content.kind;
    job.sending = true;
    inFlight++;
    dispatcher
      .send(msg, job.priority, {
        beforeTry: () => beforeTry(job, legIndex, leg.gateway, kind),
        afterTry: (_n, outcome) => afterTry(job, leg.gateway, outcome),
      })
      .then(
        (res) => onResult(job, legIndex, leg, reportTimeout, res),
        (err: unknown) => onSendError(job, legIndex, err),
      );
  }

  function beforeTry(job: Job, legIndex: number, gateway: GatewayName, kind: ComposedContent['kind']): Promise<void> {
    const r = job.record;
    if (job.cancelled || ctx.stopping || isFinal(r.state)) return Promise.reject(ABANDONED);
    const now = clock.now();
    r.attempts.push({ messageId: r.id, seq: r.attempts.length + 1, leg: legIndex, gateway, contentKind: kind, gatewayIds: [], outcome: 'pending', startedAt: now });
    r.updatedAt = now;
    return writer.write(r);
  }

  function afterTry(job: Job, gateway: GatewayName, outcome: ChannelOutcome): void {
    const r = job.record;
    const a = lastAttempt(r);
    metrics.gatewayOutcome(gateway, outcome.kind === 'rejected' ? outcome.reason : outcome.kind);
    if (a === undefined || a.outcome !== 'pending') return;
    const now = clock.now();
    if (outcome.kind === 'accepted') {
      a.outcome = 'submitted';
      a.gatewayIds = outcome.gatewayIds;
    } else {
      a.outcome = outcome.kind === 'rejected' ? (outcome.reason === 'not-capable' ? 'not-capable' : 'rejected') : outcome.kind;
      a.code = outcome.kind === 'rejected' ? outcome.reason : outcome.kind === 'unavailable' ? outcome.why : 'timeout';
      a.endedAt = now;
    }
    r.updatedAt = now;
    writer.mark(r);
  }

  function onResult(job: Job, legIndex: number, leg: RouteLeg, reportTimeout: number, res: DispatchResult): void {
    job.sending = false;
    inFlight--;
    const r = job.record;
    if (isFinal(r.state) || job.cancelled || r.leg !== legIndex) return;
    // A send cut short by stop() leaves the message routed; the next start sends it again.
    if (ctx.stopping && res.kind !== 'accepted') return;
    switch (res.kind) {
      case 'accepted': {
        const a = lastAttempt(r);
        if (a === undefined || a.leg !== legIndex || (a.outcome !== 'pending' && a.outcome !== 'submitted')) return;
        a.outcome = 'submitted';
        a.gatewayIds = res.gatewayIds;
        const now = clock.now();
        const deadline = now + reportTimeout;
        r.state = 'submitted';
        r.dueAt = deadline;
        r.updatedAt = now;
        writer.mark(r);
        if (events.active) events.emit({ type: 'submitted', id: r.id, gateway: leg.gateway, leg: legIndex, gatewayIds: res.gatewayIds, at: now });
        deps.onSubmitted(job, a, deadline);
        return;
      }
      case 'rejected':
        if (res.reason === 'not-capable') trigger(job, 'not-capable', res.reason);
        else trigger(job, 'rejected', res.reason);
        return;
      case 'exhausted': {
        const last = res.last;
        trigger(job, 'unavailable', last.kind === 'rejected' ? last.reason : last.kind);
        return;
      }
      case 'circuit-open':
        trigger(job, 'circuit-open', 'circuit-open');
        return;
      case 'unavailable':
        trigger(job, 'unavailable', 'unavailable');
        return;
    }
  }

  function onSendError(job: Job, legIndex: number, err: unknown): void {
    job.sending = false;
    inFlight--;
    if (err === ABANDONED) return;
    const r = job.record;
    if (isFinal(r.state) || job.cancelled || ctx.stopping) return;
    // The pending attempt could not be written (store failure) or a hook threw: nothing was sent, so
    // the message stays routed and tries the same leg again a little later.
    ctx.log(`message ${r.id}: send on leg ${legIndex} abandoned: ${err instanceof Error ? err.message : String(err)}`);
    const a = lastAttempt(r);
    if (a !== undefined && a.outcome === 'pending') {
      a.outcome = 'unavailable';
      a.code = 'engine-error';
      a.endedAt = clock.now();
    }
    clock.setTimer(() => {
      if (!isFinal(r.state) && !job.cancelled && !ctx.stopping) startLeg(job, legIndex);
    }, 1000);
  }

  return {
    startLeg,
    trigger,
    lateAccept(msg, gatewayIds) {
      const dot = msg.ref.lastIndexOf('.');
      const job = ctx.jobs.get(msg.ref.slice(0, dot));
      if (job === undefined) return;
      const legIndex = Number(msg.ref.slice(dot + 1));
      const attempts = job.record.attempts;
      for (let i = attempts.length - 1; i >= 0; i--) {
        const a = attempts[i];
        if (a.leg === legIndex && a.outcome === 'timeout' && a.gatewayIds.length === 0) {
          // Recorded so its reports are found through the store (the message may be sent twice).
          a.gatewayIds = gatewayIds;
          a.code = 'accepted-after-timeout';
          writer.mark(job.record);
          return;
        }
      }
    },
    inFlight: () => inFlight,
    queued: () => waiting,
    pump,
  };
}

// The SMSVAS client: what the engine dispatches SMS through. Binds (with reconnect), a window per bind,
// response timeouts, TPS pacing and long-message segmentation underneath; submit() answers one outcome
// value per message, receipts and MO come back as events.
import { EventEmitter } from 'node:events';
import { createDrainWaiter } from '../../kit/drain-waiter.ts';
import { createReferenceBook } from '../../kit/reference-book.ts';
import { COMMAND_STATUS as S } from '../codec/command-status.ts';
import type { Pdu } from '../codec/pdu.ts';
import { SmsvasError } from '../smsvas-errors.ts';
import { createBindPool } from './bind-pool.ts';
import type { BindCommand, BindSession } from './bind-session.ts';
import { resolveClientOptions, type SmsvasClientOptions } from './client-options.ts';
import { deliverKind, readReceipt, type SmsvasMo, type SmsvasReport } from './deliver-reader.ts';
import { createMoAssembler } from './mo-assembler.ts';
import { rejectionFor, type Rejection } from './smpp-outcome-table.ts';
import { createSubmitDispatcher, type SubmitJob } from './submit-dispatcher.ts';
import { createSubmitPlanner, type SubmitMessage } from './submit-planner.ts';

export type SubmitOutcome =
  | { kind: 'accepted'; messageIds: string[]; segments: number; smscId: string }
  | Rejection
  /** `why` is set only for a message never written because its notAfter passed (NOT_SENT_LATE). */
  | { kind: 'timeout'; why?: string };

/** The `why` of a message dropped from the queue at its notAfter: certainly not sent. */
export const NOT_SENT_LATE = 'not sent: its notAfter passed while it waited in the queue';

export interface SmsvasClientStats {
  inFlight: number;
  queued: number;
  bindsUp: number;
  binds: number;
  reconnects: number;
  bindFailures: number;
  connectErrors: number;
  /** submit_sm written to the wire. */
  submitted: number;
  /** Messages never written because their notAfter passed while they were queued. */
  expired: number;
  accepted: number;
  rejected: number;
  timeouts: number;
  reports: number;
  mo: number;
  /** deliver_sm that could not be read as a receipt or an MO (acknowledged anyway). */
  unreadable: number;
}

export interface SmsvasClientEvents {
  report: [report: SmsvasReport];
  mo: [mo: SmsvasMo];
  bind: [e: { command: BindCommand; smscId: string; reconnect: boolean }];
  down: [e: { command: BindCommand; why: string }];
  error: [err: Error];
}

export interface SmsvasClient extends EventEmitter<SmsvasClientEvents> {
  connect(): Promise<void>;
  submit(msg: SubmitMessage): Promise<SubmitOutcome>;
  /**
   * True while no bind can submit and a bind attempt has failed since the last one went down: the SMSC
   * refuses or cannot be reached, so a submit now would only wait in the queue. False during the first
   * re-bind after a drop (usually quick), and whenever a bind is up.
   */
  unreachable(): boolean;
  close(): Promise<void>;
  stats(): SmsvasClientStats;
}

type State = 'idle' | 'connecting' | 'ready' | 'closing' | 'closed';

const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

export function createSmsvasClient(options: SmsvasClientOptions): SmsvasClient {
  const o = resolveClientOptions(options);
  const emitter = new EventEmitter<SmsvasClientEvents>();
  const planner = createSubmitPlanner(o);
  const references = createReferenceBook();
  const mo = createMoAssembler({ now: () => o.clock.now(), smscDefault: o.smscDefault });
  const counts = { submitted: 0, accepted: 0, rejected: 0, timeouts: 0, expired: 0, reports: 0, mo: 0, unreadable: 0 };
  let state: State = 'idle';
  let submitters: BindSession[] = [];
  /** Bind failures counted when the last submitting bind went down. */
  let failuresAtDown = 0;
  const drain = createDrainWaiter(o.clock);

  const dispatcher = createSubmitDispatcher({ clock: o.clock, tps: o.tps, tpsBurst: o.tpsBurst, onSent: () => counts.submitted++ });

  const inFlight = (): number => {
    let n = 0;
    for (const s of submitters) n += s.window.count;
    return n;
  };

  // A listener's bug must not stop the deliver_sm being acknowledged or the next PDU being read.
  // What the callback returned: a promise makes the deliver_sm_resp wait for it.
  function deliverSafely(fn: () => unknown): number | PromiseLike<unknown> {
    try {
      const wait = fn();
      return isThenable(wait) ? wait : S.ESME_ROK;
    } catch (err) {
      if (emitter.listenerCount('error') > 0) emitter.emit('error', err as Error);
      else process.nextTick(() => { throw err; });
      return S.ESME_ROK;
    }
  }

  function onDeliver(pdu: Pdu, session: BindSession): number | PromiseLike<unknown> {
    if (deliverKind(pdu) === 'receipt') {
      const report = readReceipt(pdu, session.smscId, o.receiptTimezone);
      if (!report) {
        counts.unreadable++;
        return S.ESME_ROK;
      }
      const reference = references.take(report.messageId, report.final);
      if (reference !== undefined) report.reference = reference;
      counts.reports++;
      return deliverSafely(() => {
        const wait = options.onReport?.(report);
        emitter.emit('report', report);
        return wait;
      });
    }
    const r = mo.add(pdu);
    if (r.kind === 'malformed') counts.unreadable++;
    if (r.kind !== 'complete') return S.ESME_ROK;
    counts.mo++;
    return deliverSafely(() => {
      const wait = options.onMo?.(r.mo);
      emitter.emit('mo', r.mo);
      return wait;
    });
  }

  const pool = createBindPool(o, {
    onDeliver,
    onRoom() {
      dispatcher.pump();
      if (drain.waiting && inFlight() === 0) drain.settled();
    },
    onTimeouts: (n) => void (counts.timeouts += n),
    onSubmitters(list) {
      if (list.length === 0 && submitters.length > 0) failuresAtDown = bindFailures();
      submitters = list;
      dispatcher.setSessions(list);
    },
    onBind: (e) => emitter.emit('bind', e),
    onDown: (e) => emitter.emit('down', e),
  });

  function bindFailures(): number {
    const s = pool.stats();
    return s.bindFailures + s.connectErrors;
  }

  function submitOne(fields: Record<string, unknown>, msg: SubmitMessage): Promise<SubmitOutcome> {
    return new Promise((resolve, reject) => {
      dispatcher.enqueue({
        fields,
        notAfter: msg.notAfter,
        expired() {
          counts.expired++;
          resolve({ kind: 'timeout', why: NOT_SENT_LATE });
        },
        done(resp, session) {
          if (session === null) return reject(new SmsvasError('SMSVAS_ERR_CLOSED', 'the client closed before this message was sent'));
          if (resp === null) return resolve({ kind: 'timeout' });
          if (resp.command_status !== S.ESME_ROK) {
            counts.rejected++;
            return resolve(rejectionFor(resp.command_status));
          }
          counts.accepted++;
          const id = String(resp.message_id ?? '');
          if (msg.reference !== undefined) references.put(id, msg.reference);
          resolve({ kind: 'accepted', messageIds: [id], segments: 1, smscId: session.smscId });
        },
      });
    });
  }

  function submitMany(parts: Record<string, unknown>[], msg: SubmitMessage): Promise<SubmitOutcome> {
    return new Promise((resolve, reject) => {
      const ids: string[] = new Array<string>(parts.length);
      let left = parts.length;
      let rejection: Rejection | null = null;
      let lost = false;
      let closed = false;
      let late = false;
      let smscId = '';
      const finish = () => {
        if (closed) return reject(new SmsvasError('SMSVAS_ERR_CLOSED', 'the client closed before every segment was sent'));
        if (late) {
          counts.expired++;
          return resolve({ kind: 'timeout', why: NOT_SENT_LATE });
        }
        if (rejection) return resolve(rejection);
        if (lost) return resolve({ kind: 'timeout' });
        if (msg.reference !== undefined) for (const id of ids) references.put(id, msg.reference);
        resolve({ kind: 'accepted', messageIds: ids, segments: parts.length, smscId });
      };
      const jobs: SubmitJob[] = parts.map((fields, i) => ({
        fields,
        // Only the first segment carries the deadline: once it is written the message has started and
        // the rest must follow; if it expires, the rest (queued behind it) are dropped with it.
        notAfter: i === 0 ? msg.notAfter : undefined,
        expired() {
          if (i === 0) for (let j = 1; j < jobs.length; j++) jobs[j].notAfter = Number.NEGATIVE_INFINITY;
          late = true;
          if (--left === 0) finish();
        },
        done(resp, session) {
          if (session === null) closed = true;
          else if (resp === null) lost = true;
          else if (resp.command_status !== S.ESME_ROK) {
            counts.rejected++;
            // The first refusal names the message's fate; later segments usually repeat it.
            rejection ??= rejectionFor(resp.command_status);
          } else {
            counts.accepted++;
            ids[i] = String(resp.message_id ?? '');
            smscId = session.smscId;
          }
          if (--left === 0) finish();
        },
      }));
      for (const job of jobs) dispatcher.enqueue(job);
    });
  }

  async function close(): Promise<void> {
    if (state === 'closed' || state === 'closing') return;
    const wasIdle = state === 'idle';
    state = 'closing';
    for (const job of dispatcher.drain()) job.done(null, null);
    dispatcher.stop();
    if (!wasIdle && inFlight() > 0) {
      await drain.wait(o.closeTimeoutMs);
    }
    await pool.stop(o.closeTimeoutMs);
    state = 'closed';
  }

  return Object.assign(emitter, {
    async connect() {
      if (state !== 'idle') throw new SmsvasError('SMSVAS_ERR_CONFIG', `connect() called while ${state}`);
      state = 'connecting';
      try {
        await pool.start();
      } catch (err) {
        for (const job of dispatcher.drain()) job.done(null, null);
        state = 'closed';
        throw err;
      }
      if (state === 'connecting') state = 'ready';
    },
    submit(msg: SubmitMessage): Promise<SubmitOutcome> {
      if (state === 'idle') return Promise.reject(new SmsvasError('SMSVAS_ERR_NOT_CONNECTED', 'call connect() before submit()'));
      if (state === 'closing' || state === 'closed') return Promise.reject(new SmsvasError('SMSVAS_ERR_CLOSED'));
      let parts: Record<string, unknown>[];
      try {
        parts = planner.plan(msg);
      } catch (err) {
        return Promise.reject(err);
      }
      return parts.length === 1 ? submitOne(parts[0], msg) : submitMany(parts, msg);
    },
    unreachable(): boolean {
      return submitters.length === 0 && state === 'ready' && bindFailures() > failuresAtDown;
    },
    close,
    stats(): SmsvasClientStats {
      return { inFlight: inFlight(), queued: dispatcher.queued, ...pool.stats(), ...counts };
    },
  });
}

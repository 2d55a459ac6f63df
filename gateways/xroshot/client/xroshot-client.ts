// The Xroshot client: what the engine dispatches off-net SMS, LMS and MMS through. Several registered
// MAS sessions (with reconnect), a window per session, response timeouts and per-session TPS pacing
// underneath; submit() answers one outcome value per message, reports come back as events.
import { EventEmitter } from 'node:events';
import { createDrainWaiter } from '../../kit/drain-waiter.ts';
import type { ReqReport } from '../codec/mas-message.ts';
import { MESSAGE_TYPE, MMS_SUBTYPE } from '../codec/message-type.ts';
import { XroshotError } from '../xroshot-errors.ts';
import { resolveClientOptions, type XroshotClientOptions } from './client-options.ts';
import { createSendDispatcher } from './send-dispatcher.ts';
import { createSessionPool, type SendJob } from './session-pool.ts';
import { rejectionOf, reportOf, type XroshotRejection, type XroshotReport } from './xroshot-report.ts';
import type { OutgoingMessage, SendAnswer } from './xroshot-session.ts';

export type XroshotMessageKind = 'sms' | 'lms' | 'mms';

export interface XroshotMessage {
  kind: XroshotMessageKind;
  /** The callback number (must be pre-registered with the carrier, or Result 115). */
  source: string;
  destination: string;
  text: string;
  /** LMS/MMS title. */
  subject?: string;
  /** MMS only: at least one file. */
  attachments?: Array<{ fileName: string; data: Buffer }>;
  /** MMS media kind (MessageSubType); default image. */
  media?: 'image' | 'audio' | 'video';
  /** The caller's id for this message; reports carry it back. */
  reference?: string;
  /**
   * Clock time (epoch ms) from which the caller no longer wants it sent: if it is still queued then
   * (no session registered, windows full, pacing), it is never written and resolves { kind: 'timeout', why }.
   */
  notAfter?: number;
}

export type SubmitOutcome =
  | { kind: 'accepted'; messageIds: string[]; groupId: string; customMessageId: string; sessionId: string }
  | XroshotRejection
  /** `why` is set only for a message never written because its notAfter passed (NOT_SENT_LATE). */
  | { kind: 'timeout'; why?: string };

/** The `why` of a message dropped from the queue at its notAfter: certainly not sent. */
export const NOT_SENT_LATE = 'not sent: its notAfter passed while it waited in the queue';

export interface XroshotClientStats {
  inFlight: number;
  queued: number;
  sessionsUp: number;
  sessions: number;
  reconnects: number;
  registFailures: number;
  connectErrors: number;
  /** req_send_message_2 written. */
  submitted: number;
  /** Messages never written because their notAfter passed while they were queued. */
  expired: number;
  accepted: number;
  rejected: number;
  timeouts: number;
  reports: number;
  /** Frames from the server that could not be read. */
  unreadable: number;
}

export interface XroshotClientEvents {
  report: [report: XroshotReport];
  regist: [e: { slot: number; sessionId: string; reconnect: boolean }];
  down: [e: { slot: number; why: string }];
  error: [err: Error];
}

export interface XroshotClient extends EventEmitter<XroshotClientEvents> {
  connect(): Promise<void>;
  submit(msg: XroshotMessage): Promise<SubmitOutcome>;
  /**
   * True while no session is registered and a connection or registration has failed since the last one
   * went down: the relay refuses or cannot be reached, so a submit now would only wait in the queue.
   */
  unreachable(): boolean;
  close(): Promise<void>;
  stats(): XroshotClientStats;
}

const MMS_MEDIA = { image: MMS_SUBTYPE.IMAGE, audio: MMS_SUBTYPE.AUDIO, video: MMS_SUBTYPE.VIDEO } as const;
const MAX_REFERENCES = 1_000_000;

/** The plain req_send_message_2 content of a message; throws XROSHOT_ERR_BAD_MESSAGE. */
export function outgoingOf(msg: XroshotMessage): OutgoingMessage {
  const bad = (why: string) => new XroshotError('XROSHOT_ERR_BAD_MESSAGE', why);
  if (!msg.source) throw bad('source (callback number) is empty');
  if (!msg.destination) throw bad('destination is empty');
  const base = { callback: msg.source, recipients: [msg.destination], subject: msg.subject ?? '', text: msg.text ?? '', attachments: [] };
  switch (msg.kind) {
    case 'sms':
      return { ...base, messageType: MESSAGE_TYPE.SMS, messageSubType: 1, subject: '' };
    case 'lms':
      return { ...base, messageType: MESSAGE_TYPE.MMS, messageSubType: MMS_SUBTYPE.TEXT };
    case 'mms': {
      const files = msg.attachments ?? [];
      if (files.length === 0) throw bad('an MMS needs at least one attachment (send text alone as lms)');
      const media = msg.media ?? 'image';
      if (!(media in MMS_MEDIA)) throw bad(`media must be image, audio or video, got ${String(media)}`);
      return {
        ...base,
        messageType: MESSAGE_TYPE.MMS,
        messageSubType: MMS_MEDIA[media],
        attachments: files.map((f) => ({ fileName: f.fileName, data: f.data.toString('base64') })),
      };
    }
    default:
      throw bad(`kind must be sms, lms or mms, got ${String((msg as { kind: unknown }).kind)}`);
  }
}

type State = 'idle' | 'connecting' | 'ready' | 'closing' | 'closed';

const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

export function createXroshotClient(options: XroshotClientOptions): XroshotClient {
  const o = resolveClientOptions(options);
  const emitter = new EventEmitter<XroshotClientEvents>();
  const references = new Map<string, string>();
  const counts = { submitted: 0, accepted: 0, rejected: 0, timeouts: 0, expired: 0, reports: 0, unreadable: 0 };
  let state: State = 'idle';
  const drain = createDrainWaiter(o.clock);
  const dispatcher = createSendDispatcher<SendJob>({ clock: o.clock, burst: o.tpsBurst, notAfter: (job) => job.notAfter, onExpired: (job) => job.expired() });
  let registered = 0;
  /** Session failures counted when the last registered session went down. */
  let failuresAtDown = 0;

  // A listener's bug must not stop the report being acknowledged or the next frame being read. A
  // promise onReport returns is what the res_report waits for.
  function emitSafely(report: XroshotReport): number | PromiseLike<unknown> {
    try {
      const wait = options.onReport?.(report);
      emitter.emit('report', report);
      return isThenable(wait) ? wait : 0;
    } catch (err) {
      if (emitter.listenerCount('error') > 0) emitter.emit('error', err as Error);
      else process.nextTick(() => { throw err; });
      return 0;
    }
  }

  function onReport(req: ReqReport): number | PromiseLike<unknown> {
    const report = reportOf(req, o.clock.now());
    const reference = references.get(req.jobId);
    if (reference !== undefined) {
      references.delete(req.jobId);
      report.reference = reference;
    }
    counts.reports++;
    return emitSafely(report);
  }

  const pool = createSessionPool(o, {
    onReport,
    onRoom() {
      dispatcher.pump();
      if (drain.waiting && pool.inFlight() === 0) drain.settled();
    },
    onTimeouts: (n) => void (counts.timeouts += n),
    onUnreadable: () => void counts.unreadable++,
    onSent: () => void counts.submitted++,
    onTargets(targets) {
      if (targets.length === 0 && registered > 0) failuresAtDown = sessionFailures();
      registered = targets.length;
      dispatcher.setTargets(targets);
    },
    onRegist: (e) => emitter.emit('regist', e),
    onDown: (e) => emitter.emit('down', e),
  });

  function sessionFailures(): number {
    const s = pool.stats();
    return s.registFailures + s.connectErrors;
  }

  function remember(jobId: string, reference: string): void {
    // Reports that never come must not grow the book forever: the oldest entry goes first.
    if (references.size >= MAX_REFERENCES) references.delete(references.keys().next().value as string);
    references.set(jobId, reference);
  }

  function outcomeOf(answer: SendAnswer, msg: XroshotMessage, sessionId: string): SubmitOutcome {
    const { all } = answer;
    const jobIds = all.jobIds.map((j) => j.jobId).filter((id) => id !== '');
    if (all.result !== 0 || jobIds.length === 0) {
      counts.rejected++;
      // A refused recipient names its own Result; the overall one may only say "not all taken".
      const recipientResult = answer.recipients().find((r) => r.result !== 0)?.result;
      return rejectionOf(all.result !== 0 ? all.result : (recipientResult ?? 1));
    }
    counts.accepted++;
    if (msg.reference !== undefined) for (const id of jobIds) remember(id, msg.reference);
    return { kind: 'accepted', messageIds: jobIds, groupId: all.groupId, customMessageId: all.customMessageId, sessionId };
  }

  async function close(): Promise<void> {
    if (state === 'closed' || state === 'closing') return;
    const wasIdle = state === 'idle';
    state = 'closing';
    for (const job of dispatcher.drain()) job.done(null, null);
    dispatcher.stop();
    if (!wasIdle && pool.inFlight() > 0) {
      await drain.wait(o.closeTimeoutMs);
    }
    await pool.stop(o.closeTimeoutMs);
    state = 'closed';
  }

  return Object.assign(emitter, {
    async connect() {
      if (state !== 'idle') throw new XroshotError('XROSHOT_ERR_CONFIG', `connect() called while ${state}`);
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
    submit(msg: XroshotMessage): Promise<SubmitOutcome> {
      if (state === 'idle') return Promise.reject(new XroshotError('XROSHOT_ERR_NOT_CONNECTED', 'call connect() before submit()'));
      if (state === 'closing' || state === 'closed') return Promise.reject(new XroshotError('XROSHOT_ERR_CLOSED'));
      let message: OutgoingMessage;
      try {
        message = outgoingOf(msg);
      } catch (err) {
        return Promise.reject(err);
      }
      return new Promise<SubmitOutcome>((resolve, reject) => {
        dispatcher.enqueue({
          message,
          notAfter: msg.notAfter,
          expired() {
            counts.expired++;
            resolve({ kind: 'timeout', why: NOT_SENT_LATE });
          },
          done(answer, session) {
            if (session === null) return reject(new XroshotError('XROSHOT_ERR_CLOSED', 'the client closed before this message was sent'));
            if (answer === null) return resolve({ kind: 'timeout' });
            resolve(outcomeOf(answer, msg, session.sessionId));
          },
        });
      });
    },
    unreachable(): boolean {
      return registered === 0 && state === 'ready' && sessionFailures() > failuresAtDown;
    },
    close,
    stats(): XroshotClientStats {
      return { inFlight: pool.inFlight(), queued: dispatcher.queued, ...pool.stats(), ...counts };
    },
  });
}

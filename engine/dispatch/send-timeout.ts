// A per-send timeout around Channel.send: no answer within timeoutMs -> { kind: 'timeout' }. Every
// try has the same timeout, so the kit's pending-request window (one timer for the oldest) covers them
// all without a timer per send. An answer arriving after its timeout is counted and, when it is an
// acceptance, handed to onLateAccept: the gateway took the message, and its reports will come.
// A channel that throws or rejects answers { kind: 'unavailable' } for that send, never an exception.
import type { Clock } from '../../gateways/kit/clock.ts';
import { createPendingRequests } from '../../gateways/kit/pending-requests.ts';
import type { Channel, ChannelOutcome, OutboundMessage } from '../channel.ts';

export type AcceptedOutcome = Extract<ChannelOutcome, { kind: 'accepted' }>;

export interface SendTimeoutOptions {
  channel: Pick<Channel, 'send'>;
  timeoutMs: number;
  clock: Clock;
  onLateAccept?: (msg: OutboundMessage, outcome: AcceptedOutcome) => void;
}

export interface TimedSender {
  send(msg: OutboundMessage): Promise<ChannelOutcome>;
  /** Sends awaiting their answer. */
  readonly pending: number;
  readonly timeouts: number;
  /** Answers that came after their send had timed out (or the sender closed). */
  readonly late: number;
  /** Late acceptances whose onLateAccept hook threw (a bug in the hook; the sender carries on). */
  readonly hookErrors: number;
  /** Settles every pending send as unavailable ('dispatcher closed') and stops the timer. */
  close(): void;
}

const TIMEOUT: ChannelOutcome = Object.freeze({ kind: 'timeout' });
const CLOSED: ChannelOutcome = Object.freeze({ kind: 'unavailable', why: 'dispatcher closed' });

export function unavailableFrom(err: unknown): ChannelOutcome {
  return { kind: 'unavailable', why: err instanceof Error ? err.message : String(err) };
}

export function createSendTimeout(opts: SendTimeoutOptions): TimedSender {
  const { channel, onLateAccept } = opts;
  let timeouts = 0;
  let late = 0;
  let hookErrors = 0;
  let closed = false;
  let seq = 0;
  const pending = createPendingRequests<ChannelOutcome, number>({
    size: Number.POSITIVE_INFINITY,
    timeoutMs: opts.timeoutMs,
    clock: opts.clock,
    onTimeout: (n) => {
      timeouts += n;
    },
  });

  function lateAnswer(msg: OutboundMessage, outcome: ChannelOutcome): void {
    late++;
    if (outcome.kind !== 'accepted' || onLateAccept === undefined) return;
    try {
      onLateAccept(msg, outcome);
    } catch {
      // Thrown inside a promise callback it would surface as an unhandled rejection.
      hookErrors++;
    }
  }

  return {
    send(msg) {
      if (closed) return Promise.resolve(CLOSED);
      let answer: Promise<ChannelOutcome>;
      try {
        // The instant this try times out, on a copy: a message the channel still holds queued then
        // is never written, so a retry or fallback cannot make it go out twice.
        answer = channel.send({ ...msg, notAfter: opts.clock.now() + opts.timeoutMs });
      } catch (err) {
        return Promise.resolve(unavailableFrom(err));
      }
      if (typeof answer?.then !== 'function') return Promise.resolve(unavailableFrom(new TypeError('channel send() did not return a promise')));
      const key = seq++;
      const settled = new Promise<ChannelOutcome>((resolve) => {
        pending.add(key, (outcome) => resolve(outcome ?? (closed ? CLOSED : TIMEOUT)));
      });
      answer.then(
        (outcome) => {
          if (!pending.resolve(key, outcome)) lateAnswer(msg, outcome);
        },
        (err: unknown) => {
          if (!pending.resolve(key, unavailableFrom(err))) late++;
        },
      );
      return settled;
    },
    get pending() {
      return pending.count;
    },
    get timeouts() {
      return timeouts;
    },
    get late() {
      return late;
    },
    get hookErrors() {
      return hookErrors;
    },
    close() {
      closed = true;
      pending.stop();
      pending.abandonAll();
    },
  };
}

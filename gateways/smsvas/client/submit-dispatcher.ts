// Queued submit_sm -> bound sessions: round-robin over the binds that can submit and have window room,
// paced by a token bucket when a TPS is set. Nothing is refused for being early or for a full window:
// it waits in the queue. A job whose notAfter has passed when its turn comes is not written: its caller
// has given up (and may have sent it again), so it is answered expired instead.
import type { Clock } from '../../kit/clock.ts';
import { createDispatchQueue } from '../../kit/dispatch-queue.ts';
import { createTokenBucket, type TokenBucket } from '../../kit/token-bucket.ts';
import type { Pdu } from '../codec/pdu.ts';
import type { BindSession } from './bind-session.ts';

export interface SubmitJob {
  fields: Record<string, unknown>;
  /** Clock time from which this submit_sm must no longer be written; undefined: no deadline. */
  notAfter?: number;
  /** resp null: no response (timeout or session lost); session null: never sent (the client closed). */
  done(resp: Pdu | null, session: BindSession | null): void;
  /** Its notAfter came before its turn: it was never written. */
  expired(): void;
}

export interface SubmitDispatcher {
  enqueue(job: SubmitJob): void;
  pump(): void;
  setSessions(sessions: BindSession[]): void;
  readonly queued: number;
  /** Removes every job not yet sent and returns them. */
  drain(): SubmitJob[];
  stop(): void;
}

export function createSubmitDispatcher(opts: { clock: Clock; tps: number | null; tpsBurst: number; onSent?: () => void }): SubmitDispatcher {
  // One bucket for the whole client: the SMSC's TPS applies to the account, not to a bind.
  const bucket: TokenBucket | null = opts.tps === null ? null : createTokenBucket({ rate: opts.tps, burst: opts.tpsBurst }, opts.clock);
  const paceMs = opts.tps === null ? 0 : Math.max(1, 1000 / opts.tps);
  let sessions: BindSession[] = [];
  let next = 0;
  let waitMs = 0;
  // A token taken for a job that then turned out expired: the next job uses it instead of the bucket,
  // so a backlog of expired jobs does not eat the rate of the live ones behind it.
  let refund = false;

  function pickSession(): BindSession | null {
    const n = sessions.length;
    for (let i = 0; i < n; i++) {
      const s = sessions[(next + i) % n];
      if (s.canSubmit && s.window.hasRoom()) {
        next = (next + i + 1) % n;
        return s;
      }
    }
    return null;
  }

  const queue = createDispatchQueue<SubmitJob, BindSession>({
    clock: opts.clock,
    pick() {
      waitMs = 0;
      const s = pickSession();
      if (!s) return null;
      if (refund) refund = false;
      else if (bucket && !bucket.tryTake()) {
        waitMs = paceMs;
        return null;
      }
      return s;
    },
    paceMs: () => waitMs,
    send(s, job) {
      if (job.notAfter !== undefined && opts.clock.now() >= job.notAfter) {
        refund = bucket !== null;
        job.expired();
        return;
      }
      s.request('submit_sm', job.fields, (resp) => job.done(resp, s));
      opts.onSent?.();
    },
  });

  return {
    enqueue: queue.enqueue,
    pump: queue.pump,
    setSessions(list) {
      sessions = list;
      next = 0;
      queue.pump();
    },
    get queued() {
      return queue.queued;
    },
    drain: queue.drain,
    stop: queue.stop,
  };
}

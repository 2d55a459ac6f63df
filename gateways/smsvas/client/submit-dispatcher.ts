// Queued submit_sm -> bound sessions: round-robin over the binds that can submit and have window room,
// paced by a token bucket when a TPS is set. Nothing is refused for being early or for a full window:
// it waits in the queue.
import type { Clock, Timer } from '../../kit/clock.ts';
import { createTokenBucket, type TokenBucket } from '../../kit/token-bucket.ts';
import type { Pdu } from '../codec/pdu.ts';
import type { BindSession } from './bind-session.ts';

export interface SubmitJob {
  fields: Record<string, unknown>;
  /** resp null: no response (timeout or session lost). */
  done(resp: Pdu | null, session: BindSession | null): void;
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
  const bucket: TokenBucket | null = opts.tps === null ? null : createTokenBucket({ rate: opts.tps, burst: opts.tpsBurst }, opts.clock);
  const paceMs = opts.tps === null ? 0 : Math.max(1, 1000 / opts.tps);
  let queue: SubmitJob[] = [];
  let head = 0;
  let sessions: BindSession[] = [];
  let next = 0;
  let paceTimer: Timer | null = null;
  let pumping = false;

  function take(): SubmitJob {
    const job = queue[head];
    queue[head++] = undefined as unknown as SubmitJob;
    if (head === queue.length) {
      queue = [];
      head = 0;
    } else if (head > 4096 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    return job;
  }

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

  function pump(): void {
    // A response settled synchronously inside request() must not recurse into a second pump.
    if (pumping) return;
    pumping = true;
    try {
      while (head < queue.length) {
        const s = pickSession();
        if (!s) return;
        if (bucket && !bucket.tryTake()) {
          paceTimer ??= opts.clock.setTimer(() => {
            paceTimer = null;
            pump();
          }, paceMs);
          return;
        }
        const job = take();
        s.request('submit_sm', job.fields, (resp) => job.done(resp, s));
        opts.onSent?.();
      }
    } finally {
      pumping = false;
    }
  }

  return {
    enqueue(job) {
      queue.push(job);
      pump();
    },
    pump,
    setSessions(list) {
      sessions = list;
      next = 0;
      pump();
    },
    get queued() {
      return queue.length - head;
    },
    drain() {
      const rest = queue.slice(head);
      queue = [];
      head = 0;
      return rest;
    },
    stop() {
      paceTimer?.cancel();
      paceTimer = null;
    },
  };
}

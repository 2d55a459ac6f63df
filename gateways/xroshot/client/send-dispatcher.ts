// Queued messages -> registered sessions. Round-robin over sessions with window room, each paced by
// its own token bucket, because Xroshot limits TPS per session (not per account): N sessions give N
// times the rate. Nothing is refused for being early or for a full window; it waits in the queue.
import type { Clock, Timer } from '../../kit/clock.ts';
import { createTokenBucket, type TokenBucket } from '../../kit/token-bucket.ts';

export interface DispatchTarget<J> {
  /** Registered and able to take a request. */
  readonly ready: boolean;
  hasRoom(): boolean;
  /** Writes the job; the dispatcher has checked readiness, room and the rate. */
  send(job: J): void;
}

export interface SendDispatcher<J> {
  enqueue(job: J): void;
  /** Tries to send more: call when a session gets window room. */
  pump(): void;
  setTargets(targets: ReadonlyArray<DispatchTarget<J>>): void;
  readonly queued: number;
  /** Removes and returns every job not yet sent. */
  drain(): J[];
  stop(): void;
}

export interface SendDispatcherOptions {
  clock: Clock;
  /** Requests per second per session; null: unpaced. */
  tpsPerSession: number | null;
  /** Bucket depth per session (at least 1). */
  burst: number;
}

export function createSendDispatcher<J>(opts: SendDispatcherOptions): SendDispatcher<J> {
  const { clock, tpsPerSession } = opts;
  const buckets = new WeakMap<DispatchTarget<J>, TokenBucket>();
  const paceMs = tpsPerSession === null ? 0 : Math.max(1, 1000 / tpsPerSession);
  let queue: J[] = [];
  let head = 0;
  let targets: ReadonlyArray<DispatchTarget<J>> = [];
  let next = 0;
  let paceTimer: Timer | null = null;
  let pumping = false;

  function bucketOf(t: DispatchTarget<J>): TokenBucket | null {
    if (tpsPerSession === null) return null;
    let b = buckets.get(t);
    if (!b) {
      b = createTokenBucket({ rate: tpsPerSession, burst: opts.burst }, clock);
      buckets.set(t, b);
    }
    return b;
  }

  function take(): J {
    const job = queue[head];
    queue[head++] = undefined as J;
    if (head === queue.length) {
      queue = [];
      head = 0;
    } else if (head > 4096 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    return job;
  }

  /** A session with room and a token, or null; `paced` says whether one with room lacked only a token. */
  function pick(): { target: DispatchTarget<J> | null; paced: boolean } {
    const n = targets.length;
    let paced = false;
    for (let i = 0; i < n; i++) {
      const t = targets[(next + i) % n];
      if (!t.ready || !t.hasRoom()) continue;
      const b = bucketOf(t);
      if (b && !b.tryTake()) {
        paced = true;
        continue;
      }
      next = (next + i + 1) % n;
      return { target: t, paced };
    }
    return { target: null, paced };
  }

  function pump(): void {
    // A response settled synchronously inside send() must not start a second pump underneath this one.
    if (pumping) return;
    pumping = true;
    try {
      while (head < queue.length) {
        const { target, paced } = pick();
        if (!target) {
          if (paced) {
            paceTimer ??= clock.setTimer(() => {
              paceTimer = null;
              pump();
            }, paceMs);
          }
          return;
        }
        target.send(take());
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
    setTargets(list) {
      targets = list;
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

// Queued messages -> registered sessions. Round-robin over sessions with window room, each paced by
// its own token bucket, because Xroshot limits TPS per session (not per account): N sessions give N
// times the rate. Nothing is refused for being early or for a full window; it waits in the queue.
import type { Clock, Timer } from '../../kit/clock.ts';
import { createTokenBucket, type TokenBucket } from '../../kit/token-bucket.ts';

export interface DispatchTarget<J> {
  /** Registered and able to take a request. */
  readonly ready: boolean;
  /** Requests per second this session may send; null: unpaced. Read once, when first used. */
  readonly tps: number | null;
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
  /** Bucket depth per session; default 20 ms worth of its rate, at least 1. */
  burst?: number;
}

export function createSendDispatcher<J>(opts: SendDispatcherOptions): SendDispatcher<J> {
  const { clock } = opts;
  const buckets = new WeakMap<DispatchTarget<J>, TokenBucket | null>();
  let queue: J[] = [];
  let head = 0;
  let targets: ReadonlyArray<DispatchTarget<J>> = [];
  let next = 0;
  let paceTimer: Timer | null = null;
  let pumping = false;

  function bucketOf(t: DispatchTarget<J>): TokenBucket | null {
    let b = buckets.get(t);
    if (b === undefined) {
      b = t.tps === null ? null : createTokenBucket({ rate: t.tps, burst: opts.burst ?? Math.max(1, Math.ceil(t.tps / 50)) }, clock);
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

  /** A session with room and a token, or null; `paceMs` > 0 when one with room lacked only a token. */
  function pick(): { target: DispatchTarget<J> | null; paceMs: number } {
    const n = targets.length;
    let paceMs = 0;
    for (let i = 0; i < n; i++) {
      const t = targets[(next + i) % n];
      if (!t.ready || !t.hasRoom()) continue;
      const b = bucketOf(t);
      if (b && !b.tryTake()) {
        const wait = Math.max(1, 1000 / b.rate);
        paceMs = paceMs === 0 ? wait : Math.min(paceMs, wait);
        continue;
      }
      next = (next + i + 1) % n;
      return { target: t, paceMs };
    }
    return { target: null, paceMs };
  }

  function pump(): void {
    // A response settled synchronously inside send() must not start a second pump underneath this one.
    if (pumping) return;
    pumping = true;
    try {
      while (head < queue.length) {
        const { target, paceMs } = pick();
        if (!target) {
          if (paceMs > 0) {
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

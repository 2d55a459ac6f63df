// Queued messages -> registered sessions. Round-robin over sessions with window room, each paced by
// its own token bucket, because Xroshot limits TPS per session (not per account): N sessions give N
// times the rate. Nothing is refused for being early or for a full window; it waits in the queue.
// A job whose notAfter has come by its turn is not written: its caller has given up on it.
import type { Clock } from '../../kit/clock.ts';
import { createDispatchQueue } from '../../kit/dispatch-queue.ts';
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

export interface SendDispatcherOptions<J = unknown> {
  clock: Clock;
  /** Bucket depth per session; default 20 ms worth of its rate, at least 1. */
  burst?: number;
  /** Clock time from which a job must no longer be written; undefined: no deadline. */
  notAfter?(job: J): number | undefined;
  /** A job dropped unsent because its notAfter came before its turn. */
  onExpired?(job: J): void;
}

export function createSendDispatcher<J>(opts: SendDispatcherOptions<J>): SendDispatcher<J> {
  const { clock } = opts;
  const buckets = new WeakMap<DispatchTarget<J>, TokenBucket | null>();
  let targets: ReadonlyArray<DispatchTarget<J>> = [];
  let next = 0;
  let waitMs = 0;
  // The session whose token an expired job took: its next job uses that token instead of the bucket,
  // so a backlog of expired jobs does not eat the rate of the live ones behind it.
  let refunded: DispatchTarget<J> | null = null;

  function bucketOf(t: DispatchTarget<J>): TokenBucket | null {
    let b = buckets.get(t);
    if (b === undefined) {
      b = t.tps === null ? null : createTokenBucket({ rate: t.tps, burst: opts.burst ?? Math.max(1, Math.ceil(t.tps / 50)) }, clock);
      buckets.set(t, b);
    }
    return b;
  }

  /** A session with room and a token, or null; `waitMs` > 0 when one with room lacked only a token. */
  function pick(): DispatchTarget<J> | null {
    const n = targets.length;
    waitMs = 0;
    for (let i = 0; i < n; i++) {
      const t = targets[(next + i) % n];
      if (!t.ready || !t.hasRoom()) continue;
      const b = bucketOf(t);
      if (refunded === t) refunded = null;
      else if (b && !b.tryTake()) {
        const wait = Math.max(1, 1000 / b.rate);
        waitMs = waitMs === 0 ? wait : Math.min(waitMs, wait);
        continue;
      }
      next = (next + i + 1) % n;
      return t;
    }
    return null;
  }

  function send(t: DispatchTarget<J>, job: J): void {
    const notAfter = opts.notAfter?.(job);
    if (notAfter !== undefined && clock.now() >= notAfter) {
      if (bucketOf(t) !== null) refunded = t;
      opts.onExpired?.(job);
      return;
    }
    t.send(job);
  }

  const queue = createDispatchQueue<J, DispatchTarget<J>>({ clock, pick, paceMs: () => waitMs, send });

  return {
    enqueue: queue.enqueue,
    pump: queue.pump,
    setTargets(list) {
      targets = list;
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

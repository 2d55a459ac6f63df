// The client side's queue of jobs waiting for a session: jobs leave in order to whatever session the
// gateway picks (round-robin, window room, its own pacing rules), and wait when none can take one.
// Nothing is refused for being early or for a full window. When the only obstacle is the rate, one
// timer tries again; otherwise the gateway calls pump() when a session gets room.
import type { Clock, Timer } from './clock.ts';

export interface DispatchQueueOptions<J, T> {
  clock: Clock;
  /** A session that can take the next job now, or null. */
  pick(): T | null;
  /** After pick() gave null: ms until a rate limit lets a job go (0 when something else blocks). */
  paceMs(): number;
  send(target: T, job: J): void;
}

export interface DispatchQueue<J> {
  enqueue(job: J): void;
  /** Sends what can go now. */
  pump(): void;
  readonly queued: number;
  /** Removes and returns every job not yet sent. */
  drain(): J[];
  stop(): void;
}

export function createDispatchQueue<J, T>(opts: DispatchQueueOptions<J, T>): DispatchQueue<J> {
  const { clock } = opts;
  // An array with a moving head: shift() is O(n) on large queues; the sent prefix is cut off in bulk.
  let queue: J[] = [];
  let head = 0;
  let paceTimer: Timer | null = null;
  let pumping = false;

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

  function pump(): void {
    // A response settled synchronously inside send() must not start a second pump underneath this one.
    if (pumping) return;
    pumping = true;
    try {
      while (head < queue.length) {
        const target = opts.pick();
        if (target === null) {
          const wait = opts.paceMs();
          if (wait > 0) {
            paceTimer ??= clock.setTimer(() => {
              paceTimer = null;
              pump();
            }, wait);
          }
          return;
        }
        opts.send(target, take());
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

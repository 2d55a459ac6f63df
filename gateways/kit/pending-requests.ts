// The requests one client session has written and not yet seen answered, keyed by whatever the
// response echoes (an SMPP sequence_number, an Xroshot CustomMessageID). Every entry has the same
// timeout, so insertion order is deadline order: one timer, armed for the oldest entry, covers them
// all — no timer per request at tens of thousands of requests a second.
import type { Clock, Timer } from './clock.ts';

/** Called exactly once: with the response, or with null on timeout or when the session is lost. */
export type Settle<R> = (response: R | null) => void;

export interface PendingRequests<R, K = string> {
  readonly size: number;
  readonly count: number;
  hasRoom(): boolean;
  has(key: K): boolean;
  add(key: K, settle: Settle<R>): void;
  /** Hands the response to the request waiting on `key`; false when none waits (late or unknown). */
  resolve(key: K, response: R): boolean;
  /** Settles one waiting request with null (its response could not be read); false when none waits. */
  abandon(key: K): boolean;
  /** Settles every waiting request with null; returns how many there were. */
  abandonAll(): number;
  stop(): void;
}

interface Entry<R> {
  deadline: number;
  settle: Settle<R>;
}

export interface PendingRequestsOptions {
  size: number;
  timeoutMs: number;
  clock: Clock;
  /** Called after the requests that timed out together were settled. */
  onTimeout?: (count: number) => void;
}

export function createPendingRequests<R, K = string>(opts: PendingRequestsOptions): PendingRequests<R, K> {
  const { clock, size, timeoutMs } = opts;
  const waiting = new Map<K, Entry<R>>();
  let timer: Timer | null = null;

  function arm(): void {
    if (timer !== null) return;
    const oldest = waiting.values().next();
    if (oldest.done) return;
    timer = clock.setTimer(expire, oldest.value.deadline - clock.now());
  }

  function expire(): void {
    timer = null;
    const now = clock.now();
    const due: Entry<R>[] = [];
    for (const [key, e] of waiting) {
      if (e.deadline > now) break;
      waiting.delete(key);
      due.push(e);
    }
    for (const e of due) e.settle(null);
    if (due.length > 0) opts.onTimeout?.(due.length);
    arm();
  }

  function take(key: K): Entry<R> | undefined {
    const e = waiting.get(key);
    if (e) waiting.delete(key);
    return e;
  }

  return {
    size,
    get count() {
      return waiting.size;
    },
    hasRoom: () => waiting.size < size,
    has: (key) => waiting.has(key),
    add(key, settle) {
      waiting.set(key, { deadline: clock.now() + timeoutMs, settle });
      arm();
    },
    resolve(key, response) {
      const e = take(key);
      e?.settle(response);
      return e !== undefined;
    },
    abandon(key) {
      const e = take(key);
      e?.settle(null);
      return e !== undefined;
    },
    abandonAll() {
      const all = [...waiting.values()];
      waiting.clear();
      for (const e of all) e.settle(null);
      return all.length;
    },
    stop() {
      timer?.cancel();
      timer = null;
    },
  };
}

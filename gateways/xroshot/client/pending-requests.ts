// The req_send_message_2 one session has written and not yet seen answered, keyed by the id the
// response echoes. All share one timeout, so insertion order is deadline order and a single timer,
// armed for the oldest entry, covers every one of them.
import type { Clock, Timer } from '../../kit/clock.ts';

/** Called exactly once: with the response, or with null on timeout or when the session is lost. */
export type Settle<R> = (response: R | null) => void;

export interface PendingRequests<R> {
  readonly size: number;
  readonly count: number;
  hasRoom(): boolean;
  has(key: string): boolean;
  add(key: string, settle: Settle<R>): void;
  /** Hands the response to the request waiting on `key`; false when none waits (late or unknown). */
  resolve(key: string, response: R): boolean;
  /** Settles every waiting request with null; returns how many there were. */
  abandonAll(): number;
  stop(): void;
}

interface Entry<R> {
  deadline: number;
  settle: Settle<R>;
}

export function createPendingRequests<R>(opts: { size: number; timeoutMs: number; clock: Clock; onTimeout?: (count: number) => void }): PendingRequests<R> {
  const { clock, size, timeoutMs } = opts;
  const waiting = new Map<string, Entry<R>>();
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
      const e = waiting.get(key);
      if (!e) return false;
      waiting.delete(key);
      e.settle(response);
      return true;
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

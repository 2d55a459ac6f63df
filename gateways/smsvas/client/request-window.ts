// The requests one bind has sent and not yet seen answered, keyed by sequence_number. Every entry has
// the same timeout, so insertion order is deadline order: one timer, armed for the oldest entry, covers
// them all — no timer per request at tens of thousands of requests a second.
import type { Clock, Timer } from '../../kit/clock.ts';
import type { Pdu } from '../codec/pdu.ts';

/** Called once per request: with the response, or with null on timeout or when the session is lost. */
export type ResponseHandler = (resp: Pdu | null) => void;

interface Entry {
  deadline: number;
  onResponse: ResponseHandler;
}

export interface RequestWindow {
  readonly size: number;
  readonly inFlight: number;
  hasRoom(): boolean;
  add(sequenceNumber: number, onResponse: ResponseHandler): void;
  /** Delivers a response; false when nothing waits on that sequence_number (late or unknown). */
  settle(resp: Pdu): boolean;
  /** Resolves one waiting request with null (its response could not be read); false when none waits. */
  abandon(sequenceNumber: number): boolean;
  /** Resolves every waiting request with null (session lost or closing). */
  abandonAll(): number;
  stop(): void;
}

export function createRequestWindow(opts: { size: number; timeoutMs: number; clock: Clock; onTimeout?: (count: number) => void }): RequestWindow {
  const { clock, timeoutMs, size } = opts;
  const waiting = new Map<number, Entry>();
  let timer: Timer | null = null;

  function arm(): void {
    if (timer !== null) return;
    const first = waiting.values().next();
    if (first.done) return;
    timer = clock.setTimer(expire, first.value.deadline - clock.now());
  }

  function expire(): void {
    timer = null;
    const now = clock.now();
    let expired = 0;
    for (const [seq, e] of waiting) {
      if (e.deadline > now) break;
      waiting.delete(seq);
      expired++;
      e.onResponse(null);
    }
    if (expired > 0) opts.onTimeout?.(expired);
    arm();
  }

  return {
    size,
    get inFlight() {
      return waiting.size;
    },
    hasRoom: () => waiting.size < size,
    add(seq, onResponse) {
      waiting.set(seq, { deadline: clock.now() + timeoutMs, onResponse });
      arm();
    },
    settle(resp) {
      const e = waiting.get(resp.sequence_number);
      if (!e) return false;
      waiting.delete(resp.sequence_number);
      e.onResponse(resp);
      return true;
    },
    abandon(seq) {
      const e = waiting.get(seq);
      if (!e) return false;
      waiting.delete(seq);
      e.onResponse(null);
      return true;
    },
    abandonAll() {
      const all = [...waiting.values()];
      waiting.clear();
      for (const e of all) e.onResponse(null);
      return all.length;
    },
    stop() {
      timer?.cancel();
      timer = null;
    },
  };
}

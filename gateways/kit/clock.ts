// Every component reads one Clock so a run can be accelerated (speed) or driven by hand (tests).

import { KitError } from './kit-errors.ts';

export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Calls fn after delayMs of SIMULATED time (real delay = delayMs / speed). */
  setTimer(fn: () => void, delayMs: number): Timer;
  readonly speed: number;
}

export interface ManualClock extends Clock {
  /** Moves time forward, firing due timers in time order (including timers they schedule). */
  advance(ms: number): void;
  /** Number of timers scheduled and not yet fired or cancelled. */
  pending(): number;
}

// setTimeout fires at once (with a warning) beyond this, so longer waits are chained.
const MAX_TIMEOUT_MS = 2_147_483_647;

export function createSystemClock(opts: { speed?: number; start?: number } = {}): Clock {
  const speed = opts.speed ?? 1;
  if (!(Number.isFinite(speed) && speed > 0)) throw new KitError('KIT_ERR_BAD_ARGUMENT', `clock speed must be > 0, got ${speed}`);
  const start = opts.start ?? Date.now();
  // performance.now() is monotonic: wall-clock jumps must not move simulated time backwards.
  const realOrigin = performance.now();

  return {
    speed,
    now: () => start + (performance.now() - realOrigin) * speed,
    setTimer(fn, delayMs) {
      let handle: ReturnType<typeof setTimeout> | undefined;
      let cancelled = false;
      const due = performance.now() + Math.max(0, delayMs) / speed;
      const arm = (): void => {
        const wait = due - performance.now();
        if (wait > MAX_TIMEOUT_MS) {
          handle = setTimeout(arm, MAX_TIMEOUT_MS);
          return;
        }
        handle = setTimeout(() => {
          if (!cancelled) fn();
        }, Math.max(0, wait));
      };
      arm();
      return {
        cancel() {
          cancelled = true;
          if (handle !== undefined) clearTimeout(handle);
        },
      };
    },
  };
}

interface ManualTimer {
  due: number;
  seq: number;
  fn: () => void;
  live: boolean;
}

export function createManualClock(start = 0): ManualClock {
  let now = start;
  let seq = 0;
  let live = 0;
  // Binary min-heap on (due, seq): equal due times fire in scheduling order.
  const heap: ManualTimer[] = [];
  const before = (a: ManualTimer, b: ManualTimer): boolean => a.due < b.due || (a.due === b.due && a.seq < b.seq);

  const push = (t: ManualTimer): void => {
    heap.push(t);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const pop = (): ManualTimer | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  };

  return {
    speed: 1,
    now: () => now,
    setTimer(fn, delayMs) {
      const t: ManualTimer = { due: now + Math.max(0, delayMs), seq: seq++, fn, live: true };
      live++;
      push(t);
      return {
        cancel() {
          if (t.live) {
            t.live = false;
            live--;
          }
        },
      };
    },
    advance(ms) {
      if (!(ms >= 0)) throw new KitError('KIT_ERR_BAD_ARGUMENT', `advance() needs ms >= 0, got ${ms}`);
      const target = now + ms;
      while (heap.length > 0 && heap[0].due <= target) {
        const t = pop() as ManualTimer;
        if (!t.live) continue;
        t.live = false;
        live--;
        now = t.due;
        t.fn();
      }
      now = target;
    },
    pending: () => live,
  };
}

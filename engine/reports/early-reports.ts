// Reports that came before their gateway id was known, held for at least `holdMs` (at most twice that)
// in two generations of maps: every holdMs the older generation's leftovers expire and the newer one
// becomes the older. With instant receipts nearly every report comes a moment before its submit's
// answer is handled and is claimed within milliseconds, so a timer or heap entry per report would be
// pure cost; here ONE clock timer runs while anything is held.
import type { Clock, Timer } from '../../gateways/kit/clock.ts';

export interface EarlyReports<T> {
  get(key: string): T[] | undefined;
  /** Hold the first report for `key` (later ones are pushed onto the array get() returns). */
  hold(key: string, report: T): void;
  /** Take the reports held for `key`, if any. */
  take(key: string): T[] | undefined;
  readonly size: number;
  clear(): void;
}

export function createEarlyReports<T>(clock: Clock, holdMs: number, onExpired: (key: string, reports: T[]) => void): EarlyReports<T> {
  let current = new Map<string, T[]>();
  let previous = new Map<string, T[]>();
  let timer: Timer | null = null;

  function rotate(): void {
    timer = null;
    const expired = previous;
    previous = current;
    current = new Map();
    if (previous.size > 0) timer = clock.setTimer(rotate, holdMs);
    for (const [key, reports] of expired) onExpired(key, reports);
  }

  return {
    get: (key) => current.get(key) ?? previous.get(key),
    hold(key, report) {
      current.set(key, [report]);
      timer ??= clock.setTimer(rotate, holdMs);
    },
    take(key) {
      const reports = current.get(key);
      if (reports !== undefined) {
        current.delete(key);
        return reports;
      }
      const older = previous.get(key);
      if (older !== undefined) previous.delete(key);
      return older;
    },
    get size() {
      return current.size + previous.size;
    },
    clear() {
      current.clear();
      previous.clear();
      timer?.cancel();
      timer = null;
    },
  };
}

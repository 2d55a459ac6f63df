// Exponential backoff with jitter between a client's reconnect attempts (every gateway client uses it).
// Jitter spreads the reconnects of many sessions (and many clients) so a recovering gateway is not hit
// by all of them in the same millisecond.
import type { Rng } from './rng.ts';

export interface ReconnectOptions {
  /** First delay (default 250 ms). */
  initialMs?: number;
  /** Ceiling on the delay (default 30 s). */
  maxMs?: number;
  /** Growth per failed attempt (default 2). */
  factor?: number;
  /** Fraction of the delay drawn at random: delay * (1 - jitter * u), u in [0, 1) (default 0.5). */
  jitter?: number;
}

export interface ReconnectPolicy {
  /** Delay before attempt `n` (0-based count of consecutive failures so far). */
  delayMs(attempt: number): number;
}

export function createReconnectPolicy(opts: ReconnectOptions, rng: Rng): ReconnectPolicy {
  const initial = opts.initialMs ?? 250;
  const max = opts.maxMs ?? 30_000;
  const factor = opts.factor ?? 2;
  const jitter = Math.min(1, Math.max(0, opts.jitter ?? 0.5));
  return {
    delayMs(attempt) {
      const base = Math.min(max, initial * factor ** Math.min(attempt, 64));
      return base * (1 - jitter * rng.next());
    },
  };
}

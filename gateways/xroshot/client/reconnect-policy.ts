// Delay before a lost Xroshot session tries again: exponential growth to a ceiling, then a seeded share
// taken off at random so many sessions (of many clients) do not all re-register in the same instant.
import type { Rng } from '../../kit/rng.ts';

export interface ReconnectOptions {
  /** Delay after the first failure (default 500 ms). */
  initialMs?: number;
  /** Ceiling (default 30 s). */
  maxMs?: number;
  /** Growth per consecutive failure (default 2). */
  factor?: number;
  /** Share of the delay that is random: delay * (1 - jitter * u), u uniform in [0, 1) (default 0.5). */
  jitter?: number;
}

export interface ReconnectPolicy {
  /** Delay before the next attempt after `failures` consecutive failures (0 = first retry). */
  delayMs(failures: number): number;
}

export function createReconnectPolicy(opts: ReconnectOptions, rng: Rng): ReconnectPolicy {
  const initial = opts.initialMs ?? 500;
  const ceiling = opts.maxMs ?? 30_000;
  const factor = opts.factor ?? 2;
  const jitter = Math.min(1, Math.max(0, opts.jitter ?? 0.5));
  return {
    delayMs(failures) {
      const grown = Math.min(ceiling, initial * factor ** Math.min(Math.max(0, failures), 60));
      return grown * (1 - jitter * rng.next());
    },
  };
}

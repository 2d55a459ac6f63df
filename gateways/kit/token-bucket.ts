// Rate limiting in simulated time, so a 600x clock throttles at 600x the real rate.

import type { Clock } from './clock.ts';
import { KitError } from './kit-errors.ts';

export interface TokenBucket {
  /** Takes n tokens (default 1) if available; never blocks. */
  tryTake(n?: number): boolean;
  /** Tokens added per second of simulated time. */
  readonly rate: number;
}

export function createTokenBucket(opts: { rate: number; burst?: number }, clock: Clock): TokenBucket {
  const { rate } = opts;
  if (!(Number.isFinite(rate) && rate > 0)) {
    throw new KitError('KIT_ERR_BAD_ARGUMENT', `token bucket rate must be > 0 per second, got ${rate}`);
  }
  const burst = opts.burst ?? Math.max(1, rate);
  if (!(Number.isFinite(burst) && burst >= 1)) {
    throw new KitError('KIT_ERR_BAD_ARGUMENT', `token bucket burst must be >= 1, got ${burst}`);
  }
  const perMs = rate / 1000;
  let tokens = burst;
  let last = clock.now();

  return {
    rate,
    tryTake(n = 1) {
      const now = clock.now();
      if (now > last) {
        tokens = Math.min(burst, tokens + (now - last) * perMs);
        last = now;
      }
      // The epsilon absorbs float drift from many small refills (10 x 0.1 must make 1 token).
      if (tokens + 1e-9 >= n) {
        tokens = Math.max(0, tokens - n);
        return true;
      }
      return false;
    },
  };
}

/**
 * An account's bucket in a simulator: its contracted rate, else the behaviour's `limits.tps` rate
 * (burst always from the behaviour); null when neither limits it.
 */
export function createAccountBucket(accountTps: number | undefined, tps: { rate: number; burst?: number } | undefined, clock: Clock): TokenBucket | null {
  const rate = accountTps ?? tps?.rate;
  return rate === undefined ? null : createTokenBucket({ rate, burst: tps?.burst }, clock);
}

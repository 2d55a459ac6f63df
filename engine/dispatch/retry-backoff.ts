// Retry within one route leg: which try outcomes are worth another try, and how long to wait first.
// Exponential backoff capped at maxDelay, jittered from the seeded rng so a run is reproducible and a
// crowd of retries does not come back in lockstep.
import type { Rng } from '../../gateways/kit/rng.ts';
import type { ChannelOutcome } from '../channel.ts';
import type { DispatchPolicy } from '../engine-config.ts';

export type RetryPolicy = DispatchPolicy['retry'];

export interface RetryBackoff {
  /** Tries per leg, the first one included. */
  readonly attempts: number;
  /**
   * Wait before retry n (n = 0 for the first retry): uniform in [cap * (1 - jitter), cap] where
   * cap = min(maxDelay, initialDelay * multiplier^n); jitter 1 is full jitter, [0, cap].
   */
  delay(n: number): number;
}

export function createRetryBackoff(policy: RetryPolicy, rng: Rng): RetryBackoff {
  const { attempts, initialDelay, maxDelay, multiplier, jitter } = policy;
  return {
    attempts,
    delay(n) {
      // 0 * Infinity is NaN once multiplier^n overflows.
      const cap = initialDelay === 0 ? 0 : Math.min(maxDelay, initialDelay * multiplier ** n);
      return cap * (1 - jitter * rng.next());
    },
  };
}

/**
 * Outcomes another try may fix: a transient refusal (throttled, queue-full, system-error,
 * service-unavailable), no answer in time, or a channel that could not take the message just now.
 */
export function isRetryable(outcome: ChannelOutcome): boolean {
  switch (outcome.kind) {
    case 'accepted':
      return false;
    case 'rejected':
      return outcome.transient;
    default:
      return true;
  }
}

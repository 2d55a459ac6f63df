// TPS pacing on the injected clock (the kit's token bucket), so an accelerated clock paces per
// simulated second. Waiters are served real-time first; a single timer wakes them while any wait.
import type { Clock, Timer } from '../../gateways/kit/clock.ts';
import { createTokenBucket } from '../../gateways/kit/token-bucket.ts';
import { EngineError } from '../engine-errors.ts';
import type { Priority } from '../message.ts';
import { createPriorityQueue } from './priority-queue.ts';

export interface TpsPacerOptions {
  /** Tokens per simulated second. */
  tps: number;
  /** Tokens that may be taken at once after a quiet spell; default tps / 10 (>= 1). */
  burst?: number;
  clock: Clock;
}

export interface TpsPacer {
  readonly tps: number;
  queued(priority: Priority): number;
  /** Takes a token if one is there and nobody this caller must respect is waiting; never waits. */
  tryTake(priority: Priority): boolean;
  /** Resolves true once a token is taken, false if the pacer closed first. */
  take(priority: Priority): Promise<boolean>;
  /** Answers every waiter false and stops the timer. */
  close(): void;
}

const GRANTED = Promise.resolve(true);
const REFUSED = Promise.resolve(false);

export function createTpsPacer(opts: TpsPacerOptions): TpsPacer {
  const { tps, clock } = opts;
  if (!(Number.isFinite(tps) && tps > 0)) throw new EngineError('ENGINE_ERR_CONFIG', `tps must be > 0, got ${tps}`);
  const bucket = createTokenBucket({ rate: tps, burst: opts.burst ?? Math.max(1, tps / 10) }, clock);
  const waiters = createPriorityQueue<(granted: boolean) => void>();
  // One token's worth of time: waking then always finds at least one token, and waking late loses
  // nothing because the bucket keeps refilling up to its burst meanwhile.
  const tokenMs = 1000 / tps;
  let timer: Timer | null = null;
  let closed = false;

  function wake(): void {
    timer = null;
    while (waiters.size > 0 && bucket.tryTake()) (waiters.shift() as (granted: boolean) => void)(true);
    if (waiters.size > 0) timer = clock.setTimer(wake, tokenMs);
  }

  function tryTake(priority: Priority): boolean {
    return !closed && !waiters.blocks(priority) && bucket.tryTake();
  }

  return {
    tps,
    queued: (priority) => waiters.count(priority),
    tryTake,
    take(priority) {
      if (closed) return REFUSED;
      if (tryTake(priority)) return GRANTED;
      return new Promise<boolean>((resolve) => {
        waiters.push(priority, resolve);
        timer ??= clock.setTimer(wake, tokenMs);
      });
    },
    close() {
      closed = true;
      timer?.cancel();
      timer = null;
      for (const w of waiters.drain()) w(false);
    },
  };
}

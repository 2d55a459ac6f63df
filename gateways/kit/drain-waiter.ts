// How a client's close() lets requests already on the wire finish: it waits until the last one
// settles, but never longer than its close timeout.
import type { Clock, Timer } from './clock.ts';

export interface DrainWaiter {
  /** A close() is waiting; only then is it worth counting what is in flight. */
  readonly waiting: boolean;
  /** Resolves at the next settled() or after `timeoutMs`, whichever comes first. */
  wait(timeoutMs: number): Promise<void>;
  /** The last request in flight settled. */
  settled(): void;
}

export function createDrainWaiter(clock: Clock): DrainWaiter {
  let drained: (() => void) | null = null;
  return {
    get waiting() {
      return drained !== null;
    },
    async wait(timeoutMs) {
      let timer: Timer | null = null;
      await new Promise<void>((resolve) => {
        drained = resolve;
        timer = clock.setTimer(resolve, timeoutMs);
      });
      (timer as Timer | null)?.cancel();
      drained = null;
    },
    settled() {
      drained?.();
    },
  };
}

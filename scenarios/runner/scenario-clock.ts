// The scenario clock: real time at the scenario's speed, held at the scenario's start until the run
// begins. Starting the simulators and the engine and registering templates takes real time, which at
// 600x would be minutes of simulated time; held, offset 0 really is `clock.start` (a run meant to cross
// 21:00 from 20:50 does). Timers still fire on real time while it is held, so connect timeouts and the
// like keep working during setup. Its timers never keep the process alive: a simulator's report due in
// 80 simulated hours must not stop `msgsim run` from exiting once the run is over.
import type { Clock } from '../../gateways/kit/clock.ts';

export interface ScenarioClock extends Clock {
  /** Lets time run from the start. */
  go(): void;
  readonly running: boolean;
}

// setTimeout fires at once (with a warning) beyond this, so longer waits are chained.
const MAX_TIMEOUT_MS = 2_147_483_647;

export function createScenarioClock(opts: { speed: number; start: number }): ScenarioClock {
  const { speed, start } = opts;
  let origin: number | null = null;
  return {
    speed,
    now: () => (origin === null ? start : start + (performance.now() - origin) * speed),
    setTimer(fn, delayMs) {
      let handle: ReturnType<typeof setTimeout> | undefined;
      let cancelled = false;
      const due = performance.now() + Math.max(0, delayMs) / speed;
      const arm = (): void => {
        const wait = due - performance.now();
        handle = wait > MAX_TIMEOUT_MS ? setTimeout(arm, MAX_TIMEOUT_MS) : setTimeout(() => !cancelled && fn(), Math.max(0, wait));
        handle.unref();
      };
      arm();
      return {
        cancel() {
          cancelled = true;
          if (handle !== undefined) clearTimeout(handle);
        },
      };
    },
    go() {
      origin ??= performance.now();
    },
    get running() {
      return origin !== null;
    },
  };
}

// The scenario clock: real time at the scenario's speed, held at the scenario's start until the run
// begins. Starting the simulators and the engine and registering templates takes real time, which at
// 600x would be minutes of simulated time; held, offset 0 really is `clock.start` (a run meant to cross
// 21:00 from 20:50 does). While held, timers fire on real time at 1x: setup is real work, and a client's
// 10 s answer timeout must not shrink to 28 real ms at 360x while the stack is still loading (an RCS
// token request then failed and the run had no RCS channel at all). Timers still waiting when the run
// begins are re-armed on the scenario's speed. Its timers never keep the process alive: a simulator's
// report due in 80 simulated hours must not stop `msgsim run` from exiting once the run is over.
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
  /** Timers armed while held, to re-arm on the scenario's speed when the run begins. */
  const held = new Set<() => void>();

  return {
    speed,
    now: () => (origin === null ? start : start + (performance.now() - origin) * speed),
    setTimer(fn, delayMs) {
      let handle: ReturnType<typeof setTimeout> | undefined;
      let cancelled = false;
      const delay = Math.max(0, delayMs);
      const armAt = (due: number): void => {
        const wait = due - performance.now();
        handle = wait > MAX_TIMEOUT_MS ? setTimeout(() => armAt(due), MAX_TIMEOUT_MS) : setTimeout(fire, Math.max(0, wait));
        handle.unref();
      };
      const fire = (): void => {
        held.delete(rearm);
        if (!cancelled) fn();
      };
      // Held time is simulated time not yet spent: the whole delay is still ahead when the run begins.
      const rearm = (): void => {
        if (handle !== undefined) clearTimeout(handle);
        armAt((origin as number) + delay / speed);
      };
      if (origin === null) {
        held.add(rearm);
        armAt(performance.now() + delay);
      } else armAt(performance.now() + delay / speed);
      return {
        cancel() {
          cancelled = true;
          held.delete(rearm);
          if (handle !== undefined) clearTimeout(handle);
        },
      };
    },
    go() {
      if (origin !== null) return;
      origin = performance.now();
      for (const rearm of [...held]) rearm();
      held.clear();
    },
    get running() {
      return origin !== null;
    },
  };
}

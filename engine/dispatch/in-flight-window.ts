// The in-flight window: at most `size` tries hold a slot at once. A freed slot is handed straight to
// the next waiter (real-time first), so a newcomer can never slip in between a release and the waiter
// it was meant for.
import { EngineError } from '../engine-errors.ts';
import type { Priority } from '../message.ts';
import { createPriorityQueue } from './priority-queue.ts';

export interface InFlightWindow {
  readonly size: number;
  /** Slots held now. */
  readonly held: number;
  queued(priority: Priority): number;
  /** Takes a slot if one is free and nobody this caller must respect is waiting; never waits. */
  tryAcquire(priority: Priority): boolean;
  /** Whether tryAcquire(priority) would take a slot now. */
  free(priority: Priority): boolean;
  /** Resolves true once a slot is held, false if the window closed first. */
  acquire(priority: Priority): Promise<boolean>;
  release(): void;
  /** Answers every waiter false; later calls to acquire() answer false at once. */
  close(): void;
}

const GRANTED = Promise.resolve(true);
const REFUSED = Promise.resolve(false);

/** `onFree` is told each time a slot becomes free with nobody waiting for it. */
export function createInFlightWindow(size: number, onFree?: () => void): InFlightWindow {
  if (!(Number.isInteger(size) && size >= 1)) throw new EngineError('ENGINE_ERR_CONFIG', `in-flight window size must be an integer >= 1, got ${size}`);
  const waiters = createPriorityQueue<(granted: boolean) => void>();
  let held = 0;
  let closed = false;

  const free = (priority: Priority): boolean => held < size && !closed && !waiters.blocks(priority);

  function tryAcquire(priority: Priority): boolean {
    if (!free(priority)) return false;
    held++;
    return true;
  }

  return {
    size,
    get held() {
      return held;
    },
    queued: (priority) => waiters.count(priority),
    tryAcquire,
    free,
    acquire(priority) {
      if (closed) return REFUSED;
      if (tryAcquire(priority)) return GRANTED;
      return new Promise<boolean>((resolve) => waiters.push(priority, resolve));
    },
    release() {
      if (held === 0) throw new EngineError('ENGINE_ERR_INTERNAL', 'in-flight window released more often than acquired');
      const next = waiters.shift();
      if (next) next(true);
      else {
        held--;
        onFree?.();
      }
    },
    close() {
      closed = true;
      for (const w of waiters.drain()) w(false);
    },
  };
}

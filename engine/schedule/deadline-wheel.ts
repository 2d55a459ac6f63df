// Report deadlines: every submitted message waits for its final report until a deadline (a day by
// default), and nearly all are removed long before it when the report comes. Items sit in one-second
// buckets (a Set each, so removal is O(1) and a delivered message is not kept alive until its
// deadline); ONE clock timer is armed for the earliest bucket. A deadline fires at most one
// resolution late, never early.
import type { Clock } from '../../gateways/kit/clock.ts';
import { createDueQueue } from './due-queue.ts';

export interface DeadlineWheel<T> {
  /** (Re)arm `item` for `at`. */
  add(item: T, at: number): void;
  remove(item: T): void;
  size(): number;
  clear(): void;
}

export function createDeadlineWheel<T>(clock: Clock, resolutionMs: number, onDue: (items: T[]) => void): DeadlineWheel<T> {
  const buckets = new Map<number, Set<T>>();
  const slotOf = new Map<T, number>();
  const slots = createDueQueue<number>(clock, (due) => {
    const items: T[] = [];
    for (const slot of due) {
      const set = buckets.get(slot);
      if (set === undefined) continue;
      buckets.delete(slot);
      for (const item of set) {
        slotOf.delete(item);
        items.push(item);
      }
    }
    if (items.length > 0) onDue(items);
  });

  const remove = (item: T): void => {
    const slot = slotOf.get(item);
    if (slot === undefined) return;
    slotOf.delete(item);
    const set = buckets.get(slot);
    if (set !== undefined) {
      set.delete(item);
      // The slot stays in the due queue; firing an empty slot costs one map read.
      if (set.size === 0) buckets.delete(slot);
    }
  };

  return {
    add(item, at) {
      remove(item);
      const slot = Math.ceil(at / resolutionMs);
      let set = buckets.get(slot);
      if (set === undefined) {
        set = new Set();
        buckets.set(slot, set);
        slots.push(slot * resolutionMs, slot);
      }
      set.add(item);
      slotOf.set(item, slot);
    },
    remove,
    size: () => slotOf.size,
    clear() {
      buckets.clear();
      slotOf.clear();
      slots.clear();
    },
  };
}

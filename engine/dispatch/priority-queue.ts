// Two FIFO queues, one per priority class: a real-time entry always goes first, and within a class
// first come, first served. The in-flight window and the TPS pacer queue their waiters here, and the
// dispatch step its sends waiting for a window (as plain entries rather than suspended async calls:
// under load tens of thousands wait at once, and each parked call's promises and closures would be
// promoted to the old generation before they are freed).
import type { Priority } from '../message.ts';

export interface PriorityQueue<T> {
  push(priority: Priority, item: T): void;
  /** The class of the next entry shift() would give, or null when empty. */
  next(): Priority | null;
  /** The next entry (real-time first), removed from its queue; undefined when empty. */
  shift(): T | undefined;
  /** Whether a newcomer of this class must queue behind someone (FIFO within a class, real-time ahead). */
  blocks(priority: Priority): boolean;
  count(priority: Priority): number;
  readonly size: number;
  /** Removes and returns every entry, real-time first. */
  drain(): T[];
}

// An array with a moving head: shift() on a long array is O(n); the served prefix is cut off in bulk.
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  drain(): T[] {
    const out = this.items.slice(this.head) as T[];
    this.items = [];
    this.head = 0;
    return out;
  }
}

export function createPriorityQueue<T>(): PriorityQueue<T> {
  const realtime = new Fifo<T>();
  const scheduled = new Fifo<T>();
  return {
    push(priority, item) {
      (priority === 'realtime' ? realtime : scheduled).push(item);
    },
    next: () => (realtime.length > 0 ? 'realtime' : scheduled.length > 0 ? 'scheduled' : null),
    shift: () => realtime.shift() ?? scheduled.shift(),
    blocks: (priority) => realtime.length > 0 || (priority === 'scheduled' && scheduled.length > 0),
    count: (priority) => (priority === 'realtime' ? realtime.length : scheduled.length),
    get size() {
      return realtime.length + scheduled.length;
    },
    drain: () => [...realtime.drain(), ...scheduled.drain()],
  };
}

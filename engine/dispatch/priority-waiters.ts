// Two FIFO queues of waiters, one per priority class, shared by the in-flight window and the TPS pacer
// so both serve real-time ahead of scheduled the same way: a real-time waiter always goes first, and
// within a class first come, first served.
import type { Priority } from '../message.ts';

/** Told true when granted, false when the wait was cancelled (the dispatcher closed). */
export type Grant = (granted: boolean) => void;

export interface PriorityWaiters {
  push(priority: Priority, grant: Grant): void;
  /** The next waiter to serve (real-time first), removed from its queue; undefined when none waits. */
  shift(): Grant | undefined;
  /** Whether a newcomer of this class must queue behind someone (FIFO within a class, real-time ahead). */
  blocks(priority: Priority): boolean;
  count(priority: Priority): number;
  readonly size: number;
  /** Removes and returns every waiter, real-time first. */
  drain(): Grant[];
}

// An array with a moving head: shift() on a long array is O(n); the served prefix is cut off in bulk.
class Fifo {
  private items: (Grant | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(g: Grant): void {
    this.items.push(g);
  }

  shift(): Grant | undefined {
    if (this.head === this.items.length) return undefined;
    const g = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return g;
  }

  drain(): Grant[] {
    const out = this.items.slice(this.head) as Grant[];
    this.items = [];
    this.head = 0;
    return out;
  }
}

export function createPriorityWaiters(): PriorityWaiters {
  const realtime = new Fifo();
  const scheduled = new Fifo();
  return {
    push(priority, grant) {
      (priority === 'realtime' ? realtime : scheduled).push(grant);
    },
    shift: () => realtime.shift() ?? scheduled.shift(),
    blocks: (priority) => realtime.length > 0 || (priority === 'scheduled' && scheduled.length > 0),
    count: (priority) => (priority === 'realtime' ? realtime.length : scheduled.length),
    get size() {
      return realtime.length + scheduled.length;
    },
    drain: () => [...realtime.drain(), ...scheduled.drain()],
  };
}

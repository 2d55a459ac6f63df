// Sends waiting for a gateway's in-flight window, real-time ahead of scheduled, first come first served
// within a class. They wait here as plain entries rather than inside the dispatcher: a send parked in
// the window holds a suspended async call, promises and closures, and under load tens of thousands
// wait at once — all of it promoted to the old generation before it is freed.
import type { Priority } from '../message.ts';

export interface SendQueue<T> {
  push(priority: Priority, item: T): void;
  /** The class of the next entry shift() would give, or null when empty. */
  next(): Priority | null;
  shift(): T | undefined;
  /** Whether a newcomer of this class must queue behind someone. */
  blocks(priority: Priority): boolean;
  readonly size: number;
}

// An array with a moving head; the served prefix is cut off in bulk.
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
}

export function createSendQueue<T>(): SendQueue<T> {
  const realtime = new Fifo<T>();
  const scheduled = new Fifo<T>();
  return {
    push(priority, item) {
      (priority === 'realtime' ? realtime : scheduled).push(item);
    },
    next: () => (realtime.length > 0 ? 'realtime' : scheduled.length > 0 ? 'scheduled' : null),
    shift: () => realtime.shift() ?? scheduled.shift(),
    blocks: (priority) => realtime.length > 0 || (priority === 'scheduled' && scheduled.length > 0),
    get size() {
      return realtime.length + scheduled.length;
    },
  };
}

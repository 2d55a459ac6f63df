// Items that come due at a time of the injected clock, kept in one binary heap behind ONE clock timer
// armed for the earliest: report deadlines, scheduled sends coming due, routing retries. A timer per
// message would cost a closure and a libuv timer each at 10,000 messages/s.
import type { Clock, Timer } from '../../gateways/kit/clock.ts';

export interface DueQueue<T> {
  push(due: number, item: T): void;
  size(): number;
  /** Forget every item and disarm. */
  clear(): void;
}

interface Entry<T> {
  due: number;
  seq: number;
  item: T;
}

export function createDueQueue<T>(clock: Clock, onDue: (items: T[]) => void): DueQueue<T> {
  const heap: Entry<T>[] = [];
  let seq = 0;
  let timer: Timer | null = null;
  let armedAt = Infinity;

  const before = (a: Entry<T>, b: Entry<T>): boolean => a.due < b.due || (a.due === b.due && a.seq < b.seq);
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l], heap[m])) m = l;
      if (r < heap.length && before(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  const pop = (): Entry<T> => {
    const top = heap[0];
    const last = heap.pop() as Entry<T>;
    if (heap.length > 0) {
      heap[0] = last;
      down(0);
    }
    return top;
  };

  const arm = (): void => {
    if (heap.length === 0) return;
    const due = heap[0].due;
    if (timer !== null && armedAt <= due) return;
    timer?.cancel();
    armedAt = due;
    timer = clock.setTimer(fire, due - clock.now());
  };

  function fire(): void {
    timer = null;
    armedAt = Infinity;
    const now = clock.now();
    const items: T[] = [];
    while (heap.length > 0 && heap[0].due <= now) items.push(pop().item);
    if (items.length > 0) onDue(items);
    arm();
  }

  return {
    push(due, item) {
      heap.push({ due, seq: seq++, item });
      up(heap.length - 1);
      arm();
    },
    size: () => heap.length,
    clear() {
      heap.length = 0;
      timer?.cancel();
      timer = null;
      armedAt = Infinity;
    },
  };
}

// A bounded in-memory log of recent gateway events for GET /admin/log: old entries fall off.

import { KitError } from './kit-errors.ts';

export interface RecentLog<T> {
  push(entry: T): void;
  /** Up to `limit` most recent entries (all retained when omitted), oldest first, newest last. */
  list(limit?: number): T[];
}

export function createRecentLog<T>(capacity: number): RecentLog<T> {
  if (!(Number.isInteger(capacity) && capacity >= 1)) {
    throw new KitError('KIT_ERR_BAD_ARGUMENT', `recent log capacity must be an integer >= 1, got ${capacity}`);
  }
  const ring: T[] = new Array<T>(capacity);
  let next = 0; // slot the next entry goes to
  let size = 0;

  return {
    push(entry) {
      ring[next] = entry;
      next = (next + 1) % capacity;
      if (size < capacity) size++;
    },
    list(limit) {
      const n = limit === undefined ? size : Math.max(0, Math.min(size, Math.floor(limit)));
      const out: T[] = new Array<T>(n);
      const first = (next - n + capacity) % capacity;
      for (let i = 0; i < n; i++) out[i] = ring[(first + i) % capacity];
      return out;
    },
  };
}

// A simulator's accepted messages by id. Pending messages are never evicted (a report or a query
// still needs them); final ones are kept, bounded, so a late query, cancel or replace still finds the
// message and answers "already final" instead of "unknown".
export interface RetainingStore<M extends { id: string }> {
  add(m: M): void;
  get(id: string): M | undefined;
  /** Marks a message final (call once per message); past `retainFinal` finals the oldest final goes. */
  finalise(m: M): void;
  size(): number;
  pending(): number;
}

export function createRetainingStore<M extends { id: string }>(opts: { retainFinal: number }): RetainingStore<M> {
  const byId = new Map<string, M>();
  // Final ids in finalisation order; a ring so eviction is O(1).
  const finals: string[] = new Array(opts.retainFinal);
  let head = 0;
  let count = 0;
  let pendingCount = 0;

  return {
    add(m) {
      byId.set(m.id, m);
      pendingCount++;
    },
    get: (id) => byId.get(id),
    finalise(m) {
      pendingCount--;
      if (count === opts.retainFinal) {
        byId.delete(finals[head]);
        head = (head + 1) % opts.retainFinal;
        count--;
      }
      finals[(head + count) % opts.retainFinal] = m.id;
      count++;
    },
    size: () => byId.size,
    pending: () => pendingCount,
  };
}

// Messages the SMSC has accepted, for query_sm / cancel_sm / replace_sm and for receipts. Final
// messages are kept (bounded) so a late query still answers; pending ones are never evicted.
import type { Timer } from '../../kit/clock.ts';

export interface SmscMessage {
  id: string;
  /** The message_id receipts carry: submit_multi gives every destination the response's one id. */
  receiptId: string;
  systemId: string;
  source: string;
  sourceTon: number;
  sourceNpi: number;
  destination: string;
  destTon: number;
  destNpi: number;
  /** Decoded text of this message (or segment), for the receipt's `text:` field. */
  text: string;
  submitAt: number;
  doneAt: number | null;
  /** SMPP message_state: 1 ENROUTE until final. */
  state: number;
  registeredDelivery: number;
  segments: number;
  /** Error code for query_sm (network error of the final outcome). */
  errorCode: number;
  validityMs: number;
  timer: Timer | null;
}

export interface MessageStore {
  add(m: SmscMessage): void;
  get(id: string): SmscMessage | undefined;
  /** Marks a message final and lets it age out once more than `retainFinal` are final. */
  finalise(m: SmscMessage): void;
  size(): number;
  pending(): number;
}

export function createMessageStore(opts: { retainFinal: number }): MessageStore {
  const byId = new Map<string, SmscMessage>();
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
      if (m.doneAt === null) throw new Error(`message ${m.id} finalised without doneAt`);
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

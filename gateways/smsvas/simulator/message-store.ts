// Messages the SMSC has accepted, for query_sm / cancel_sm / replace_sm and for receipts. Final
// messages are kept (bounded) so a late query still answers; pending ones are never evicted.
import type { Timer } from '../../kit/clock.ts';
import { createRetainingStore, type RetainingStore } from '../../kit/retaining-store.ts';

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

export type MessageStore = RetainingStore<SmscMessage>;

export function createMessageStore(opts: { retainFinal: number }): MessageStore {
  const store = createRetainingStore<SmscMessage>(opts);
  return {
    ...store,
    finalise(m) {
      if (m.doneAt === null) throw new Error(`message ${m.id} finalised without doneAt`);
      store.finalise(m);
    },
  };
}

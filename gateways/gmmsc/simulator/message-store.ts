// Messages the relay has accepted, for CancelReq / ReplaceReq and for delivery reports. Final messages
// are kept (bounded) so a late cancel still answers "already final" instead of 2005; pending ones are
// never evicted.
import type { ReportOutcome } from '../../kit/canonical-reason.ts';
import type { Timer } from '../../kit/clock.ts';
import { createRetainingStore, type RetainingStore } from '../../kit/retaining-store.ts';
import type { Mm7Address } from '../codec/mm7-message.ts';

export interface MmscRecipient {
  address: Mm7Address;
  msisdn: string;
  outcome: ReportOutcome | null;
  doneAt: number | null;
  timer: Timer | null;
}

export interface MmscMessage {
  id: string;
  vaspId: string;
  sender: Mm7Address;
  recipients: MmscRecipient[];
  subject?: string;
  text: string;
  submitAt: number;
  deliveryReport: boolean;
  readReply: boolean;
  validityMs: number;
  /** Reports are written in the namespace and MM7Version of the SubmitReq. */
  namespace: string;
  mm7Version: string;
  /** Every recipient final (delivered, failed, cancelled). */
  final: boolean;
  cancelled: boolean;
}

export type MessageStore = RetainingStore<MmscMessage>;

export function createMessageStore(opts: { retainFinal: number }): MessageStore {
  const store = createRetainingStore<MmscMessage>(opts);
  return {
    ...store,
    // Idempotent: both the last recipient's report and a CancelReq end a message; the first one counts.
    finalise(m) {
      if (m.final) return;
      m.final = true;
      store.finalise(m);
    },
  };
}

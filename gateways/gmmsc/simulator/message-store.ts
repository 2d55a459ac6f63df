// Messages the relay has accepted, for CancelReq / ReplaceReq and for delivery reports. Final messages
// are kept (bounded) so a late cancel still answers "already final" instead of 2005; pending ones are
// never evicted.
import type { ReportOutcome } from '../../kit/canonical-reason.ts';
import type { Timer } from '../../kit/clock.ts';
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

export interface MessageStore {
  add(m: MmscMessage): void;
  get(id: string): MmscMessage | undefined;
  finalise(m: MmscMessage): void;
  size(): number;
  pending(): number;
}

export function createMessageStore(opts: { retainFinal: number }): MessageStore {
  const byId = new Map<string, MmscMessage>();
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
      if (m.final) return;
      m.final = true;
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

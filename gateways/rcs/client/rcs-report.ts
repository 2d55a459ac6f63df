// What the client tells the engine after a send: one report per messageStatus worth acting on, and
// MO (a user's text or suggestion tap). The report book links message ids to the caller's reference
// and drops a final status the MaaP posts twice (it retries webhooks it thinks were lost), unless the
// first copy was not taken (forget()): then the MaaP's retry is the one that counts.
import type { ReportOutcome } from '../../kit/canonical-reason.ts';
import type { RcsReportEvent } from './rcs-outcome-table.ts';

export interface RcsReport {
  messageId: string;
  event: RcsReportEvent;
  outcome: ReportOutcome;
  /** False only for `displayed`, which follows the final `delivered`. */
  final: boolean;
  /** MaaP result code of a failure (54001, 54002, 56007, ...), else null. */
  code: number | null;
  /** When the client received it (client clock, epoch ms). */
  at: number;
  /** The MaaP's own timestamp, as sent. */
  timestamp: string | null;
  userContact: string | null;
  reference?: unknown;
}

export interface RcsMo {
  /** 'message' (free text) or 'response' (suggestion tap). */
  event: string;
  userContact: string | null;
  messageId: string | null;
  text: string | null;
  postback: string | null;
  at: number;
}

export interface ReportBook {
  put(messageId: string, reference: unknown): void;
  /** Whether this report should reach the engine; fills in the reference and forgets it on a final. */
  admit(report: RcsReport): boolean;
  /** The caller could not take an admitted report: its next copy is admitted again, with its reference. */
  forget(report: RcsReport): void;
  readonly size: number;
}

/** `limit` bounds both maps: reports that never come must not grow them forever (oldest go first). */
export function createReportBook(limit = 1_000_000): ReportBook {
  const refs = new Map<string, unknown>();
  const finals = new Set<string>();
  const bounded = <K>(m: { size: number; keys(): IterableIterator<K>; delete(k: K): boolean }) => {
    if (m.size >= limit) m.delete(m.keys().next().value as K);
  };
  return {
    put(id, reference) {
      bounded(refs);
      refs.set(id, reference);
    },
    admit(report) {
      if (report.final) {
        if (finals.has(report.messageId)) return false;
        bounded(finals);
        finals.add(report.messageId);
      }
      if (refs.has(report.messageId)) {
        report.reference = refs.get(report.messageId);
        // A delivered message may still be displayed, so its reference stays until then (or eviction).
        if ((report.final && report.event !== 'delivered') || report.event === 'displayed') refs.delete(report.messageId);
      }
      return true;
    },
    forget(report) {
      if (report.final) finals.delete(report.messageId);
      if (typeof report.reference === 'string' && !refs.has(report.messageId)) refs.set(report.messageId, report.reference);
    },
    get size() {
      return refs.size;
    },
  };
}

// The client's one table from MM7 wire values to the canonical vocabulary: the StatusCode of a SubmitRsp
// or RSErrorRsp -> RejectReason, and the MMStatus of a DeliveryReportReq / ReadReplyReq -> ReportOutcome.
// Transience is never decided here: it follows from the reason (canonical-reason.ts), so every gateway
// backs off on the same reasons.
import { isTransientReject, type RejectReason, type ReportOutcome } from '../../kit/canonical-reason.ts';
import { MM7_STATUS } from '../codec/mm7-status.ts';

/** Every TS 23.140 Request Status code (Rel-6 set) that refuses a request; names are in the codec's MM7_STATUS. */
export const REJECT_REASON_BY_STATUS: Readonly<Record<number, RejectReason>> = {
  2000: 'invalid-content',
  2001: 'content-refused',
  2002: 'invalid-destination',
  2003: 'no-subscriber',
  2004: 'content-refused',
  2005: 'invalid-content',
  2006: 'invalid-content',
  2007: 'invalid-content',
  2008: 'invalid-content',
  2009: 'invalid-content',
  3000: 'system-error',
  3001: 'system-error',
  3002: 'content-refused',
  3003: 'invalid-destination',
  3004: 'unsupported',
  4000: 'system-error',
  4001: 'auth-failed',
  4002: 'unsupported',
  4003: 'unsupported',
  4004: 'invalid-content',
  4005: 'system-error',
  // MMSCs without a throttling code answer an over-rate VASP with 4006; either way: back off and retry.
  4006: 'service-unavailable',
  4007: 'auth-failed',
  4008: 'unsupported',
};

export interface Mm7Rejection {
  kind: 'rejected';
  reason: RejectReason;
  transient: boolean;
  /** The MM7 StatusCode, or 'HTTP <status>' when the MMSC answered without a readable MM7 status. */
  code: number | string;
  codeName?: string;
  /** StatusText / faultstring as the MMSC wrote it. */
  text?: string;
  /** Status Details, when the MMSC said more (which content rule, which address). */
  details?: string;
}

/**
 * The rejection an MM7 StatusCode means. Private codes are judged by their class, as TS 23.140 groups
 * them: 2xxx the request was wrong (permanent), 3xxx and 4xxx the server or service failed (retry).
 */
export function rejectionForStatus(code: number, text?: string, details?: string): Mm7Rejection {
  const known = REJECT_REASON_BY_STATUS[code];
  let reason: RejectReason = known ?? (Math.floor(code / 1000) === 2 ? 'invalid-content' : 'system-error');
  // MM7 has no throttling code; relays that say so in the StatusText of a 4006 are taken at their word.
  if (code === 4006 && text && /throttl|rate limit|over the contracted rate/i.test(text)) reason = 'throttled';
  const name = MM7_STATUS[code]?.text;
  return {
    kind: 'rejected',
    reason,
    transient: isTransientReject(reason),
    code,
    ...(name ? { codeName: name } : {}),
    ...(text ? { text } : {}),
    ...(details ? { details } : {}),
  };
}

/** An HTTP answer that carried no MM7 status (no SOAP body, or one that does not parse). */
export function rejectionForHttp(status: number, text?: string): Mm7Rejection {
  const reason: RejectReason =
    status === 401 || status === 403 ? 'auth-failed' : status === 429 ? 'throttled' : status === 503 ? 'service-unavailable' : status >= 500 ? 'system-error' : 'invalid-content';
  return { kind: 'rejected', reason, transient: isTransientReject(reason), code: `HTTP ${status}`, ...(text ? { text } : {}) };
}

/**
 * DeliveryReportReq MMStatus -> outcome. `final: false` for Deferred (the MMSC keeps trying).
 * Forwarded counts as delivered: the recipient took the message (to pass it on) and it left the relay.
 */
export const DELIVERY_MM_STATUS: Readonly<Record<string, { outcome: ReportOutcome; final: boolean }>> = {
  Retrieved: { outcome: 'delivered', final: true },
  Forwarded: { outcome: 'delivered', final: true },
  Expired: { outcome: 'expired', final: true },
  Rejected: { outcome: 'rejected', final: true },
  Indeterminate: { outcome: 'unknown', final: true },
  Deferred: { outcome: 'unknown', final: false },
  Unrecognised: { outcome: 'undeliverable', final: true },
  Unrecognized: { outcome: 'undeliverable', final: true },
  NotSupported: { outcome: 'undeliverable', final: true },
  DeliveryConditionNotMet: { outcome: 'undeliverable', final: true },
};

/** ReadReplyReq MMStatus -> outcome: a read or deleted message was delivered first. */
export const READ_REPLY_MM_STATUS: Readonly<Record<string, { outcome: ReportOutcome; final: boolean }>> = {
  Read: { outcome: 'delivered', final: true },
  Deleted: { outcome: 'delivered', final: true },
  Indeterminate: { outcome: 'unknown', final: true },
};

export function outcomeForMmStatus(kind: 'delivery' | 'read-reply', mmStatus: string): { outcome: ReportOutcome; final: boolean } {
  const table = kind === 'delivery' ? DELIVERY_MM_STATUS : READ_REPLY_MM_STATUS;
  // Element values are case-sensitive in the schema; some MMSCs still write 'retrieved'.
  const hit = table[mmStatus] ?? Object.entries(table).find(([k]) => k.toLowerCase() === mmStatus.toLowerCase())?.[1];
  return hit ?? { outcome: 'unknown', final: true };
}

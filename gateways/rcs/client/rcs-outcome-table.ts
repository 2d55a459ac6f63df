// The client's one table from RCS wire values to the canonical vocabulary: a send answer (HTTP status
// + MaaP result code) -> RejectReason, and a messageStatus webhook -> report event. Code ranges follow
// the KT code sheet: 4xxxx Samsung MaaP GW, 5xxxx carrier MaaP-FE, 6xxxx RBC, 7xxxx KT relay. The
// simulator keeps the reverse table (simulator/rcs-outcome-table.ts); a unit test checks they agree.
import { isTransientReject, type RejectReason, type ReportOutcome } from '../../kit/canonical-reason.ts';
import { RCS_RESULT as R, resultByCode } from '../codec/rcs-result-codes.ts';

export interface Rejection {
  kind: 'rejected';
  reason: RejectReason;
  transient: boolean;
  /** The MaaP result code when the answer carried one, else the HTTP status. */
  code: number;
  codeName?: string;
  httpStatus: number;
}

/** Result codes whose reason is not the one their range or HTTP status gives. */
const BY_CODE = new Map<number, RejectReason>([
  [R.USER_NOT_FOUND.code, 'no-subscriber'],
  [R.NON_RCS_USER.code, 'not-capable'],
  [R.INVALID_CONTACT_USER.code, 'not-capable'],
  [R.NO_RCS_CAPABILITY.code, 'not-capable'],
  [75007, 'not-capable'], // KT relay: no RCS capability
  [76003, 'not-capable'], // KT relay: no RCS subscription
  [R.MESSAGE_FILTERED.code, 'spam'],
  [42601, 'throttled'], // Samsung MaaP GW: rate exceeded
  [R.TPS_EXCEEDED.code, 'throttled'],
  [R.QUOTA_EXCEEDED.code, 'queue-full'],
  [R.INVALID_DEST_NUMBER.code, 'invalid-destination'],
  [42005, 'invalid-destination'], // Samsung MaaP GW: contact without country code
  [R.INVALID_BOT_ID.code, 'invalid-source'],
  [R.CHATBOT_PERMISSION.code, 'unregistered-sender'],
  [R.CHATBOT_STATUS.code, 'unregistered-sender'],
  [R.PARAMETER_ERROR.code, 'invalid-content'],
  [R.JSON_PARSING_ERROR.code, 'invalid-content'],
  [R.MESSAGE_SYNTAX.code, 'invalid-content'],
  [R.MISSING_CONTENT.code, 'invalid-content'],
  [R.INVALID_CONTENT.code, 'invalid-content'],
  [R.DUPLICATED_MESSAGE_ID.code, 'invalid-content'],
  [R.INVALID_EXPIRY.code, 'invalid-content'],
  [R.NOT_FOUND_HANDLER.code, 'unsupported'],
  [R.DATA_NOT_FOUND.code, 'unsupported'],
  [R.MAAP_INTERNAL.code, 'system-error'],
  [R.INTERNAL_ERROR.code, 'system-error'],
  [R.BACKEND_TIMEOUT.code, 'service-unavailable'],
]);

/** A daily or monthly quota does not clear by retrying within seconds. */
const NOT_TRANSIENT = new Set<number>([R.QUOTA_EXCEEDED.code]);

function byRange(code: number): RejectReason | null {
  if (code >= 50001 && code <= 50009) return 'auth-failed';
  if (code >= 51101 && code <= 51104) return 'auth-failed'; // agencyKey / brandKey
  if (code >= 41201 && code <= 41250) return 'not-capable'; // handset cannot take this content kind
  if (code >= 52000 && code <= 52999) return 'content-refused'; // messagebase state
  if (code >= 55000 && code <= 55999) return 'content-refused'; // brand, chatbot, messagebase, content
  if (code >= 42000 && code <= 42999) return 'invalid-content'; // Samsung MaaP GW validation
  return null;
}

function byHttpStatus(status: number): RejectReason {
  if (status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'auth-failed';
  if (status === 503) return 'service-unavailable';
  if (status >= 500) return 'system-error';
  if (status === 404 || status === 405) return 'unsupported';
  return 'invalid-content';
}

/** What a non-2xx send answer means. `code` is the error body's result code when it had one. */
export function rejectionFor(httpStatus: number, code: number | null, codeName?: string): Rejection {
  let reason = (code !== null ? (BY_CODE.get(code) ?? byRange(code)) : null) ?? byHttpStatus(httpStatus);
  // Whatever the body says, 429 and 5xx are the server asking to be asked again later.
  if (httpStatus === 429 && reason !== 'queue-full') reason = 'throttled';
  else if (httpStatus >= 500 && !isTransientReject(reason)) reason = httpStatus === 503 ? 'service-unavailable' : 'system-error';
  const transient = isTransientReject(reason) && !(code !== null && NOT_TRANSIENT.has(code));
  const name = codeName ?? (code !== null ? resultByCode(code)?.name : undefined);
  return { kind: 'rejected', reason, transient, code: code ?? httpStatus, ...(name ? { codeName: name } : {}), httpStatus };
}

/** What the client reports for one messageStatus event. */
export type RcsReportEvent = 'delivered' | 'displayed' | 'not-capable' | 'failed' | 'expired';

/** Failure codes meaning the message outlived its expiry (MaaP-FE 56007; KT relay 77001, 79997, 79998). */
const EXPIRY_CODES = new Set<number>([R.EXPIRED_BEFORE_SESSION.code, 77001, 79997, 79998]);

export interface ReportMapping {
  event: RcsReportEvent;
  outcome: ReportOutcome;
  final: boolean;
}

/**
 * messageStatus status (+ failure code) -> report. `sent`, `pending` and unknown statuses give null:
 * nothing the engine acts on. `displayed` is non-final: it comes after the final `delivered`.
 */
export function reportFor(status: string, code: number | null): ReportMapping | null {
  switch (status) {
    case 'delivered':
      return { event: 'delivered', outcome: 'delivered', final: true };
    case 'displayed':
      return { event: 'displayed', outcome: 'delivered', final: false };
    case 'expired':
      return { event: 'expired', outcome: 'expired', final: true };
    case 'failed':
      if (code !== null && EXPIRY_CODES.has(code)) return { event: 'expired', outcome: 'expired', final: true };
      if (code !== null && (BY_CODE.get(code) ?? byRange(code)) === 'not-capable') return { event: 'not-capable', outcome: 'undeliverable', final: true };
      return { event: 'failed', outcome: code === R.MAAP_INTERNAL.code ? 'unknown' : 'undeliverable', final: true };
    case 'cancelled':
      return { event: 'failed', outcome: 'rejected', final: true };
    default:
      return null;
  }
}

// The one table of Xroshot Result values (the "Error Code (Xroshot)" column of KT's relay error-code
// sheet, see /work/shared/reference/protocols.md §4) and how each maps onto the canonical vocabulary.
// A Result answers synchronously (res_*: `reason`) or in a req_report (`outcome`); the simulator
// writes from REJECT_RESULT / the report table, a client reads with rejectReasonOf / reportOutcomeOf.
// Which canonical reason a code stands for is our reading of the sheet's descriptions: see README.
import { isTransientReject, type RejectReason, type ReportOutcome } from '../../kit/canonical-reason.ts';

export interface ResultCodeInfo {
  name: string;
  description: string;
  /** Canonical reason when this Result refuses a request synchronously. */
  reason: RejectReason;
  /** Canonical outcome when this Result arrives in a req_report. */
  outcome: ReportOutcome;
}

const r = (name: string, description: string, reason: RejectReason, outcome: ReportOutcome): ResultCodeInfo => ({ name, description, reason, outcome });

export const RESULT_CODES: Readonly<Record<number, ResultCodeInfo>> = {
  0: r('SUCCESS', 'success', 'system-error', 'delivered'),
  1: r('SYSTEM_ERROR', 'system error', 'system-error', 'unknown'),
  2: r('AUTH_ERROR', 'authentication error', 'auth-failed', 'rejected'),
  3: r('INVALID_MESSAGE_TYPE', 'invalid message type or content', 'invalid-content', 'rejected'),
  5: r('INVALID_SP_ID', 'invalid service provider (sender) id', 'auth-failed', 'rejected'),
  7: r('BAD_PASSWORD', 'password mismatch', 'auth-failed', 'rejected'),
  8: r('BAD_PASSWORD_2', 'password error', 'auth-failed', 'rejected'),
  9: r('END_USER_ABSENT', 'end user absent (number not in service)', 'no-subscriber', 'undeliverable'),
  10: r('END_USER_TERMINATED', 'end user terminated', 'no-subscriber', 'undeliverable'),
  16: r('REPORT_TIMEOUT_16', 'report timeout', 'system-error', 'expired'),
  17: r('IP_NOT_ALLOWED', 'client IP not allowed', 'auth-failed', 'rejected'),
  27: r('SERVICE_NOT_SUBSCRIBED', 'service (message type) not subscribed', 'unsupported', 'rejected'),
  33: r('QUOTA_EXCEEDED', 'send limit exceeded (per-second rate, sessions or monthly quota)', 'throttled', 'rejected'),
  90: r('TOO_MANY_RECIPIENTS', 'too many broadcast recipients', 'invalid-content', 'rejected'),
  95: r('ATTACHMENT_SIZE', 'attachment count or size over the limit', 'content-refused', 'rejected'),
  101: r('SPAM_CONTENT', 'spam: content', 'spam', 'rejected'),
  102: r('SPAM_SENDER', 'spam: sender', 'spam', 'rejected'),
  103: r('SPAM_RECIPIENT', 'spam: recipient blocks it', 'spam', 'rejected'),
  104: r('SPAM_CALLBACK', 'spam: callback number', 'spam', 'rejected'),
  108: r('SAME_MESSAGE_LIMIT', 'same-message limit', 'spam', 'rejected'),
  111: r('SAME_RECIPIENT_LIMIT', 'same-recipient limit', 'spam', 'rejected'),
  112: r('REPORT_TIMEOUT_112', 'report timeout', 'system-error', 'expired'),
  114: r('NUMBER_THEFT_BLOCK', 'number theft / spoofing block', 'invalid-source', 'rejected'),
  115: r('UNREGISTERED_CALLBACK', 'unregistered callback number blocked', 'unregistered-sender', 'rejected'),
  116: r('NUMBER_RULE_VIOLATION', 'number rule violation', 'invalid-source', 'rejected'),
  118: r('KISA_ORIGIN_CODE_LENGTH', 'KISA origin code length', 'invalid-source', 'rejected'),
  200: r('BUSY', 'handset busy', 'system-error', 'expired'),
  201: r('NO_RESPONSE', 'no response from the handset', 'system-error', 'expired'),
  202: r('NO_SUBSCRIBER_202', 'no subscriber', 'no-subscriber', 'undeliverable'),
  203: r('END_USER_SUSPENDED', 'subscriber suspended', 'no-subscriber', 'undeliverable'),
  204: r('POWER_OFF', 'handset switched off', 'system-error', 'expired'),
  205: r('SHADED_AREA', 'handset out of coverage', 'system-error', 'expired'),
  206: r('DEVICE_MESSAGE_FULL', 'handset message store full', 'system-error', 'undeliverable'),
  207: r('UNKNOWN_207', 'unknown error', 'system-error', 'unknown'),
  208: r('MESSAGE_OVERFLOW', 'message overflow', 'system-error', 'undeliverable'),
  209: r('PORTED_SUBSCRIBER', 'ported subscriber (NPDB): the number is served by the own network', 'invalid-destination', 'undeliverable'),
  211: r('REPORT_TIMEOUT_211', 'report timeout', 'system-error', 'expired'),
  212: r('NO_SUBSCRIBER', 'no subscriber', 'no-subscriber', 'undeliverable'),
  216: r('BAD_RECIPIENT_216', 'bad recipient number', 'invalid-destination', 'undeliverable'),
  227: r('BAD_RECIPIENT_227', 'bad recipient number', 'invalid-destination', 'undeliverable'),
  228: r('BAD_RECIPIENT_228', 'bad recipient number', 'invalid-destination', 'undeliverable'),
  404: r('NO_SUBSCRIBER_404', 'no subscriber', 'no-subscriber', 'undeliverable'),
  486: r('NO_RESPONSE_486', 'no response', 'system-error', 'expired'),
  487: r('REPORT_TIMEOUT_487', 'report timeout', 'system-error', 'expired'),
  500: r('SYSTEM_ERROR_500', 'system error', 'system-error', 'unknown'),
  503: r('SERVICE_UNAVAILABLE', 'system error: service unavailable', 'service-unavailable', 'unknown'),
  504: r('SYSTEM_BUSY', 'system error: queue full', 'queue-full', 'unknown'),
  600: r('SYSTEM_ERROR_600', 'system error', 'system-error', 'unknown'),
  603: r('SYSTEM_ERROR_603', 'system error', 'system-error', 'unknown'),
  2103: r('UNSUPPORTED_DEVICE', 'handset cannot take this message type', 'not-capable', 'undeliverable'),
  2106: r('BAD_SENDER_NUMBER', 'bad sender (callback) number', 'invalid-source', 'rejected'),
  2107: r('BAD_RECIPIENT_NUMBER', 'bad recipient number', 'invalid-destination', 'undeliverable'),
  4404: r('SPAM_RECIPIENT_4404', 'spam: recipient', 'spam', 'rejected'),
  5300: r('UNKNOWN_5300', 'unknown error', 'system-error', 'unknown'),
};

export const RESULT_SUCCESS = 0;

/** What the simulator answers for each canonical reject reason (one code per reason). */
export const REJECT_RESULT: Readonly<Record<RejectReason, number>> = {
  throttled: 33,
  'queue-full': 504,
  'invalid-destination': 2107,
  'invalid-source': 2106,
  'unregistered-sender': 115,
  'invalid-content': 3,
  'content-refused': 95,
  spam: 101,
  'not-capable': 2103,
  'no-subscriber': 212,
  'auth-failed': 2,
  unsupported: 27,
  'system-error': 500,
  'service-unavailable': 503,
};

export function resultName(code: number): string {
  return RESULT_CODES[code]?.name ?? `RESULT_${code}`;
}

/** Canonical reason of a synchronous Result; codes outside the table read as system errors. */
export function rejectReasonOf(code: number): RejectReason {
  return RESULT_CODES[code]?.reason ?? 'system-error';
}

export function isTransientResult(code: number): boolean {
  return code !== RESULT_SUCCESS && isTransientReject(rejectReasonOf(code));
}

/** Canonical outcome of a req_report Result; codes outside the table read as unknown. */
export function reportOutcomeOf(code: number): ReportOutcome {
  return RESULT_CODES[code]?.outcome ?? 'unknown';
}

// The gateway-neutral vocabulary of outcomes. Behaviour files speak it; each gateway keeps one table
// from these to its wire codes (SMPP command_status, MM7 StatusCode, RCS error code, Xroshot Result).

/** Why a request was refused synchronously (in the submit response). */
export const REJECT_REASONS = [
  'throttled', // over the contracted rate; retry later
  'queue-full', // gateway queue full; retry later
  'invalid-destination', // malformed or unknown recipient number
  'invalid-source', // malformed sender / callback number
  'unregistered-sender', // callback number not pre-registered (Korean anti-spoofing rule)
  'invalid-content', // bad encoding, oversize, bad data_coding
  'content-refused', // content policy / size rules (MM7 2004)
  'spam', // carrier spam filter
  'not-capable', // handset cannot take this kind of message (RCS, MMS)
  'no-subscriber', // number not in service
  'auth-failed', // credentials refused
  'unsupported', // operation or version not supported
  'system-error', // gateway-side failure; may be retried
  'service-unavailable', // outage; may be retried
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Final outcome carried by a delivery report. */
export const REPORT_OUTCOMES = ['delivered', 'undeliverable', 'expired', 'rejected', 'unknown'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/** Reject reasons a sender is expected to back off on and retry. */
export const TRANSIENT_REJECT_REASONS: ReadonlySet<RejectReason> = new Set<RejectReason>([
  'throttled',
  'queue-full',
  'system-error',
  'service-unavailable',
]);

export function isTransientReject(reason: RejectReason): boolean {
  return TRANSIENT_REJECT_REASONS.has(reason);
}

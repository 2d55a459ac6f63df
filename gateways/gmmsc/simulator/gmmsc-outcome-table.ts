// The one table from canonical outcomes to MM7 wire values (TS 23.140 Request Status codes and the
// DeliveryReportReq MMStatus). MM7 has no code for some carrier rules; the nearest one is used and the
// choice is documented in gateways/gmmsc/README.md.
import type { RejectReason, ReportOutcome } from '../../kit/canonical-reason.ts';

export const REJECT_STATUS: Record<RejectReason, number> = {
  // MM7 has no throttling code: an over-rate VASP is told the service is unavailable for now (retry).
  throttled: 4006,
  'queue-full': 3001,
  'invalid-destination': 2002,
  'invalid-source': 2002,
  'unregistered-sender': 2001,
  'invalid-content': 2007,
  'content-refused': 2004,
  spam: 3002,
  'not-capable': 3002,
  'no-subscriber': 2003,
  'auth-failed': 4001,
  unsupported: 4003,
  'system-error': 3000,
  'service-unavailable': 4006,
};

/** StatusText written with each canonical reason, so a VASP can tell reasons sharing a code apart. */
export const REJECT_TEXT: Record<RejectReason, string> = {
  throttled: 'Throttled: over the contracted rate',
  'queue-full': 'Not Possible: relay queue full',
  'invalid-destination': 'Address Error',
  'invalid-source': 'Address Error: sender address',
  'unregistered-sender': 'Operation restricted: sender number not registered',
  'invalid-content': 'Message format corrupt',
  'content-refused': 'Multimedia content refused',
  spam: 'Message rejected: spam',
  'not-capable': 'Message rejected: recipient cannot take MMS',
  'no-subscriber': 'Address Not Found',
  'auth-failed': 'Improper identification',
  unsupported: 'Unsupported operation',
  'system-error': 'Server Error',
  'service-unavailable': 'Service unavailable',
};

export interface ReportWire {
  mmStatus: 'Retrieved' | 'Expired' | 'Rejected' | 'Indeterminate';
  statusText: string;
}

/** DeliveryReportReq MMStatus per outcome (Rel-5 core set, so every namespace can carry it). */
export const REPORT_WIRE: Record<ReportOutcome, ReportWire> = {
  delivered: { mmStatus: 'Retrieved', statusText: 'Message retrieved by the recipient' },
  undeliverable: { mmStatus: 'Indeterminate', statusText: 'Recipient number not in service' },
  expired: { mmStatus: 'Expired', statusText: 'Recipient unreachable until the message expired' },
  rejected: { mmStatus: 'Rejected', statusText: 'Message rejected by the recipient handset or network' },
  unknown: { mmStatus: 'Indeterminate', statusText: 'Delivery status unknown' },
};

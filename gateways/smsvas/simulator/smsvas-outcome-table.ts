// The one table from canonical outcomes to SMPP 3.4 wire values. SMPP has no code for some Korean
// carrier rules (unregistered callback number, spam); those map to the nearest 3.4 status and the
// choice is documented in gateways/smsvas/README.md.
import type { RejectReason, ReportOutcome } from '../../kit/canonical-reason.ts';
import { COMMAND_STATUS } from '../codec/command-status.ts';
import { MESSAGE_STATE } from '../codec/delivery-receipt.ts';

export const REJECT_STATUS: Record<RejectReason, number> = {
  throttled: COMMAND_STATUS.ESME_RTHROTTLED,
  'queue-full': COMMAND_STATUS.ESME_RMSGQFUL,
  'invalid-destination': COMMAND_STATUS.ESME_RINVDSTADR,
  'invalid-source': COMMAND_STATUS.ESME_RINVSRCADR,
  'unregistered-sender': COMMAND_STATUS.ESME_RINVSRCADR,
  'invalid-content': COMMAND_STATUS.ESME_RINVMSGLEN,
  'content-refused': COMMAND_STATUS.ESME_RSUBMITFAIL,
  spam: COMMAND_STATUS.ESME_RSUBMITFAIL,
  'not-capable': COMMAND_STATUS.ESME_RSUBMITFAIL,
  'no-subscriber': COMMAND_STATUS.ESME_RINVDSTADR,
  'auth-failed': COMMAND_STATUS.ESME_RBINDFAIL,
  unsupported: COMMAND_STATUS.ESME_RINVCMDID,
  'system-error': COMMAND_STATUS.ESME_RSYSERR,
  'service-unavailable': COMMAND_STATUS.ESME_RSYSERR,
};

export interface ReceiptWire {
  stat: 'DELIVRD' | 'EXPIRED' | 'UNDELIV' | 'REJECTD' | 'UNKNOWN' | 'DELETED' | 'ENROUTE' | 'ACCEPTD';
  messageState: number;
  /** Appendix B `err:` field, three digits. */
  err: string;
  /** network_error_code TLV: network type (3 = GSM) + 2-byte code. */
  networkError: number;
}

/** Error values follow the GSM MAP causes a real SMSC reports for each fate. */
export const REPORT_WIRE: Record<ReportOutcome, ReceiptWire> = {
  delivered: { stat: 'DELIVRD', messageState: MESSAGE_STATE.DELIVERED, err: '000', networkError: 0 },
  undeliverable: { stat: 'UNDELIV', messageState: MESSAGE_STATE.UNDELIVERABLE, err: '001', networkError: 1 },
  expired: { stat: 'EXPIRED', messageState: MESSAGE_STATE.EXPIRED, err: '027', networkError: 27 },
  rejected: { stat: 'REJECTD', messageState: MESSAGE_STATE.REJECTED, err: '013', networkError: 13 },
  unknown: { stat: 'UNKNOWN', messageState: MESSAGE_STATE.UNKNOWN, err: '255', networkError: 255 },
};

export function networkErrorCode(code: number): Buffer {
  const b = Buffer.alloc(3);
  b[0] = 3;
  b.writeUInt16BE(code, 1);
  return b;
}

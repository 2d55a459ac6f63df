// deliver_sm -> a delivery report or an MO message. A receipt is read from both places it may be
// carried: the Appendix B text and the 3.4 receipt TLVs; the TLVs win where both exist because they are
// typed, while the text is vendor-specific (and some SMSCs garble it).
import type { ReportOutcome } from '../../kit/canonical-reason.ts';
import { parseReceiptText, type ReceiptStat } from '../codec/delivery-receipt.ts';
import type { Pdu } from '../codec/pdu.ts';
import { reportOutcomeForStat, statForMessageState } from './smpp-outcome-table.ts';

/** esm_class bits 5-2: message type. */
const ESM_TYPE_MASK = 0x3c;
const ESM_TYPE_RECEIPT = 0x04;
const ESM_TYPE_INTERMEDIATE = 0x20;

export interface SmsvasReport {
  /** The SMSC's message id, as the submit_sm_resp gave it. */
  messageId: string;
  outcome: ReportOutcome;
  /** False for intermediate notifications (ENROUTE): more reports follow. */
  final: boolean;
  /** Appendix B stat ('DELIVRD', ...) or the stat the message_state TLV stands for. */
  stat: string;
  /** Appendix B err field ('000'), or '' when the text had none. */
  err: string;
  /** done date as epoch ms, or null when the text carried no readable date. */
  doneAt: number | null;
  submitAt: number | null;
  /** system_id the SMSC gave in its bind response. */
  smscId: string;
  /** message_state TLV, when present. */
  messageState: number | null;
  /** network_error_code TLV as [network type, error code], when present. */
  networkError: { type: number; code: number } | null;
  sub: number | null;
  dlvrd: number | null;
  /** First characters of the original message, as the receipt echoes them. */
  text: string;
  /** The handset the message went to (the receipt's source_addr). */
  recipient: string;
  /** True when the Appendix B text parsed cleanly; false means fields came from the TLVs or a lenient scan. */
  textParsed: boolean;
  /** The reference given to submit(), when the client still held it. */
  reference?: string;
}

export interface SmsvasMo {
  source: string;
  destination: string;
  text: string;
  dataCoding: number;
  /** Parts it arrived in (1 unless concatenated). */
  segments: number;
}

export type DeliverKind = 'receipt' | 'mo';

export function deliverKind(pdu: Pdu): DeliverKind {
  const type = Number(pdu.esm_class ?? 0) & ESM_TYPE_MASK;
  return type === ESM_TYPE_RECEIPT || type === ESM_TYPE_INTERMEDIATE ? 'receipt' : 'mo';
}

/** The user data of a deliver_sm: message_payload when present (3.4: then sm_length is 0). */
export function deliverBody(pdu: Pdu): Buffer {
  const payload = pdu.message_payload;
  if (Buffer.isBuffer(payload) && payload.length > 0) return payload;
  return Buffer.isBuffer(pdu.short_message) ? pdu.short_message : Buffer.alloc(0);
}

// Lenient fallbacks for receipts that break Appendix B: find what can be found.
const LOOSE_ID = /(?:^|\s)id:(\S+)/i;
const LOOSE_STAT = /(?:^|\s)stat(?:us)?:(\S+)/i;
const LOOSE_ERR = /(?:^|\s)err:(\S+)/i;

/** Reads a receipt deliver_sm; null when no message id can be found anywhere in it. */
export function readReceipt(pdu: Pdu, smscId: string, timezone: string): SmsvasReport | null {
  const text = deliverBody(pdu).toString('latin1');
  const parsed = parseReceiptText(text, { timezone });
  const tlvId = typeof pdu.receipted_message_id === 'string' && pdu.receipted_message_id !== '' ? pdu.receipted_message_id : null;
  const tlvState = typeof pdu.message_state === 'number' ? pdu.message_state : null;
  const tlvStat = tlvState === null ? undefined : statForMessageState(tlvState);

  let messageId: string | null = tlvId;
  let stat: string | undefined = tlvStat;
  let err = '';
  let doneAt: number | null = null;
  let submitAt: number | null = null;
  let sub: number | null = null;
  let dlvrd: number | null = null;
  let snippet = '';
  if (parsed.ok) {
    const f = parsed.fields;
    messageId ??= f.id;
    stat ??= f.stat;
    err = f.err;
    doneAt = f.doneAt;
    submitAt = f.submitAt;
    sub = f.sub;
    dlvrd = f.dlvrd;
    snippet = f.text;
  } else {
    messageId ??= LOOSE_ID.exec(text)?.[1] ?? null;
    stat ??= LOOSE_STAT.exec(text)?.[1]?.toUpperCase();
    err = LOOSE_ERR.exec(text)?.[1] ?? '';
  }
  if (messageId === null) return null;
  const resolvedStat = stat ?? 'UNKNOWN';
  const { outcome, final } = reportOutcomeForStat(resolvedStat as ReceiptStat);
  const nec = pdu.network_error_code;
  const networkError = Buffer.isBuffer(nec) && nec.length === 3 ? { type: nec[0], code: nec.readUInt16BE(1) } : null;
  const intermediate = (Number(pdu.esm_class ?? 0) & ESM_TYPE_MASK) === ESM_TYPE_INTERMEDIATE;
  return {
    messageId,
    outcome,
    final: final && !intermediate,
    stat: resolvedStat,
    err,
    doneAt,
    submitAt,
    smscId,
    messageState: tlvState,
    networkError,
    sub,
    dlvrd,
    text: snippet,
    recipient: String(pdu.source_addr ?? ''),
    textParsed: parsed.ok,
  };
}

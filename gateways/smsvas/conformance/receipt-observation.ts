// Submitting with a receipt requested and watching for the SMSC delivery receipt that answers it.
import type { Pdu } from '../codec/pdu.ts';
import type { CheckContext } from './conformance-check.ts';
import { submitAccepted } from './esme-pdus.ts';
import type { WireSession } from './wire-session.ts';

export const ESM_CLASS_TYPE_MASK = 0x3c;
export const ESM_CLASS_SMSC_RECEIPT = 0x04;

export interface ReceiptObservation {
  messageId: string;
  /** The receipt deliver_sm for messageId, or null if none arrived in time. */
  receipt: Pdu | null;
  waitedMs: number;
  /** Receipt deliver_sm that arrived for other ids (a sign of mismatched id formats). */
  others: string[];
}

export function isReceipt(pdu: Pdu): boolean {
  return pdu.command === 'deliver_sm' && (Number(pdu.esm_class) & ESM_CLASS_TYPE_MASK) === ESM_CLASS_SMSC_RECEIPT;
}

export function receiptText(pdu: Pdu): string {
  const body = Buffer.isBuffer(pdu.short_message) && pdu.short_message.length > 0 ? pdu.short_message : pdu.message_payload;
  return Buffer.isBuffer(body) ? body.toString('latin1') : '';
}

/** The message id a receipt refers to: its receipted_message_id TLV, else the `id:` of its text. */
export function receiptIdOf(pdu: Pdu): string | null {
  if (typeof pdu.receipted_message_id === 'string') return pdu.receipted_message_id;
  return /(?:^|\s)id:(\S+)/.exec(receiptText(pdu))?.[1] ?? null;
}

/** Waits on `session` for the receipt of `messageId`, starting at received index `from`. */
export async function awaitReceipt(session: WireSession, messageId: string, timeoutMs: number, from: number): Promise<ReceiptObservation> {
  const started = Date.now();
  const receipt = await session.waitFor((p) => isReceipt(p) && receiptIdOf(p) === messageId, timeoutMs, from);
  const others = session.received
    .slice(from)
    .filter((p) => isReceipt(p) && receiptIdOf(p) !== messageId)
    .map((p) => receiptIdOf(p) ?? '(no id)');
  return { messageId, receipt, waitedMs: Date.now() - started, others };
}

/** One bind_transceiver, one submit_sm with registered_delivery 1, and its receipt (acknowledged). */
export async function observeReceipt(ctx: CheckContext, registeredDelivery = 1, waitMs = ctx.receiptTimeoutMs): Promise<ReceiptObservation> {
  const { session } = await ctx.openBound('bind_transceiver');
  const from = session.received.length;
  const resp = await submitAccepted(ctx, session, registeredDelivery);
  const obs = await awaitReceipt(session, resp.message_id as string, waitMs, from);
  await session.close();
  return obs;
}

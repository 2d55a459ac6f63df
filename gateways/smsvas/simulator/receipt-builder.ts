// deliver_sm bodies for SMSC delivery receipts (esm_class 0x04) and intermediate notifications
// (0x20), in the Appendix B text form with the 3.4 receipt TLVs.
import { formatReceiptText } from '../codec/delivery-receipt.ts';
import type { SmscMessage } from './message-store.ts';
import type { SmscQuirks } from './smsc-config.ts';
import { networkErrorCode, type ReceiptWire } from './smsvas-outcome-table.ts';

export const ESM_CLASS_RECEIPT = 0x04;
export const ESM_CLASS_INTERMEDIATE = 0x20;

export function buildReceiptFields(
  m: SmscMessage,
  wire: ReceiptWire,
  opts: { quirks: SmscQuirks; timezone: string; intermediate?: boolean },
): Record<string, unknown> {
  const text = opts.quirks.receiptFormat === 'malformed' ? malformedText(m, wire) : formatReceiptText(
    {
      id: m.receiptId,
      sub: 1,
      dlvrd: wire.stat === 'DELIVRD' ? 1 : 0,
      submitDate: m.submitAt,
      doneDate: m.doneAt ?? m.submitAt,
      stat: wire.stat,
      err: wire.err,
      text: receiptSnippet(m.text),
    },
    { timezone: opts.timezone },
  );
  const fields: Record<string, unknown> = {
    source_addr_ton: m.destTon,
    source_addr_npi: m.destNpi,
    source_addr: m.destination,
    dest_addr_ton: m.sourceTon,
    dest_addr_npi: m.sourceNpi,
    destination_addr: m.source,
    esm_class: opts.intermediate ? ESM_CLASS_INTERMEDIATE : ESM_CLASS_RECEIPT,
    data_coding: 0x01,
    short_message: Buffer.from(text, 'latin1'),
  };
  if (!opts.quirks.omitReceiptTlvs) {
    fields.receipted_message_id = m.receiptId;
    fields.message_state = wire.messageState;
    if (wire.networkError) fields.network_error_code = networkErrorCode(wire.networkError);
  }
  return fields;
}

/** The receipt's `text:` field carries the first 20 characters; non-ASCII is replaced since the receipt is IA5. */
function receiptSnippet(text: string): string {
  return text.slice(0, 20).replace(/[^\x20-\x7e]/g, '?');
}

function malformedText(m: SmscMessage, wire: ReceiptWire): string {
  return `id:${m.receiptId} status:${wire.stat.toLowerCase()} done:${new Date(m.doneAt ?? m.submitAt).toISOString()}`;
}

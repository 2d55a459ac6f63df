import { describe, expect, it } from 'vitest';
import { formatReceiptText } from '../../../../gateways/smsvas/codec/delivery-receipt.ts';
import type { Pdu } from '../../../../gateways/smsvas/codec/pdu.ts';
import { deliverKind, readReceipt } from '../../../../gateways/smsvas/client/deliver-reader.ts';

const TZ = 'Asia/Seoul';
const submitAt = Date.UTC(2026, 0, 5, 1, 0);
const doneAt = Date.UTC(2026, 0, 5, 1, 2);

function deliver(fields: Record<string, unknown>): Pdu {
  return { command: 'deliver_sm', command_id: 5, command_status: 0, sequence_number: 1, source_addr: '01012340001', esm_class: 0x04, ...fields };
}

const text = (id: string, stat: 'DELIVRD' | 'UNDELIV' | 'ENROUTE') =>
  Buffer.from(formatReceiptText({ id, sub: 1, dlvrd: stat === 'DELIVRD' ? 1 : 0, submitDate: submitAt, doneDate: doneAt, stat, err: '000', text: 'hello' }, { timezone: TZ }), 'latin1');

describe('deliver_sm reading', () => {
  it('tells receipts (esm_class 0x04 and 0x20) from MO', () => {
    expect(deliverKind(deliver({ esm_class: 0x04 }))).toBe('receipt');
    expect(deliverKind(deliver({ esm_class: 0x20 }))).toBe('receipt');
    expect(deliverKind(deliver({ esm_class: 0x40 }))).toBe('mo');
    expect(deliverKind(deliver({ esm_class: 0 }))).toBe('mo');
  });

  it('reads the Appendix B text when there are no TLVs', () => {
    const r = readReceipt(deliver({ short_message: text('ABC123', 'DELIVRD') }), 'MSGSIM', TZ);
    expect(r).toMatchObject({ messageId: 'ABC123', outcome: 'delivered', final: true, stat: 'DELIVRD', err: '000', doneAt, submitAt, sub: 1, dlvrd: 1, text: 'hello', messageState: null, smscId: 'MSGSIM', textParsed: true });
  });

  it('prefers receipted_message_id and message_state over the text', () => {
    const nec = Buffer.from([3, 0, 27]);
    const r = readReceipt(deliver({ short_message: text('OLD', 'DELIVRD'), receipted_message_id: 'NEW', message_state: 3, network_error_code: nec }), 'MSGSIM', TZ);
    expect(r).toMatchObject({ messageId: 'NEW', outcome: 'expired', stat: 'EXPIRED', messageState: 3, networkError: { type: 3, code: 27 } });
  });

  it('still correlates a receipt whose text breaks Appendix B', () => {
    const garbled = Buffer.from('id:77 status:undeliv done:2026-01-05T01:02:00Z', 'latin1');
    expect(readReceipt(deliver({ short_message: garbled }), 'X', TZ)).toMatchObject({ messageId: '77', outcome: 'undeliverable', stat: 'UNDELIV', textParsed: false, doneAt: null });
    expect(readReceipt(deliver({ short_message: garbled, receipted_message_id: '77', message_state: 2 }), 'X', TZ)).toMatchObject({ outcome: 'delivered' });
  });

  it('marks intermediate notifications as not final and gives up on a receipt without any id', () => {
    expect(readReceipt(deliver({ esm_class: 0x20, short_message: text('9', 'ENROUTE') }), 'X', TZ)).toMatchObject({ final: false });
    expect(readReceipt(deliver({ short_message: Buffer.from('nothing here') }), 'X', TZ)).toBeNull();
  });
});

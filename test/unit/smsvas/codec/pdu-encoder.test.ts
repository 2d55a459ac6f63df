import fc from 'fast-check';
import smpp from 'smpp';
import { describe, expect, it } from 'vitest';
import { encodePdu, type EncodablePdu } from '../../../../gateways/smsvas/codec/pdu.ts';
import { GOLDEN } from './golden-fixtures.ts';

/** The smpp package's own encoding of the same record (time strings given at full length pass its filter). */
function packageEncode(pdu: EncodablePdu): Buffer {
  const { command, ...fields } = pdu;
  return new smpp.PDU(command, fields).toBuffer();
}

describe('encodePdu writes the same octets as the smpp package', () => {
  for (const f of GOLDEN) {
    it(f.name, () => {
      expect(encodePdu(f.record as EncodablePdu).toString('hex')).toBe(packageEncode(f.record as EncodablePdu).toString('hex'));
    });
  }

  it('for arbitrary deliver_sm records with TLVs', () => {
    const text = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), maxLength: 20 });
    fc.assert(
      fc.property(
        fc.record({
          source_addr: text, destination_addr: text, esm_class: fc.integer({ min: 0, max: 255 }), data_coding: fc.integer({ min: 0, max: 255 }),
          validity_period: fc.constantFrom('', '261121093000036+'), short_message: fc.uint8Array({ maxLength: 254 }).map((a) => Buffer.from(a)),
          receipted_message_id: text, message_state: fc.integer({ min: 0, max: 8 }), user_message_reference: fc.integer({ min: 0, max: 0xffff }),
          network_error_code: fc.uint8Array({ minLength: 3, maxLength: 3 }).map((a) => Buffer.from(a)),
        }),
        (fields) => {
          const pdu: EncodablePdu = { command: 'deliver_sm', sequence_number: 77, ...fields };
          expect(encodePdu(pdu).equals(packageEncode(pdu))).toBe(true);
        },
      ),
      { numRuns: 200, seed: 34 },
    );
  });

  it('for structured TLVs packed by the package filters', () => {
    const pdu: EncodablePdu = { command: 'submit_sm', sequence_number: 1, short_message: Buffer.from('x'), callback_num: [{ digit_mode: 0, ton: 1, npi: 1, number: '8215881234' }] };
    expect(encodePdu(pdu).toString('hex')).toBe(packageEncode({ ...pdu, callback_num: [{ digit_mode: 0, ton: 1, npi: 1, number: '8215881234' }] }).toString('hex'));
  });
});

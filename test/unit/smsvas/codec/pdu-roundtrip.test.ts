import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMAND_ID, type CommandName } from '../../../../gateways/smsvas/codec/command-id.ts';
import { SmppCodecError } from '../../../../gateways/smsvas/codec/codec-errors.ts';
import { decodePdu, encodePdu, type EncodablePdu } from '../../../../gateways/smsvas/codec/pdu.ts';

const cstr = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdefXYZ+'.split('')), maxLength: max });
const u8 = fc.integer({ min: 0, max: 255 });

describe('decode(encode(x)) round trips', () => {
  it('submit_sm with arbitrary fields, octets and TLVs', () => {
    fc.assert(
      fc.property(
        fc.record({
          service_type: cstr(5), source_addr_ton: u8, source_addr_npi: u8, source_addr: cstr(20),
          dest_addr_ton: u8, dest_addr_npi: u8, destination_addr: cstr(20), esm_class: u8, protocol_id: u8,
          priority_flag: u8, schedule_delivery_time: fc.constantFrom('', '261121093000036+', '000001000000000R'),
          validity_period: fc.constantFrom('', '000000120000000R'), registered_delivery: u8, replace_if_present_flag: u8,
          data_coding: u8, sm_default_msg_id: u8, short_message: fc.uint8Array({ maxLength: 254 }).map((a) => Buffer.from(a)),
        }),
        fc.option(fc.integer({ min: 0, max: 0xffff }), { nil: undefined }),
        fc.integer({ min: 0, max: 0x7fffffff }),
        (fields, sarRef, seq) => {
          const pdu: EncodablePdu = { command: 'submit_sm', sequence_number: seq, ...fields };
          if (sarRef !== undefined) Object.assign(pdu, { sar_msg_ref_num: sarRef, sar_total_segments: 2, sar_segment_seqnum: 1 });
          const back = decodePdu(encodePdu(pdu));
          expect(back).toEqual({ ...pdu, command_id: COMMAND_ID.submit_sm, command_status: 0 });
        },
      ),
      { numRuns: 300, seed: 3434 },
    );
  });

  it('every 3.4 command with default fields', () => {
    for (const command of Object.keys(COMMAND_ID) as CommandName[]) {
      const fields: Record<string, unknown> = command === 'submit_multi' ? { dest_address: [{ dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '821012345678' }] } : {};
      const decoded = decodePdu(encodePdu({ command, sequence_number: 42, ...fields }));
      expect(decoded.command).toBe(command);
      expect(decoded.sequence_number).toBe(42);
      expect(decodePdu(encodePdu(decoded as EncodablePdu))).toEqual(decoded);
    }
  });

  it('unknown TLVs survive a round trip', () => {
    const pdu = { command: 'deliver_sm' as const, sequence_number: 1, short_message: Buffer.from('x'), unknown_tlvs: [{ tag: 0x1501, value: Buffer.from([1, 2, 3]) }] };
    expect(decodePdu(encodePdu(pdu)).unknown_tlvs).toEqual(pdu.unknown_tlvs);
  });

  it('octets above 0x7f in C-strings survive', () => {
    const decoded = decodePdu(encodePdu({ command: 'bind_transmitter', sequence_number: 1, system_id: 'caf\u00e9' }));
    expect(decoded.system_id).toBe('caf\u00e9');
  });
});

describe('encodePdu', () => {
  it('writes a header-only error response by default', () => {
    const wire = encodePdu({ command: 'submit_sm_resp', sequence_number: 9, command_status: 0x58, message_id: 'ignored' });
    expect(wire.toString('hex')).toBe('00000010800000040000005800000009');
  });
  it('keeps the body of an error response when asked', () => {
    const wire = encodePdu({ command: 'data_sm_resp', sequence_number: 9, command_status: 0xfe, message_id: '', delivery_failure_reason: 1 }, { bodyOnError: true });
    expect(decodePdu(wire)).toMatchObject({ command_status: 0xfe, message_id: '', delivery_failure_reason: 1 });
  });
  it('writes a short time string as given instead of padding it into a relative time', () => {
    const wire = encodePdu({ command: 'submit_sm', sequence_number: 1, validity_period: '2611', short_message: Buffer.alloc(0) });
    expect(decodePdu(wire).validity_period).toBe('2611');
  });
  it('refuses text where octets are required', () => {
    expect(() => encodePdu({ command: 'submit_sm', sequence_number: 1, short_message: 'hello' })).toThrow(SmppCodecError);
  });
  it('refuses an unknown command and a bad sequence_number', () => {
    expect(() => encodePdu({ command: 'broadcast_sm' as CommandName, sequence_number: 1 })).toThrow(/unknown command/);
    expect(() => encodePdu({ command: 'enquire_link', sequence_number: -1 })).toThrow(/sequence_number/);
  });
  it('reports an out-of-range number as SMSVAS_ERR_ENCODE', () => {
    try {
      encodePdu({ command: 'submit_sm', sequence_number: 1, esm_class: 300, short_message: Buffer.alloc(0) });
      expect.unreachable();
    } catch (e) {
      expect((e as SmppCodecError).code).toBe('SMSVAS_ERR_ENCODE');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { COMMAND_STATUS as S } from '../../../../gateways/smsvas/codec/command-status.ts';
import { SmppDecodeError } from '../../../../gateways/smsvas/codec/codec-errors.ts';
import { decodePdu, encodePdu } from '../../../../gateways/smsvas/codec/pdu.ts';
import { hex } from './golden-fixtures.ts';

/** A frame with a correct command_length around the given body. */
function frame(commandId: number, seq: number, ...body: string[]): Buffer {
  const b = hex('00000000', commandId.toString(16).padStart(8, '0'), '00000000', seq.toString(16).padStart(8, '0'), ...body);
  b.writeUInt32BE(b.length, 0);
  return b;
}

function decodeError(buf: Buffer): SmppDecodeError {
  try {
    decodePdu(buf);
  } catch (e) {
    if (e instanceof SmppDecodeError) return e;
    throw e;
  }
  throw new Error('decoded without error');
}

const SUBMIT_HEAD = ['00', '00 00 313500', '01 01 3100', '00 00 00', '00 00', '00 00 00 00'];

describe('decodePdu rejects malformed frames with the status to answer', () => {
  const cases: { name: string; buf: Buffer; status: number; code: string }[] = [
    { name: 'frame shorter than the header', buf: hex('0000000c 00000015 00000000'), status: S.ESME_RINVCMDLEN, code: 'SMSVAS_ERR_BAD_LENGTH' },
    { name: 'command_length disagrees with the frame', buf: hex('00000011 00000015 00000000 00000001 00'), status: S.ESME_RINVCMDLEN, code: 'SMSVAS_ERR_BAD_LENGTH' },
    { name: 'unknown command_id', buf: frame(0x42, 5), status: S.ESME_RINVCMDID, code: 'SMSVAS_ERR_UNKNOWN_COMMAND' },
    { name: 'v5.0-only broadcast_sm', buf: frame(0x111, 5), status: S.ESME_RINVCMDID, code: 'SMSVAS_ERR_UNKNOWN_COMMAND' },
    { name: 'body ends inside the mandatory fields', buf: frame(0x04, 5, '00 00 00 313500 01'), status: S.ESME_RINVCMDLEN, code: 'SMSVAS_ERR_BAD_LENGTH' },
    { name: 'C-string without its NUL', buf: frame(0x09, 5, '616263'), status: S.ESME_RINVCMDLEN, code: 'SMSVAS_ERR_BAD_LENGTH' },
    { name: 'bytes after a body that has no fields', buf: frame(0x15, 5, '00'), status: S.ESME_RINVCMDLEN, code: 'SMSVAS_ERR_BAD_LENGTH' },
    { name: 'system_id over 15 characters', buf: frame(0x09, 5, Buffer.from('x'.repeat(16)).toString('hex'), '00 00 00 34 00 00 00'), status: S.ESME_RINVSYSID, code: 'SMSVAS_ERR_BAD_PDU' },
    { name: 'password over 8 characters', buf: frame(0x09, 5, '6100', Buffer.from('p'.repeat(9)).toString('hex'), '00 00 34 00 00 00'), status: S.ESME_RINVPASWD, code: 'SMSVAS_ERR_BAD_PDU' },
    { name: 'source_addr over 20 digits', buf: frame(0x04, 5, '00 00 00', Buffer.from('1'.repeat(21)).toString('hex'), '00'), status: S.ESME_RINVSRCADR, code: 'SMSVAS_ERR_BAD_PDU' },
    { name: 'destination_addr over 20 digits', buf: frame(0x04, 5, '00 00 00 3100 00 00', Buffer.from('1'.repeat(21)).toString('hex'), '00'), status: S.ESME_RINVDSTADR, code: 'SMSVAS_ERR_BAD_PDU' },
    { name: 'service_type over 5 characters', buf: frame(0x04, 5, Buffer.from('CMTXYZ').toString('hex'), '00'), status: S.ESME_RINVSERTYP, code: 'SMSVAS_ERR_BAD_PDU' },
    { name: 'schedule_delivery_time over 16 characters', buf: frame(0x04, 5, '00 00 00 3100 00 00 3100 00 00 00', Buffer.from('2'.repeat(17)).toString('hex'), '00'), status: S.ESME_RINVSCHED, code: 'SMSVAS_ERR_BAD_PDU' },
    { name: 'sm_length beyond the body', buf: frame(0x04, 5, ...SUBMIT_HEAD, '05 6869'), status: S.ESME_RINVCMDLEN, code: 'SMSVAS_ERR_BAD_LENGTH' },
    { name: 'sm_length 255', buf: frame(0x04, 5, ...SUBMIT_HEAD, 'ff', '00'.repeat(255)), status: S.ESME_RINVMSGLEN, code: 'SMSVAS_ERR_BAD_PDU' },
    { name: 'stray octets where a TLV header belongs', buf: frame(0x04, 5, ...SUBMIT_HEAD, '00', '02 0c'), status: S.ESME_RINVOPTPARSTREAM, code: 'SMSVAS_ERR_BAD_TLV' },
    { name: 'TLV length past the body', buf: frame(0x04, 5, ...SUBMIT_HEAD, '00', '0424 0010 6869'), status: S.ESME_RINVOPTPARSTREAM, code: 'SMSVAS_ERR_BAD_TLV' },
    { name: 'int16 TLV with length 1', buf: frame(0x04, 5, ...SUBMIT_HEAD, '00', '020c 0001 05'), status: S.ESME_RINVPARLEN, code: 'SMSVAS_ERR_BAD_TLV' },
    { name: 'int8 TLV with length 2', buf: frame(0x05, 5, ...SUBMIT_HEAD, '00', '0427 0002 0002'), status: S.ESME_RINVPARLEN, code: 'SMSVAS_ERR_BAD_TLV' },
    { name: 'C-string TLV without NUL', buf: frame(0x05, 5, ...SUBMIT_HEAD, '00', '001e 0002 6162'), status: S.ESME_RINVPARLEN, code: 'SMSVAS_ERR_BAD_TLV' },
    { name: 'C-string TLV with a NUL inside', buf: frame(0x05, 5, ...SUBMIT_HEAD, '00', '001e 0003 610000'), status: S.ESME_RINVOPTPARAMVAL, code: 'SMSVAS_ERR_BAD_TLV' },
    { name: 'network_error_code not 3 octets', buf: frame(0x05, 5, ...SUBMIT_HEAD, '00', '0423 0002 0300'), status: S.ESME_RINVPARLEN, code: 'SMSVAS_ERR_BAD_TLV' },
    { name: 'submit_multi with 0 destinations', buf: frame(0x21, 5, '00 00 00 3100', '00'), status: S.ESME_RINVNUMDESTS, code: 'SMSVAS_ERR_BAD_PDU' },
    { name: 'submit_multi dest_flag 3', buf: frame(0x21, 5, '00 00 00 3100', '01 03 00 00 3100'), status: S.ESME_RINVDESTFLAG, code: 'SMSVAS_ERR_BAD_PDU' },
    { name: 'submit_multi dl_name over 20 characters', buf: frame(0x21, 5, '00 00 00 3100', '01 02', Buffer.from('d'.repeat(21)).toString('hex'), '00'), status: S.ESME_RINVDLNAME, code: 'SMSVAS_ERR_BAD_PDU' },
  ];
  for (const c of cases) {
    it(`${c.name} -> ${c.code} 0x${c.status.toString(16)}`, () => {
      const err = decodeError(c.buf);
      expect(err.status).toBe(c.status);
      expect(err.code).toBe(c.code);
    });
  }

  it('carries command_id and sequence_number so the session can answer generic_nack', () => {
    const err = decodeError(frame(0x42, 0x1234));
    expect(err.command_id).toBe(0x42);
    expect(err.sequence_number).toBe(0x1234);
  });
});

describe('decodePdu leniencies the spec allows', () => {
  it('accepts an error response without a body', () => {
    expect(decodePdu(hex('00000010 80000004 00000058 00000002'))).toEqual({ command: 'submit_sm_resp', command_id: 0x80000004, command_status: 0x58, sequence_number: 2 });
  });
  it('still requires the body of a successful response', () => {
    expect(decodeError(hex('00000010 80000004 00000000 00000002')).status).toBe(S.ESME_RINVCMDLEN);
  });
  it('keeps unknown TLVs as tag and value', () => {
    const pdu = decodePdu(frame(0x04, 5, ...SUBMIT_HEAD, '00', '1401 0002 abcd'));
    expect(pdu.unknown_tlvs).toEqual([{ tag: 0x1401, value: hex('abcd') }]);
  });
  it('does not let a TLV overwrite a mandatory field of the same name', () => {
    const pdu = decodePdu(frame(0x80000003, 5, '6100 00 02 00', '0427 0001 05'));
    expect(pdu.message_state).toBe(2);
    expect(pdu.unknown_tlvs).toEqual([{ tag: 0x0427, value: hex('05') }]);
  });
  it('keeps time fields as raw strings', () => {
    const wire = encodePdu({ command: 'submit_sm', sequence_number: 1, validity_period: '000001000000000R', schedule_delivery_time: '261121093000036+', short_message: Buffer.alloc(0) });
    const pdu = decodePdu(wire);
    expect(pdu.validity_period).toBe('000001000000000R');
    expect(pdu.schedule_delivery_time).toBe('261121093000036+');
  });
});

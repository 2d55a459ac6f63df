// Strict decoder: walks the PDU table with bounds-checked readers and keeps raw values (see README).
import smpp from 'smpp';
import { commandNameForId, isResponseId } from './command-id.ts';
import { COMMAND_STATUS } from './command-status.ts';
import { SmppDecodeError, type CodecErrorCode } from './codec-errors.ts';
import { HEADER_LENGTH, SM_MAX, SPECS, TLV_LENGTH, type CommandSpec, type FieldSpec } from './pdu-table.ts';
import type { DestAddress, Pdu, UnknownTlv, UnsuccessSme } from './pdu.ts';

const S = COMMAND_STATUS;

class Reader {
  off = HEADER_LENGTH;
  constructor(readonly buf: Buffer, readonly header: { command_id: number; sequence_number: number }, readonly command: string) {}

  fail(code: CodecErrorCode, status: number, what: string): never {
    throw new SmppDecodeError(code, status, this.header, `${this.command}: ${what}`);
  }
  need(n: number, field: string): void {
    if (this.off + n > this.buf.length) this.fail('SMSVAS_ERR_BAD_LENGTH', S.ESME_RINVCMDLEN, `${field} runs past the end of the body`);
  }
  u8(field: string): number { this.need(1, field); return this.buf[this.off++]; }
  u16(field: string): number { this.need(2, field); const v = this.buf.readUInt16BE(this.off); this.off += 2; return v; }
  u32(field: string): number { this.need(4, field); const v = this.buf.readUInt32BE(this.off); this.off += 4; return v; }
  cstring(field: string, max: number, status: number): string {
    const nul = this.buf.indexOf(0, this.off);
    if (nul === -1) this.fail('SMSVAS_ERR_BAD_LENGTH', S.ESME_RINVCMDLEN, `${field} has no terminating NUL inside the body`);
    if (nul - this.off + 1 > max) this.fail('SMSVAS_ERR_BAD_PDU', status, `${field} is ${nul - this.off} octets, over its maximum of ${max - 1}`);
    // latin1 keeps every octet as one char, so odd bytes survive a decode/encode round trip.
    const s = this.buf.toString('latin1', this.off, nul);
    this.off = nul + 1;
    return s;
  }
  octets(n: number, field: string): Buffer {
    this.need(n, field);
    const b = Buffer.from(this.buf.subarray(this.off, this.off + n));
    this.off += n;
    return b;
  }
}

function readField(r: Reader, f: FieldSpec, command: string): unknown {
  switch (f.kind) {
    case 'int8': return r.u8(f.name);
    case 'int16': return r.u16(f.name);
    case 'int32': return r.u32(f.name);
    case 'cstring': return r.cstring(f.name, f.max, f.status);
    case 'octets': {
      const len = r.u8('sm_length');
      if (len > SM_MAX) r.fail('SMSVAS_ERR_BAD_PDU', S.ESME_RINVMSGLEN, `sm_length ${len} is over ${SM_MAX}`);
      return r.octets(len, f.name);
    }
    case 'dest_address': {
      const n = r.u8('number_of_dests');
      if (n === 0 || n > 254) r.fail('SMSVAS_ERR_BAD_PDU', S.ESME_RINVNUMDESTS, `number_of_dests ${n} is not 1..254`);
      const out: DestAddress[] = [];
      for (let i = 0; i < n; i++) {
        const flag = r.u8('dest_flag');
        if (flag === 1) {
          const dest_addr_ton = r.u8('dest_addr_ton');
          const dest_addr_npi = r.u8('dest_addr_npi');
          out.push({ dest_addr_ton, dest_addr_npi, destination_addr: r.cstring('destination_addr', 21, S.ESME_RINVDSTADR) });
        } else if (flag === 2) {
          out.push({ dl_name: r.cstring('dl_name', 21, S.ESME_RINVDLNAME) });
        } else {
          r.fail('SMSVAS_ERR_BAD_PDU', S.ESME_RINVDESTFLAG, `dest_flag ${flag} is neither 1 (SME) nor 2 (distribution list)`);
        }
      }
      return out;
    }
    case 'unsuccess_sme': {
      const n = r.u8('no_unsuccess');
      const out: UnsuccessSme[] = [];
      for (let i = 0; i < n; i++) {
        const dest_addr_ton = r.u8('dest_addr_ton');
        const dest_addr_npi = r.u8('dest_addr_npi');
        const destination_addr = r.cstring('destination_addr', 21, S.ESME_RINVDSTADR);
        out.push({ dest_addr_ton, dest_addr_npi, destination_addr, error_status_code: r.u32('error_status_code') });
      }
      return out;
    }
  }
  throw new Error(`unreachable field kind in ${command}`);
}

function readTlvs(r: Reader, pdu: Pdu, spec: CommandSpec): void {
  const buf = r.buf;
  const unknown: UnknownTlv[] = [];
  while (r.off < buf.length) {
    if (buf.length - r.off < 4) r.fail('SMSVAS_ERR_BAD_TLV', S.ESME_RINVOPTPARSTREAM, `${buf.length - r.off} stray octets where a TLV header was expected`);
    const tag = buf.readUInt16BE(r.off);
    const len = buf.readUInt16BE(r.off + 2);
    const at = r.off + 4;
    if (at + len > buf.length) r.fail('SMSVAS_ERR_BAD_TLV', S.ESME_RINVOPTPARSTREAM, `TLV 0x${tag.toString(16).padStart(4, '0')} length ${len} runs past the body`);
    r.off = at + len;
    const def = smpp.tlvsById[tag];
    const name = def ? (spec.tlvMap[def.tag] ?? def.tag) : undefined;
    // A TLV may not overwrite a mandatory field of the same name (message_state in query_sm_resp).
    if (!def || !name || spec.fieldNames.has(name)) {
      unknown.push({ tag, value: Buffer.from(buf.subarray(at, at + len)) });
      continue;
    }
    const value = readTlvValue(r, def.tag, def.type, at, len);
    if (def.multiple) {
      const list = (pdu[name] as unknown[] | undefined) ?? [];
      list.push(value);
      pdu[name] = list;
    } else {
      pdu[name] = value; // a repeated single-valued TLV: the last one wins
    }
  }
  if (unknown.length > 0) pdu.unknown_tlvs = unknown;
}

function readTlvValue(r: Reader, tag: string, type: unknown, at: number, len: number): unknown {
  const t = smpp.types.tlv;
  const badLen = (why: string): never => r.fail('SMSVAS_ERR_BAD_TLV', S.ESME_RINVPARLEN, `TLV ${tag} ${why}`);
  const bounds = TLV_LENGTH[tag];
  if (bounds && (len < bounds.min || len > bounds.max)) badLen(`length ${len} is outside ${bounds.min}..${bounds.max}`);
  const buf = r.buf;
  if (type === t.int8) return len === 1 ? buf[at] : badLen(`length ${len} is not 1`);
  if (type === t.int16) return len === 2 ? buf.readUInt16BE(at) : badLen(`length ${len} is not 2`);
  if (type === t.int32) return len === 4 ? buf.readUInt32BE(at) : badLen(`length ${len} is not 4`);
  if (type === t.cstring) {
    if (len < 1 || buf[at + len - 1] !== 0) badLen('is not NUL-terminated within its length');
    const nul = buf.indexOf(0, at);
    if (nul !== at + len - 1) r.fail('SMSVAS_ERR_BAD_TLV', S.ESME_RINVOPTPARAMVAL, `TLV ${tag} has a NUL inside its value`);
    return buf.toString('latin1', at, nul);
  }
  if (type === t.string) return buf.toString('latin1', at, at + len);
  return Buffer.from(buf.subarray(at, at + len));
}

/** Decodes one complete PDU (header included). Throws SmppDecodeError carrying the status to answer with. */
export function decodePdu(frame: Buffer): Pdu {
  if (frame.length < HEADER_LENGTH) {
    throw new SmppDecodeError('SMSVAS_ERR_BAD_LENGTH', S.ESME_RINVCMDLEN, { command_id: 0, sequence_number: 0 }, `frame of ${frame.length} octets is shorter than the 16-octet header`);
  }
  const command_length = frame.readUInt32BE(0);
  const command_id = frame.readUInt32BE(4);
  const command_status = frame.readUInt32BE(8);
  const sequence_number = frame.readUInt32BE(12);
  const header = { command_id, sequence_number };
  if (command_length !== frame.length) {
    throw new SmppDecodeError('SMSVAS_ERR_BAD_LENGTH', S.ESME_RINVCMDLEN, header, `command_length ${command_length} but the frame has ${frame.length} octets`);
  }
  const command = commandNameForId(command_id);
  if (!command) {
    const hex = command_id.toString(16).padStart(8, '0');
    throw new SmppDecodeError('SMSVAS_ERR_UNKNOWN_COMMAND', S.ESME_RINVCMDID, header, `command_id 0x${hex} is not an SMPP 3.4 command`);
  }
  const pdu: Pdu = { command, command_id, command_status, sequence_number };
  // An error response may omit its body entirely (3.4 §3.2 note on *_resp with non-zero status).
  if (frame.length === HEADER_LENGTH && command_status !== 0 && isResponseId(command_id)) return pdu;
  const spec = SPECS.get(command)!;
  const r = new Reader(frame, header, command);
  for (const f of spec.fields) pdu[f.name] = readField(r, f, command);
  if (r.off < frame.length) {
    if (!spec.allowsTlvs) r.fail('SMSVAS_ERR_BAD_LENGTH', S.ESME_RINVCMDLEN, `${frame.length - r.off} octets after a body that has no fields`);
    readTlvs(r, pdu, spec);
  }
  return pdu;
}

// SMPP 3.4 PDU <-> plain record. Decoding walks the smpp package's definition tables with our own
// bounds-checked readers because the package's own decode is lossy (GSM-decodes short_message, turns
// times into Dates relative to "now", reads past the body). Encoding goes through the package's PDU
// class, with the inputs shaped so that its filters pass values through untouched.
import smpp from 'smpp';
import { COMMAND_ID, commandNameForId, isResponseId, type CommandName } from './command-id.ts';
import { COMMAND_STATUS } from './command-status.ts';
import { SmppCodecError, SmppDecodeError, type CodecErrorCode } from './codec-errors.ts';

export const HEADER_LENGTH = 16;
export const INTERFACE_VERSION_34 = 0x34;

export interface Pdu {
  command: CommandName;
  command_id: number;
  command_status: number;
  sequence_number: number;
  [field: string]: unknown;
}

export interface EncodablePdu {
  command: CommandName;
  sequence_number: number;
  command_status?: number;
  [field: string]: unknown;
}

/** submit_multi dest_address entry: an SME address (dest_flag 1) or a distribution list (dest_flag 2). */
export type DestAddress = { dest_addr_ton: number; dest_addr_npi: number; destination_addr: string } | { dl_name: string };
export interface UnsuccessSme { dest_addr_ton: number; dest_addr_npi: number; destination_addr: string; error_status_code: number }
export interface UnknownTlv { tag: number; value: Buffer }

type FieldKind = 'int8' | 'int16' | 'int32' | 'cstring' | 'octets' | 'dest_address' | 'unsuccess_sme';
interface FieldSpec { name: string; kind: FieldKind; max: number; status: number }
interface CommandSpec { fields: FieldSpec[]; fieldNames: Set<string>; allowsTlvs: boolean; tlvMap: Record<string, string> }

const S = COMMAND_STATUS;

// Maximum sizes (C-strings include their NUL) from the 3.4 PDU tables, and the status that names the field.
const CSTRING_MAX: Record<string, number> = {
  system_id: 16, password: 9, system_type: 13, address_range: 41, service_type: 6,
  source_addr: 21, destination_addr: 21, esme_addr: 65, message_id: 65, dl_name: 21,
  schedule_delivery_time: 17, validity_period: 17, final_date: 17,
  'data_sm.source_addr': 65, 'data_sm.destination_addr': 65, 'alert_notification.source_addr': 65,
};
const FIELD_STATUS: Record<string, number> = {
  system_id: S.ESME_RINVSYSID, password: S.ESME_RINVPASWD, system_type: S.ESME_RINVSYSTYP,
  service_type: S.ESME_RINVSERTYP, source_addr: S.ESME_RINVSRCADR, destination_addr: S.ESME_RINVDSTADR,
  message_id: S.ESME_RINVMSGID, dl_name: S.ESME_RINVDLNAME, schedule_delivery_time: S.ESME_RINVSCHED,
  validity_period: S.ESME_RINVEXPIRY, short_message: S.ESME_RINVMSGLEN,
};
const SM_MAX = 254;
// TLVs whose value length is fixed or bounded beyond what their type says.
const TLV_LENGTH: Record<string, { min: number; max: number }> = {
  network_error_code: { min: 3, max: 3 },
  receipted_message_id: { min: 1, max: 65 },
  additional_status_info_text: { min: 1, max: 256 },
};

const BIND_COMMANDS = new Set<string>(['bind_receiver', 'bind_transmitter', 'bind_transceiver']);
const SKIP_ON_ENCODE = new Set(['command', 'command_id', 'command_status', 'sequence_number', 'command_length', 'unknown_tlvs']);

function kindOf(type: unknown): FieldKind {
  const t = smpp.types;
  if (type === t.int8) return 'int8';
  if (type === t.int16) return 'int16';
  if (type === t.int32) return 'int32';
  if (type === t.cstring) return 'cstring';
  if (type === t.buffer) return 'octets';
  if (type === t.dest_address_array) return 'dest_address';
  if (type === t.unsuccess_sme_array) return 'unsuccess_sme';
  throw new Error('smpp package: unexpected parameter type');
}

const SPECS = new Map<CommandName, CommandSpec>();
for (const name of Object.keys(COMMAND_ID) as CommandName[]) {
  const def = smpp.commands[name];
  if (!def) throw new Error(`smpp package has no definition for ${name}`);
  const fields = Object.entries(def.params ?? {}).map(([field, p]) => ({
    name: field,
    kind: kindOf(p.type),
    max: CSTRING_MAX[`${name}.${field}`] ?? CSTRING_MAX[field] ?? Number.MAX_SAFE_INTEGER,
    status: FIELD_STATUS[field] ?? S.ESME_RINVCMDLEN,
  }));
  SPECS.set(name, { fields, fieldNames: new Set(fields.map((f) => f.name)), allowsTlvs: fields.length > 0, tlvMap: def.tlvMap ?? {} });
}

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

function headerOnly(id: number, status: number, seq: number): Buffer {
  const b = Buffer.allocUnsafe(HEADER_LENGTH);
  b.writeUInt32BE(HEADER_LENGTH, 0);
  b.writeUInt32BE(id, 4);
  b.writeUInt32BE(status >>> 0, 8);
  b.writeUInt32BE(seq >>> 0, 12);
  return b;
}

const TIME_FIELDS = new Set(['schedule_delivery_time', 'validity_period', 'final_date']);

/**
 * Encodes a PDU. With a non-zero command_status only the header is written (as the smpp package does and
 * as 3.4 allows for error responses) unless `bodyOnError` is set, e.g. for a data_sm_resp that carries
 * delivery_failure_reason. Bind requests get interface_version 0x34 unless one is given.
 */
export function encodePdu(pdu: EncodablePdu, opts?: { bodyOnError?: boolean }): Buffer {
  const command = pdu.command;
  const id = COMMAND_ID[command];
  if (id === undefined) throw new SmppCodecError('SMSVAS_ERR_ENCODE', `unknown command ${String(command)}`);
  const status = pdu.command_status ?? 0;
  const seq = pdu.sequence_number;
  if (!Number.isInteger(seq) || seq < 0 || seq > 0xffffffff) throw new SmppCodecError('SMSVAS_ERR_ENCODE', `${command}: sequence_number ${seq} is not a uint32`);
  const params = smpp.commands[command].params;
  if ((status !== 0 && !opts?.bodyOnError) || !params && !pdu.unknown_tlvs) return headerOnly(id, status, seq);

  const fields: Record<string, unknown> = { sequence_number: seq };
  for (const key in pdu) {
    if (SKIP_ON_ENCODE.has(key)) continue;
    let v = pdu[key];
    if (v === undefined || v === null) continue;
    if ((key === 'short_message' || key === 'message_payload') && !Buffer.isBuffer(v)) {
      throw new SmppCodecError('SMSVAS_ERR_ENCODE', `${command}: ${key} must be a Buffer (encode text with encodeText first)`);
    }
    // The package pads time strings of <= 12 chars into relative times; a Buffer passes through as written.
    if (TIME_FIELDS.has(key) && typeof v === 'string') v = Buffer.from(v, 'latin1');
    fields[key] = v;
  }
  if (BIND_COMMANDS.has(command) && fields.interface_version === undefined) fields.interface_version = INTERFACE_VERSION_34;
  let buf: Buffer;
  try {
    buf = new smpp.PDU(command, fields).toBuffer();
  } catch (cause) {
    throw new SmppCodecError('SMSVAS_ERR_ENCODE', `${command}: ${(cause as Error).message}`, { cause });
  }
  if (status !== 0) buf.writeUInt32BE(status >>> 0, 8);
  const extra = pdu.unknown_tlvs as UnknownTlv[] | undefined;
  if (extra && extra.length > 0) buf = appendRawTlvs(buf, extra, command);
  return buf;
}

function appendRawTlvs(buf: Buffer, tlvs: UnknownTlv[], command: string): Buffer {
  const parts: Buffer[] = [buf];
  let total = buf.length;
  for (const { tag, value } of tlvs) {
    if (!Buffer.isBuffer(value) || value.length > 0xffff) throw new SmppCodecError('SMSVAS_ERR_ENCODE', `${command}: unknown_tlvs value must be a Buffer of at most 65535 octets`);
    const h = Buffer.allocUnsafe(4);
    h.writeUInt16BE(tag, 0);
    h.writeUInt16BE(value.length, 2);
    parts.push(h, value);
    total += 4 + value.length;
  }
  const out = Buffer.concat(parts, total);
  out.writeUInt32BE(total, 0);
  return out;
}

/** Reads the header of a frame without decoding the body (for answering a frame that failed to decode). */
export function peekHeader(frame: Buffer): { command_length: number; command_id: number; command_status: number; sequence_number: number } | null {
  if (frame.length < HEADER_LENGTH) return null;
  return {
    command_length: frame.readUInt32BE(0),
    command_id: frame.readUInt32BE(4),
    command_status: frame.readUInt32BE(8),
    sequence_number: frame.readUInt32BE(12),
  };
}

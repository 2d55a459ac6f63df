// Encoder over the PDU table: fields in the smpp package's order, TLV ids and types from its `tlvs`.
// Values are written as given — no text encoding, no time rewriting — so what a test or fuzzer asks
// for is what goes on the wire. Octets match the package's PDU#toBuffer (see pdu-encoder test).
import smpp from 'smpp';
import { COMMAND_ID } from './command-id.ts';
import { SmppCodecError } from './codec-errors.ts';
import { BIND_COMMANDS, HEADER_LENGTH, INTERFACE_VERSION_34, SPECS, type FieldSpec } from './pdu-table.ts';
import type { EncodablePdu, UnknownTlv } from './pdu.ts';

const SKIP = new Set(['command', 'command_id', 'command_status', 'sequence_number', 'command_length', 'unknown_tlvs']);
const U8 = 0, U16 = 1, U32 = 2, CSTR = 3, STR = 4, BYTES = 5;
const WIDTH = [1, 2, 4];
const MAX = [0xff, 0xffff, 0xffffffff];

/** Collects what to write, sizing as it goes, so the output is allocated once. */
class Plan {
  kinds: number[] = [];
  values: (number | string | Buffer)[] = [];
  size = HEADER_LENGTH;
  constructor(readonly command: string) {}

  fail(msg: string): never {
    throw new SmppCodecError('SMSVAS_ERR_ENCODE', `${this.command}: ${msg}`);
  }
  int(kind: 0 | 1 | 2, v: unknown, field: string): void {
    const n = v ?? 0;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX[kind]) this.fail(`${field} ${String(v)} is not a ${WIDTH[kind] * 8}-bit unsigned integer`);
    this.kinds.push(kind);
    this.values.push(n);
    this.size += WIDTH[kind];
  }
  cstring(v: unknown, field: string): void {
    let s = v ?? '';
    if (s instanceof Date) s = smpp.filters.time.encode.call({}, s) as string;
    if (typeof s !== 'string' && !Buffer.isBuffer(s)) this.fail(`${field} must be a string`);
    this.kinds.push(CSTR);
    this.values.push(s);
    this.size += s.length + 1;
  }
  raw(kind: typeof STR | typeof BYTES, v: string | Buffer): void {
    this.kinds.push(kind);
    this.values.push(v);
    this.size += v.length;
  }
}

function planField(p: Plan, f: FieldSpec, v: unknown, command: string): void {
  switch (f.kind) {
    case 'int8':
      return p.int(U8, v ?? (f.name === 'interface_version' && BIND_COMMANDS.has(command) ? INTERFACE_VERSION_34 : 0), f.name);
    case 'int16':
      return p.int(U16, v, f.name);
    case 'int32':
      return p.int(U32, v, f.name);
    case 'cstring':
      return p.cstring(v, f.name);
    case 'octets': {
      const b = v ?? Buffer.alloc(0);
      if (!Buffer.isBuffer(b)) p.fail(`${f.name} must be a Buffer (encode text with encodeText first)`);
      p.int(U8, b.length, 'sm_length');
      return p.raw(BYTES, b);
    }
    case 'dest_address': {
      const list = (v ?? []) as Record<string, unknown>[];
      if (!Array.isArray(list)) p.fail('dest_address must be an array');
      p.int(U8, list.length, 'number_of_dests');
      for (const d of list) {
        if ('dl_name' in d) {
          p.int(U8, 2, 'dest_flag');
          p.cstring(d.dl_name, 'dl_name');
        } else {
          p.int(U8, 1, 'dest_flag');
          p.int(U8, d.dest_addr_ton, 'dest_addr_ton');
          p.int(U8, d.dest_addr_npi, 'dest_addr_npi');
          p.cstring(d.destination_addr, 'destination_addr');
        }
      }
      return;
    }
    case 'unsuccess_sme': {
      const list = (v ?? []) as Record<string, unknown>[];
      if (!Array.isArray(list)) p.fail('unsuccess_sme must be an array');
      p.int(U8, list.length, 'no_unsuccess');
      for (const u of list) {
        p.int(U8, u.dest_addr_ton, 'dest_addr_ton');
        p.int(U8, u.dest_addr_npi, 'dest_addr_npi');
        p.cstring(u.destination_addr, 'destination_addr');
        p.int(U32, u.error_status_code, 'error_status_code');
      }
    }
  }
}

function planTlv(p: Plan, pdu: EncodablePdu, name: string, value: unknown): void {
  const def = smpp.tlvs[name];
  const t = smpp.types.tlv;
  p.int(U16, def.id, 'tag');
  let v = value;
  if (def.filter && !Buffer.isBuffer(v) && typeof v !== 'number') {
    if (name === 'message_payload') p.fail('message_payload must be a Buffer (encode text with encodeText first)');
    // Structured TLVs (callback_num {digit_mode, ton, npi, number}, ...) use the package's own packers.
    v = def.filter.encode.call(pdu, v);
  }
  if (def.type === t.int8 || def.type === t.int16 || def.type === t.int32) {
    const kind = def.type === t.int8 ? U8 : def.type === t.int16 ? U16 : U32;
    p.int(U16, WIDTH[kind], 'length');
    return p.int(kind, v, name);
  }
  if (typeof v !== 'string' && !Buffer.isBuffer(v)) p.fail(`TLV ${name} must be a string or Buffer`);
  const len = v.length + (def.type === t.cstring ? 1 : 0);
  if (len > 0xffff) p.fail(`TLV ${name} is ${len} octets, over 65535`);
  p.int(U16, len, 'length');
  if (def.type === t.cstring) p.cstring(v, name);
  else p.raw(Buffer.isBuffer(v) ? BYTES : STR, v);
}

function headerOnly(id: number, status: number, seq: number): Buffer {
  const b = Buffer.allocUnsafe(HEADER_LENGTH);
  b.writeUInt32BE(HEADER_LENGTH, 0);
  b.writeUInt32BE(id, 4);
  b.writeUInt32BE(status, 8);
  b.writeUInt32BE(seq, 12);
  return b;
}

/**
 * Encodes a PDU. A non-zero command_status writes the header only (as the smpp package does and as 3.4
 * allows for error responses) unless `bodyOnError` is set, e.g. for a data_sm_resp with
 * delivery_failure_reason. Bind requests get interface_version 0x34 unless one is given. Keys that are
 * neither fields of the command nor known TLV names are ignored; `unknown_tlvs` are appended raw.
 */
export function encodePdu(pdu: EncodablePdu, opts?: { bodyOnError?: boolean }): Buffer {
  const command = pdu.command;
  const id = COMMAND_ID[command];
  if (id === undefined) throw new SmppCodecError('SMSVAS_ERR_ENCODE', `unknown command ${String(command)}`);
  const seq = pdu.sequence_number;
  const status = pdu.command_status ?? 0;
  if (!Number.isInteger(seq) || seq < 0 || seq > 0xffffffff) throw new SmppCodecError('SMSVAS_ERR_ENCODE', `${command}: sequence_number ${seq} is not a uint32`);
  if (!Number.isInteger(status) || status < 0 || status > 0xffffffff) throw new SmppCodecError('SMSVAS_ERR_ENCODE', `${command}: command_status ${status} is not a uint32`);
  if (status !== 0 && !opts?.bodyOnError) return headerOnly(id, status, seq);

  const spec = SPECS.get(command)!;
  const p = new Plan(command);
  for (const f of spec.fields) planField(p, f, pdu[f.name], command);
  for (const key in pdu) {
    if (SKIP.has(key) || spec.fieldNames.has(key) || !(key in smpp.tlvs)) continue;
    const v = pdu[key];
    if (v === undefined || v === null) continue;
    if (smpp.tlvs[key].multiple && Array.isArray(v)) for (const one of v) planTlv(p, pdu, key, one);
    else planTlv(p, pdu, key, v);
  }
  const extra = pdu.unknown_tlvs as UnknownTlv[] | undefined;
  for (const { tag, value } of extra ?? []) {
    if (!Buffer.isBuffer(value) || value.length > 0xffff) p.fail('unknown_tlvs value must be a Buffer of at most 65535 octets');
    p.int(U16, tag, 'tag');
    p.int(U16, value.length, 'length');
    p.raw(BYTES, value);
  }

  const buf = headerOnly(id, status, seq);
  const out = Buffer.allocUnsafe(p.size);
  buf.copy(out, 0);
  out.writeUInt32BE(p.size, 0);
  let off = HEADER_LENGTH;
  const { kinds, values } = p;
  for (let i = 0; i < kinds.length; i++) {
    const v = values[i];
    switch (kinds[i]) {
      case U8: out[off++] = v as number; break;
      case U16: out.writeUInt16BE(v as number, off); off += 2; break;
      case U32: out.writeUInt32BE(v as number, off); off += 4; break;
      case CSTR:
        off += typeof v === 'string' ? out.write(v, off, 'latin1') : (v as Buffer).copy(out, off);
        out[off++] = 0;
        break;
      case STR: off += out.write(v as string, off, 'latin1'); break;
      default: off += (v as Buffer).copy(out, off);
    }
  }
  return out;
}

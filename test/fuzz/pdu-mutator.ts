// Corrupts valid PDUs the ways broken ESMEs do (and the ways an attacker would): bit flips, cut or
// padded bodies, lying length fields, unterminated or oversize C-strings, malformed TLVs, unknown or
// swapped command ids. Also builds fully random frames. Every case is one "fuzz PDU".
import type { Rng } from '../../gateways/kit/rng.ts';
import { COMMAND_ID } from '../../gateways/smsvas/codec/command-id.ts';
import type { SeedPdu } from './seed-pdus.ts';

export interface FuzzCase {
  /** Mutation class and seed kind, e.g. 'tlv-overrun/submit_sm+sar'. */
  label: string;
  bytes: Buffer;
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff, 0x20, 0x34, 0x50];
const KNOWN_IDS = Object.values(COMMAND_ID);
const REQUEST_IDS = KNOWN_IDS.filter((id) => (id & 0x80000000) === 0);
// SMPP 5.0 broadcast PDUs and ids no version defines: a 3.4 SMSC answers ESME_RINVCMDID.
const FOREIGN_IDS = [0x00000111, 0x00000112, 0x00000113, 0x80000111, 0x80000112, 0x0000000a, 0x0000000c, 0x00000000, 0x7fffffff, 0x80000099, 0xffffffff, 0x00000104];
// TLV tags by the value type 3.4 gives them, for wrong-length cases.
const INT8_TAGS = [0x020e, 0x020f, 0x0019, 0x0427, 0x0425, 0x0210];
const INT16_TAGS = [0x020c, 0x0204, 0x020a, 0x020b];
const CSTRING_TAGS = [0x001e, 0x001d];
const OCTET_TAGS = [0x0424, 0x0423, 0x0381];
// The framer's ceiling (config maxPduLength): lengths beyond it are invalid whatever follows.
export const MAX_PDU_LENGTH = 65_536;

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(0, items.length - 1)];
}

function randomBytes(rng: Rng, n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  return b;
}

/** Rewrites command_length to the real size, so the stream stays in step after a body mutation. */
function fixLength(b: Buffer): Buffer {
  if (b.length >= 4) b.writeUInt32BE(b.length, 0);
  return b;
}

function tlv(tag: number, value: Buffer, claimed = value.length): Buffer {
  const h = Buffer.allocUnsafe(4);
  h.writeUInt16BE(tag, 0);
  h.writeUInt16BE(claimed & 0xffff, 2);
  return Buffer.concat([h, value]);
}

type Mutation = (rng: Rng, seed: SeedPdu) => Buffer;

const BODY = 16;

const MUTATIONS: Record<string, [weight: number, fn: Mutation]> = {
  valid: [8, (_r, s) => Buffer.from(s.bytes)],
  bitflip: [14, (rng, s) => {
    const b = Buffer.from(s.bytes);
    for (let i = rng.int(1, 8); i > 0; i--) {
      const at = rng.int(4, b.length - 1);
      if (at >= 12 && at < 16) continue; // the session rewrites sequence_number anyway
      b[at] ^= 1 << rng.int(0, 7);
    }
    return b;
  }],
  byteset: [8, (rng, s) => {
    const b = Buffer.from(s.bytes);
    if (b.length <= BODY) return b;
    for (let i = rng.int(1, 4); i > 0; i--) b[rng.int(BODY, b.length - 1)] = pick(rng, INTERESTING);
    return b;
  }],
  truncate: [8, (rng, s) => fixLength(Buffer.from(s.bytes.subarray(0, rng.int(BODY, Math.max(BODY, s.bytes.length - 1)))))],
  'header-only': [3, (_r, s) => fixLength(Buffer.from(s.bytes.subarray(0, BODY)))],
  extend: [5, (rng, s) => fixLength(Buffer.concat([s.bytes, randomBytes(rng, rng.int(1, 40))]))],
  'insert-delete': [5, (rng, s) => {
    const at = rng.int(BODY, s.bytes.length);
    const cut = rng.next() < 0.5 ? rng.int(1, 8) : 0;
    const ins = cut === 0 ? randomBytes(rng, rng.int(1, 8)) : Buffer.alloc(0);
    return fixLength(Buffer.concat([s.bytes.subarray(0, at), ins, s.bytes.subarray(Math.min(s.bytes.length, at + cut))]));
  }],
  'unterminated-cstring': [5, (rng, s) => {
    const b = Buffer.from(s.bytes);
    // From a random point on, no NUL remains: the C-string there runs to the end of the body.
    for (let i = rng.int(BODY, b.length); i < b.length; i++) if (b[i] === 0) b[i] = 0x41;
    return b;
  }],
  'oversize-cstring': [6, (rng, s) => {
    const fill = Buffer.alloc(pick(rng, [17, 22, 66, 254, rng.int(1, 300)]), 0x39);
    const at = s.bytes.length > BODY && rng.next() < 0.5 ? BODY : Math.min(s.bytes.length, BODY + rng.int(0, 12));
    return fixLength(Buffer.concat([s.bytes.subarray(0, at), fill, s.bytes.subarray(at)]));
  }],
  'sm-length-lie': [6, (rng, s) => {
    const b = Buffer.from(s.bytes);
    const at = s.smLengthOffset;
    if (at === undefined || at >= b.length) return fixLength(Buffer.concat([b, Buffer.from([0xff])]));
    b[at] = pick(rng, [255, 254, 0, rng.int(b[at] + 1, 255), rng.int(0, Math.max(0, b[at] - 1))]);
    return b;
  }],
  'tlv-overrun': [5, (rng, s) => {
    const v = randomBytes(rng, rng.int(0, 6));
    return fixLength(Buffer.concat([s.bytes, tlv(pick(rng, [...INT16_TAGS, ...OCTET_TAGS, 0x1400]), v, v.length + rng.int(1, 0xffff - v.length))]));
  }],
  'tlv-zero-length': [4, (rng, s) => fixLength(Buffer.concat([s.bytes, tlv(pick(rng, [...INT8_TAGS, ...INT16_TAGS, ...CSTRING_TAGS, ...OCTET_TAGS]), Buffer.alloc(0))]))],
  'tlv-wrong-length': [5, (rng, s) => {
    const kind = rng.int(0, 2);
    const tag = kind === 0 ? pick(rng, INT8_TAGS) : kind === 1 ? pick(rng, INT16_TAGS) : 0x0017; // qos_time_to_live is int32
    const len = kind === 0 ? pick(rng, [2, 3, 4]) : kind === 1 ? pick(rng, [1, 3, 4]) : pick(rng, [1, 2, 3, 5]);
    return fixLength(Buffer.concat([s.bytes, tlv(tag, randomBytes(rng, len))]));
  }],
  'tlv-cstring-bad': [3, (rng, s) => {
    const v = rng.next() < 0.5 ? Buffer.from('abc') : Buffer.from([0x61, 0x00, 0x62, 0x00]);
    return fixLength(Buffer.concat([s.bytes, tlv(pick(rng, CSTRING_TAGS), v)]));
  }],
  'tlv-stray': [3, (rng, s) => fixLength(Buffer.concat([s.bytes, randomBytes(rng, rng.int(1, 3))]))],
  'tlv-unknown': [3, (rng, s) => fixLength(Buffer.concat([s.bytes, tlv(rng.int(0, 0xffff), randomBytes(rng, rng.int(0, 16)))]))],
  'tlv-duplicate': [3, (rng, s) => {
    const t = tlv(0x020e, Buffer.from([rng.int(0, 5)]));
    return fixLength(Buffer.concat([s.bytes, t, t, tlv(0x0424, randomBytes(rng, rng.int(0, 4)))]));
  }],
  'tlv-huge-payload': [0.4, (rng, s) => {
    const room = MAX_PDU_LENGTH - s.bytes.length - 4;
    return fixLength(Buffer.concat([s.bytes, tlv(0x0424, Buffer.alloc(rng.int(room - 2000, room), 0x41))]));
  }],
  'command-id-foreign': [5, (rng, s) => {
    const b = Buffer.from(s.bytes);
    b.writeUInt32BE(rng.next() < 0.6 ? pick(rng, FOREIGN_IDS) : rng.int(0, 0xffffffff), 4);
    return b;
  }],
  'command-id-swap': [5, (rng, s) => {
    const b = Buffer.from(s.bytes);
    b.writeUInt32BE(pick(rng, REQUEST_IDS), 4);
    return b;
  }],
  'command-id-response': [3, (_r, s) => {
    const b = Buffer.from(s.bytes);
    b.writeUInt32BE((b.readUInt32BE(4) | 0x80000000) >>> 0, 4);
    return b;
  }],
  'command-status-set': [3, (rng, s) => {
    const b = Buffer.from(s.bytes);
    b.writeUInt32BE(pick(rng, [1, 8, 0x58, 0xffffffff, rng.int(0, 0xffffffff)]), 8);
    return b;
  }],
  // The three below desynchronise the stream; the oracle follows the bytes exactly as the SMSC must.
  'length-short': [0.6, (rng, s) => {
    const b = Buffer.from(s.bytes);
    b.writeUInt32BE(Math.max(16, b.length - rng.int(1, 8)), 0);
    return b;
  }],
  'length-long': [0.6, (rng, s) => {
    const b = Buffer.from(s.bytes);
    b.writeUInt32BE(b.length + rng.int(1, 8), 0);
    return b;
  }],
  'length-invalid': [0.5, (rng, s) => {
    const b = Buffer.from(s.bytes);
    b.writeUInt32BE(pick(rng, [0, 1, 15, MAX_PDU_LENGTH + 1, 70_000, 0x7fffffff, 0xffffffff, rng.int(MAX_PDU_LENGTH + 1, 0xffffffff)]), 0);
    return b;
  }],
};

const ENTRIES = Object.entries(MUTATIONS);
const TOTAL = ENTRIES.reduce((s, [, [w]]) => s + w, 0);
export const MUTATION_NAMES = ENTRIES.map(([n]) => n);

export function mutate(rng: Rng, seed: SeedPdu): FuzzCase {
  let r = rng.next() * TOTAL;
  for (const [name, [w, fn]] of ENTRIES) {
    r -= w;
    if (r < 0) return { label: `${name}/${seed.kind}`, bytes: fn(rng, seed) };
  }
  return { label: `valid/${seed.kind}`, bytes: Buffer.from(seed.bytes) };
}

/**
 * A frame of random octets. Mostly with a truthful command_length (so the stream survives) and a
 * plausible command_id (so decoding goes past the header); sometimes a length no SMSC may accept.
 */
export function randomFrame(rng: Rng): FuzzCase {
  const r = rng.next();
  if (r < 0.03) {
    const b = randomBytes(rng, rng.int(4, 64));
    b.writeUInt32BE(rng.next() < 0.5 ? rng.int(0, 15) : rng.int(MAX_PDU_LENGTH + 1, 0xffffffff), 0);
    return { label: 'random/invalid-length', bytes: b };
  }
  const b = randomBytes(rng, rng.next() < 0.9 ? rng.int(16, 120) : rng.int(121, 2000));
  b.writeUInt32BE(b.length, 0);
  const idKind = rng.next();
  const label = idKind < 0.5 ? 'random/known-id' : idKind < 0.6 ? 'random/foreign-id' : 'random/any-id';
  b.writeUInt32BE(idKind < 0.5 ? pick(rng, KNOWN_IDS) : idKind < 0.6 ? pick(rng, FOREIGN_IDS) : rng.int(0, 0xffffffff), 4);
  if (rng.next() < 0.8) b.writeUInt32BE(0, 8);
  return { label, bytes: b };
}

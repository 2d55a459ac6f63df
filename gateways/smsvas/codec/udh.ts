// User Data Header (3GPP TS 23.040 §9.2.3.24) as it leads short_message when esm_class has UDHI (0x40).
// Only concatenation is interpreted (IEI 0x00 with an 8-bit reference, 0x08 with a 16-bit one).

export const ESM_CLASS_UDHI = 0x40;

export interface ConcatInfo { ref: number; total: number; seq: number; iei: 0 | 8 }
export interface ParsedUdh { headerLength: number; concat: ConcatInfo | null }

/**
 * Parses the UDH at the start of `sm`. `headerLength` counts the UDHL octet itself. Returns null when the
 * header is malformed: UDHL past the message, an element overrunning the header, a concatenation element
 * of the wrong length, or total 0 / seq 0 / seq > total (which 23.040 says a receiver must not act on).
 */
export function parseUdh(sm: Buffer): ParsedUdh | null {
  if (sm.length < 1) return null;
  const udhl = sm[0];
  const headerLength = 1 + udhl;
  if (udhl === 0 || headerLength > sm.length) return null;
  let concat: ConcatInfo | null = null;
  let off = 1;
  while (off < headerLength) {
    if (off + 2 > headerLength) return null;
    const iei = sm[off];
    const iedl = sm[off + 1];
    const data = off + 2;
    if (data + iedl > headerLength) return null;
    if (iei === 0x00 || iei === 0x08) {
      const wide = iei === 0x08;
      if (iedl !== (wide ? 4 : 3)) return null;
      const ref = wide ? sm.readUInt16BE(data) : sm[data];
      const total = sm[data + (wide ? 2 : 1)];
      const seq = sm[data + (wide ? 3 : 2)];
      if (total === 0 || seq === 0 || seq > total) return null;
      concat = { ref, total, seq, iei: wide ? 8 : 0 };
    }
    off = data + iedl;
  }
  return { headerLength, concat };
}

/** `05 00 03 RR TT SS` (IEI 0) or `06 08 04 RR RR TT SS` (IEI 8); seq is 1-based. */
export function buildConcatUdh(ref: number, total: number, seq: number, iei: 0 | 8): Buffer {
  if (total < 1 || total > 255 || seq < 1 || seq > total) throw new RangeError(`segment ${seq} of ${total} is not 1..total<=255`);
  if (iei === 8) {
    const b = Buffer.from([0x06, 0x08, 0x04, 0, 0, total, seq]);
    b.writeUInt16BE(ref & 0xffff, 3);
    return b;
  }
  return Buffer.from([0x05, 0x00, 0x03, ref & 0xff, total, seq]);
}

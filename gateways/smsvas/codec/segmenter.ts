// Splits a text into submit_sm bodies: UDH concatenation (IEI 0x00 or 0x08), SAR TLVs, or one
// message_payload. Parts break on character boundaries only (never inside a GSM escape, a UTF-16
// surrogate pair or a double-byte EUC-KR character).
//
// Capacity of short_message user data per data_coding (octets as carried on SMPP, GSM unpacked):
//   7-bit (0x00 as GSM 03.38 or ASCII, 0x01 IA5): 160 single, 153 with IEI 0, 152 with IEI 8
//   UCS2 (0x08): 140 single (70 chars), 134 with IEI 0 (67 chars), 132 with IEI 8 (66 chars)
//   KS C 5601 (0x0E, or 0x00 as EUC-KR): 90 single — the Korean SMS size — and 84 / 83 per part, so a
//     part with its UDH still fits 90 octets
//   other 8-bit (0x03, 0x06, ...): 140 single, 134 / 133 per part
// SAR parts use the IEI 0 size: the SMSC adds that UDH itself when it delivers them.
import { SmppCodecError } from './codec-errors.ts';
import { chooseDataCoding, encodeText, gsm7Length, type SmscDefaultAlphabet } from './data-coding.ts';
import { buildConcatUdh, ESM_CLASS_UDHI } from './udh.ts';

export type SegmentMethod = 'udh8' | 'udh16' | 'sar' | 'payload';

export interface SubmitSegment {
  short_message: Buffer;
  esm_class: number;
  data_coding: number;
  sar_msg_ref_num?: number;
  sar_total_segments?: number;
  sar_segment_seqnum?: number;
  message_payload?: Buffer;
}

export interface SegmentOptions {
  /** Defaults to chooseDataCoding(text). */
  dataCoding?: number;
  method: SegmentMethod;
  /** Concatenation reference: 8 bits used with udh8, 16 bits with udh16 and sar. */
  ref: number;
  /** At most 255 (the UDH/SAR counters are one octet). */
  maxSegments?: number;
  smscDefault?: SmscDefaultAlphabet;
}

type Alphabet = 'gsm7' | 'septet' | 'ucs2' | 'euckr' | 'octet';
const CAPACITY: Record<Alphabet, { single: number; udh8: number; udh16: number }> = {
  gsm7: { single: 160, udh8: 153, udh16: 152 },
  septet: { single: 160, udh8: 153, udh16: 152 },
  ucs2: { single: 140, udh8: 134, udh16: 132 },
  euckr: { single: 90, udh8: 84, udh16: 83 },
  octet: { single: 140, udh8: 134, udh16: 133 },
};

function alphabetOf(dataCoding: number, smscDefault: SmscDefaultAlphabet): Alphabet {
  if (dataCoding === 0x00) return smscDefault === 'euc-kr' ? 'euckr' : smscDefault === 'ascii' ? 'septet' : 'gsm7';
  if (dataCoding === 0x01) return 'septet';
  if (dataCoding === 0x08) return 'ucs2';
  if (dataCoding === 0x0e) return 'euckr';
  return 'octet';
}

function charOctets(ch: string, alphabet: Alphabet): number {
  switch (alphabet) {
    case 'ucs2':
      return ch.length * 2;
    case 'euckr':
      return ch.charCodeAt(0) < 0x80 ? 1 : 2;
    case 'gsm7':
      return gsm7Length(ch) ?? 1;
    default:
      return 1;
  }
}

/** Octet offsets where parts end, packing whole characters greedily up to `cap` octets each. */
function cutPoints(text: string, alphabet: Alphabet, cap: number): number[] {
  const cuts: number[] = [];
  let partStart = 0;
  let off = 0;
  for (const ch of text) {
    const n = charOctets(ch, alphabet);
    if (off + n - partStart > cap) {
      cuts.push(off);
      partStart = off;
    }
    off += n;
  }
  cuts.push(off);
  return cuts;
}

export function segmentMessage(text: string, opts: SegmentOptions): SubmitSegment[] {
  const smscDefault = opts.smscDefault ?? 'gsm7';
  const chosen = opts.dataCoding === undefined ? chooseDataCoding(text) : null;
  const dataCoding = chosen?.dataCoding ?? opts.dataCoding!;
  const bytes = chosen?.bytes ?? encodeText(text, dataCoding, { smscDefault });
  if (!bytes) throw new SmppCodecError('SMSVAS_ERR_UNENCODABLE_TEXT', `text cannot be represented in data_coding 0x${dataCoding.toString(16)}`);
  const maxSegments = Math.min(255, opts.maxSegments ?? 255);

  if (opts.method === 'payload') {
    return [{ short_message: Buffer.alloc(0), esm_class: 0, data_coding: dataCoding, message_payload: bytes }];
  }
  const alphabet = alphabetOf(dataCoding, smscDefault);
  const cap = CAPACITY[alphabet];
  if (bytes.length <= cap.single) return [{ short_message: bytes, esm_class: 0, data_coding: dataCoding }];

  const cuts = cutPoints(text, alphabet, opts.method === 'udh16' ? cap.udh16 : cap.udh8);
  const total = cuts.length;
  if (total > maxSegments) throw new SmppCodecError('SMSVAS_ERR_TOO_MANY_SEGMENTS', `text needs ${total} segments, over ${maxSegments}`);
  const out: SubmitSegment[] = [];
  let start = 0;
  cuts.forEach((end, i) => {
    const chunk = bytes.subarray(start, end);
    start = end;
    const seq = i + 1;
    if (opts.method === 'sar') {
      out.push({
        short_message: Buffer.from(chunk), esm_class: 0, data_coding: dataCoding,
        sar_msg_ref_num: opts.ref & 0xffff, sar_total_segments: total, sar_segment_seqnum: seq,
      });
    } else {
      const udh = buildConcatUdh(opts.ref, total, seq, opts.method === 'udh16' ? 8 : 0);
      out.push({ short_message: Buffer.concat([udh, chunk]), esm_class: ESM_CLASS_UDHI, data_coding: dataCoding });
    }
  });
  return out;
}

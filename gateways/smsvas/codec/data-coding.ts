// Text <-> short_message octets per data_coding (protocols.md §1.7, §5.1).
//
// Decisions:
// - 0x00 "SMSC default alphabet" means what the SMSC is configured for: 'gsm7' (GSM 03.38 default table,
//   unpacked — one septet per octet, as SMPP carries it), 'ascii' or 'euc-kr'. Default 'gsm7'.
// - 0x0E (KS C 5601) and 'euc-kr' are coded as CP949 (a superset of EUC-KR that adds the 8,822 Hangul
//   syllables KS X 1001 lacks, each still 2 octets). Korean handsets and SMSCs accept CP949 in
//   practice; `eucKrByteLength(text, { strict: true })` answers for pure KS X 1001 instead.
// - 0x08 is UTF-16BE: characters outside the BMP (emoji) become surrogate pairs (4 octets).
import iconv from 'iconv-lite';

export type SmscDefaultAlphabet = 'gsm7' | 'ascii' | 'euc-kr';
export interface TextCodingOptions { smscDefault?: SmscDefaultAlphabet }

export const DATA_CODING = {
  SMSC_DEFAULT: 0x00,
  IA5: 0x01,
  OCTET_UNSPECIFIED_2: 0x02,
  LATIN1: 0x03,
  OCTET_UNSPECIFIED: 0x04,
  CYRILLIC: 0x06,
  UCS2: 0x08,
  KS_C_5601: 0x0e,
} as const;

// GSM 03.38 default alphabet, index = septet value (0x1B is the escape to the extension table).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// Extension table: septet after 0x1B -> character.
const GSM_EXT: Record<number, string> = { 0x0a: '\f', 0x14: '^', 0x28: '{', 0x29: '}', 0x2f: '\\', 0x3c: '[', 0x3d: '~', 0x3e: ']', 0x40: '|', 0x65: '€' };

const GSM_ENCODE = new Map<string, number[]>();
for (let i = 0; i < GSM_BASIC.length; i++) if (i !== 0x1b) GSM_ENCODE.set(GSM_BASIC[i], [i]);
for (const [code, ch] of Object.entries(GSM_EXT)) GSM_ENCODE.set(ch, [0x1b, Number(code)]);

function gsm7Decode(bytes: Buffer): string | null {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b > 0x7f) return null;
    if (b === 0x1b) {
      const next = bytes[i + 1];
      if (next === undefined) break; // a dangling escape carries no character
      i++;
      // 23.038: an unknown extension code is shown as its basic-table character.
      out += GSM_EXT[next] ?? (next <= 0x7f && next !== 0x1b ? GSM_BASIC[next] : ' ');
      continue;
    }
    out += GSM_BASIC[b];
  }
  return out;
}

function gsm7Encode(text: string): Buffer | null {
  const out: number[] = [];
  for (const ch of text) {
    const code = GSM_ENCODE.get(ch);
    if (!code) return null;
    out.push(...code);
  }
  return Buffer.from(out);
}

/** Septets one character takes in GSM 7-bit (2 for extension characters), or null if absent. */
export function gsm7Length(text: string): number | null {
  let n = 0;
  for (const ch of text) {
    const code = GSM_ENCODE.get(ch);
    if (!code) return null;
    n += code.length;
  }
  return n;
}

// Internal selector for the GSM table, so 0x00 can delegate to whichever alphabet is configured.
const GSM7_INTERNAL = -1;

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const LATIN1_ONLY = /^[\x00-\xff]*$/;

function iconvStrict(text: string, encoding: string): Buffer | null {
  const bytes = iconv.encode(text, encoding);
  // iconv-lite substitutes '?' for what it cannot map; a round trip exposes that.
  return iconv.decode(bytes, encoding) === text ? bytes : null;
}

/** Decodes short_message octets; null when the data_coding is unsupported or the octets are invalid for it. */
export function decodeText(bytes: Buffer, dataCoding: number, opts?: TextCodingOptions): string | null {
  switch (dataCoding) {
    case 0x00:
      return decodeText(bytes, smscDefaultCoding(opts), opts);
    case 0x01:
      for (const b of bytes) if (b > 0x7f) return null;
      return bytes.toString('latin1');
    case 0x03:
      return bytes.toString('latin1');
    case 0x06:
      return iconv.decode(bytes, 'iso-8859-5');
    case 0x08:
      if (bytes.length % 2 !== 0) return null;
      return iconv.decode(bytes, 'utf-16be');
    case 0x0e: {
      const text = iconv.decode(bytes, 'cp949');
      return text.includes('\ufffd') ? null : text;
    }
    case GSM7_INTERNAL:
      return gsm7Decode(bytes);
    default:
      return null;
  }
}

/** Encodes text for a data_coding; null when a character cannot be represented (or the coding is unsupported). */
export function encodeText(text: string, dataCoding: number, opts?: TextCodingOptions): Buffer | null {
  switch (dataCoding) {
    case 0x00:
      return encodeText(text, smscDefaultCoding(opts), opts);
    case 0x01:
      return ASCII_ONLY.test(text) ? Buffer.from(text, 'latin1') : null;
    case 0x03:
      return LATIN1_ONLY.test(text) ? Buffer.from(text, 'latin1') : null;
    case 0x06:
      return iconvStrict(text, 'iso-8859-5');
    case 0x08:
      return iconv.encode(text, 'utf-16be');
    case 0x0e:
      return iconvStrict(text, 'cp949');
    case GSM7_INTERNAL:
      return gsm7Encode(text);
    default:
      return null;
  }
}

function smscDefaultCoding(opts?: TextCodingOptions): number {
  switch (opts?.smscDefault ?? 'gsm7') {
    case 'ascii':
      return 0x01;
    case 'euc-kr':
      return 0x0e;
    default:
      return GSM7_INTERNAL;
  }
}

/**
 * Octets the text takes in EUC-KR (ASCII 1, Hangul and other KS X 1001 characters 2); null if any character
 * is not representable. CP949-only Hangul syllables (e.g. '똠') count as 2 unless `strict` is set.
 */
export function eucKrByteLength(text: string, opts?: { strict?: boolean }): number | null {
  if (ASCII_ONLY.test(text)) return text.length;
  const bytes = iconvStrict(text, 'cp949');
  if (!bytes) return null;
  if (opts?.strict) {
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] < 0x80) continue;
      const lead = bytes[i];
      const trail = bytes[++i];
      if (lead < 0xa1 || lead > 0xfe || trail < 0xa1 || trail > 0xfe) return null;
    }
  }
  return bytes.length;
}

/**
 * The data_coding to submit a text with:
 * - ASCII only -> 0x01 IA5 (unambiguous whatever the SMSC's default alphabet is; 0x00 would turn '@' into 0x00);
 * - otherwise, if every character is in EUC-KR/CP949 -> 0x0E KS C 5601 (Korean, and symbols such as '★');
 * - otherwise -> 0x08 UCS2.
 */
export function chooseDataCoding(text: string): { dataCoding: number; bytes: Buffer } {
  if (ASCII_ONLY.test(text)) return { dataCoding: 0x01, bytes: Buffer.from(text, 'latin1') };
  const euc = iconvStrict(text, 'cp949');
  if (euc) return { dataCoding: 0x0e, bytes: euc };
  return { dataCoding: 0x08, bytes: iconv.encode(text, 'utf-16be') };
}

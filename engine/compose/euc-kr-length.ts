// How Korean carriers measure text: bytes in EUC-KR (KS C 5601 / KS X 1001), 1 per ASCII character
// and 2 per Hangul syllable, hanja, Cyrillic, Greek or symbol.
//
// The code page is CP949 (Unified Hangul Code), which is what iconv-lite means by 'euc-kr' and what
// Korean handsets and SMS platforms actually speak: it is a superset of EUC-KR that also holds the
// 8,822 modern Hangul syllables KS X 1001 lacks (똠, 쀍), at 2 bytes each like every other syllable.
// Counting in strict EUC-KR would refuse those syllables although every carrier delivers them.
import iconv from 'iconv-lite';

// Bytes per UTF-16 code unit in CP949, learned lazily: 0 = not asked yet, 1 or 2 = bytes,
// 3 = not encodable. CP949 maps only BMP characters, so surrogates are never encodable.
const NOT_ENCODABLE = 3;
const widths = new Uint8Array(65_536);

function widthOf(code: number): number {
  let w = widths[code];
  if (w === 0) {
    if (code >= 0xd800 && code <= 0xdfff) w = NOT_ENCODABLE;
    else {
      const ch = String.fromCharCode(code);
      // iconv-lite writes '?' for what it cannot encode, so only a round trip tells the two apart.
      const bytes = iconv.encode(ch, 'cp949');
      w = iconv.decode(bytes, 'cp949') === ch && bytes.length <= 2 ? bytes.length : NOT_ENCODABLE;
    }
    widths[code] = w;
  }
  return w;
}

/** True when every character is ASCII (then bytes = characters in every encoding used here). */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Byte length of `text` in EUC-KR (CP949); null when some character cannot be encoded (emoji, Vietnamese diacritics). */
export function eucKrLength(text: string): number | null {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n++;
    else {
      const w = widthOf(c);
      if (w === NOT_ENCODABLE) return null;
      n += w;
    }
  }
  return n;
}

/** Bytes counted per character: ASCII 1, EUC-KR 1-2, others `otherBmp`, a surrogate pair `pair`. */
function countBytes(text: string, otherBmp: number, pair: number): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      n += pair;
    } else {
      const w = widthOf(c);
      n += w === NOT_ENCODABLE ? otherBmp : w;
    }
  }
  return n;
}

/**
 * Bytes as a Korean MMSC counts LMS/MMS text (MM7 and MAS carry it as UTF-8): EUC-KR bytes, and 2 per
 * character EUC-KR lacks (its UCS-2 size; an emoji is one character). Never null.
 */
export function carrierTextBytes(text: string): number {
  return countBytes(text, 2, 2);
}

/**
 * Bytes as a Korean SMSC counts SMS text against its 90-byte limit: EUC-KR bytes, and the UCS-2 size
 * of each character EUC-KR lacks (2, or 4 for a character outside the BMP such as an emoji). The
 * SMSVAS simulator counts the same way.
 */
export function smsTextBytes(text: string): number {
  return countBytes(text, 2, 4);
}

/**
 * The longest prefix of `text` whose carrierTextBytes is <= maxBytes, cut on a character boundary
 * (never inside a surrogate pair), with `ellipsis` appended when anything was cut (the ellipsis counts
 * towards maxBytes). Text that fits is returned as it is.
 */
export function truncateToBytes(text: string, maxBytes: number, ellipsis = '…'): string {
  if (carrierTextBytes(text) <= maxBytes) return text;
  const budget = maxBytes - carrierTextBytes(ellipsis);
  if (budget < 0) return '';
  let n = 0;
  let end = 0;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    let units = 1;
    let w: number;
    if (c < 0x80) w = 1;
    else if (c >= 0xd800 && c <= 0xdbff && end + 1 < text.length && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00) {
      units = 2;
      w = 2;
    } else {
      const known = widthOf(c);
      w = known === NOT_ENCODABLE ? 2 : known;
    }
    if (n + w > budget) break;
    n += w;
    end += units;
  }
  return text.slice(0, end) + ellipsis;
}

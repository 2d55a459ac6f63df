// XML character data in and out. The parser runs with entity processing OFF (no DTD, no expansion),
// so the five predefined entities and numeric character references are resolved here in one pass:
// nothing can expand into more than one character, so no input can grow.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

// XML 1.0 cannot carry these at all, and a NUL would end the frame: they are dropped on the way out.
const ILLEGAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
const HAS_ILLEGAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

export function escapeXml(text: string): string {
  const legal = HAS_ILLEGAL.test(text) ? text.replace(ILLEGAL, '') : text;
  return /[&<>"']/.test(legal) ? legal.replace(/[&<>"']/g, (c) => ESCAPES[c]) : legal;
}

/** Resolves predefined entities and character references; anything else is left as written. */
export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref];
    const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}

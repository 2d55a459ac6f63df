// XML character data out (the kit's strict reader resolves references on the way in).

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// XML 1.0 cannot carry these at all, and a NUL would end the frame: they are dropped on the way out.
const ILLEGAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
const HAS_ILLEGAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

export function escapeXml(text: string): string {
  const legal = HAS_ILLEGAL.test(text) ? text.replace(ILLEGAL, '') : text;
  return /[&<>"']/.test(legal) ? legal.replace(/[&<>"']/g, (c) => ESCAPES[c]) : legal;
}

// Korean advertising-message labelling (정보통신망법 제50조; protocols.md §5.3): an ad sent as
// SMS/LMS/MMS starts with "(광고)" exactly and ends with a free opt-out, "무료수신거부 080-XXX-XXXX".
// RCS marks ads with header=1 and a footer field instead and refuses "(광고)" in the body (§3c), so
// RCS content is never decorated here; the channel sets header/footer from the request.

export const AD_PREFIX = '(광고)';
export const OPT_OUT_LABEL = '무료수신거부';

// 080, then digits with optional hyphens, as the MaaP-FE footer rule and the SMS rule both accept.
const OPT_OUT = /^080-?\d{3,4}-?\d{4}$/;
// Spellings of the ad marker that a body must not carry itself when the marker is added for it:
// "(광고)", "[광고]", "(광 고)", "광고" at the very start.
const AD_MARKER_START = /^\s*[([]?\s*광\s*고\s*[)\]]?/;

/** A free opt-out number: 080 then 7-8 digits, '-' allowed, at most 20 characters. */
export function isOptOutNumber(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 20 && OPT_OUT.test(value);
}

/** True when the text already opens with an ad marker in any common spelling. */
export function startsWithAdMarker(text: string): boolean {
  return AD_MARKER_START.test(text);
}

export function optOutFooter(optOut: string): string {
  return `${OPT_OUT_LABEL} ${optOut}`;
}

/**
 * "(광고)" + body + newline + "무료수신거부 {080}". A body that already starts with the exact prefix,
 * or already ends with this very footer, is not given a second one (tenants moving from other
 * platforms often write them).
 */
export function decorateAd(body: string, optOut: string): string {
  const footer = optOutFooter(optOut);
  let out = body.startsWith(AD_PREFIX) ? body : AD_PREFIX + body;
  if (!out.endsWith(footer)) out = `${out}\n${footer}`;
  return out;
}

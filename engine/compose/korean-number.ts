// Korean recipient and callback numbers. Recipients are mobile numbers (01X + 7-8 digits) in national
// form; '+82 10-1234-5678' and '821012345678' are the same number. Callback numbers are what a
// carrier accepts as a sender: 8-12 digits (1588-xxxx, 02-xxx-xxxx, 010-xxxx-xxxx, 0505-xxx-xxxx).

const SEPARATORS = /[\s-]/g;
const MOBILE = /^01[016789]\d{7,8}$/;
const DIGITS = /^\d{8,12}$/;

function stripSeparators(value: string): string {
  // Most numbers arrive bare; skip the replace (and its allocation) for them.
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x2d || c === 0x20 || c === 0x09) return value.replace(SEPARATORS, '');
  }
  return value;
}

/** National form of a Korean mobile number (01012345678), or null when it is not one. */
export function normalizeMobile(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 32) return null;
  let n = stripSeparators(value);
  if (n.charCodeAt(0) === 0x2b /* + */) {
    if (!n.startsWith('+82')) return null;
    n = n.slice(3);
    if (n.charCodeAt(0) !== 0x30) n = `0${n}`;
  } else if (n.startsWith('82') && n.length >= 11 && n.length <= 12) {
    n = `0${n.slice(2)}`;
  }
  return MOBILE.test(n) ? n : null;
}

/** A callback number as digits only, or null when it is not 8-12 digits. */
export function normalizeSender(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 32) return null;
  const n = stripSeparators(value);
  return DIGITS.test(n) ? n : null;
}

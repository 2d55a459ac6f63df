// Korean mobile numbers in the forms senders actually write them. The network, the NP API and every
// pattern match work on the national form (01012345678), so there is one spelling per subscriber.

const NATIONAL_MOBILE = /^01[016789]\d{7,8}$/;
// Hyphens, spaces and dots are how numbers are printed (010-1234-5678); they carry no meaning.
const SEPARATORS = /[\s.-]/g;

/** National form of a Korean mobile number, or null when `s` is not one. */
export function normalizeMsisdn(s: string): string | null {
  if (typeof s !== 'string' || s.length > 32) return null;
  if (NATIONAL_MOBILE.test(s)) return s;
  let digits = s.replace(SEPARATORS, '');
  if (digits.startsWith('+82')) digits = '0' + digits.slice(3);
  else if (digits.startsWith('82')) digits = '0' + digits.slice(2);
  return NATIONAL_MOBILE.test(digits) ? digits : null;
}

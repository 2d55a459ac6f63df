// TON/NPI and Korean numbering for SMPP addresses. An address is normalised to its national form
// ('01012345678', '15881234', '0212345678') — the form sender pre-registration lists use.
import { COMMAND_STATUS } from './command-status.ts';

export const TON = {
  UNKNOWN: 0x00,
  INTERNATIONAL: 0x01,
  NATIONAL: 0x02,
  NETWORK_SPECIFIC: 0x03,
  SUBSCRIBER_NUMBER: 0x04,
  ALPHANUMERIC: 0x05,
  ABBREVIATED: 0x06,
} as const;

export const NPI = {
  UNKNOWN: 0x00,
  ISDN: 0x01,
  DATA: 0x03,
  TELEX: 0x04,
  LAND_MOBILE: 0x06,
  NATIONAL: 0x08,
  PRIVATE: 0x09,
  ERMES: 0x0a,
  INTERNET: 0x0e,
  WAP: 0x12,
} as const;

/**
 * Which numbers an address may be:
 * - 'destination': a mobile number (01x) — SMS cannot reach a landline or a service number;
 * - 'source': a mobile, landline (02, 0[3-6]x), 070, 080, 050x or 15xx/16xx/18xx service number;
 * - 'any' (default): as 'source', with destination statuses — for callers that check roles themselves.
 */
export type AddressRole = 'source' | 'destination' | 'any';

export type NormalizedAddress = { ok: true; national: string; kind: NumberKind } | { ok: false; status: number; reason: string };
export type NumberKind = 'mobile' | 'landline' | 'internet-phone' | 'toll-free' | 'personal' | 'service';

const KINDS: [NumberKind, RegExp][] = [
  ['mobile', /^010\d{8}$|^01[16789]\d{7,8}$/],
  ['landline', /^02\d{7,8}$|^0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])\d{7,8}$/],
  ['internet-phone', /^070\d{8}$/],
  ['toll-free', /^080\d{7,8}$/],
  ['personal', /^050\d{8,9}$/],
  ['service', /^1[568]\d{6}$/],
];

export function numberKind(national: string): NumberKind | null {
  for (const [kind, re] of KINDS) if (re.test(national)) return kind;
  return null;
}

/**
 * Validates an address for its TON/NPI and Korean numbering. Accepted: TON 0 (unknown: national or
 * '82…'/'+82…'), 1 (international, must be +82), 2 (national); NPI 0 or 1 (ISDN/E.164).
 */
export function normalizeSmppAddress(addr: string, ton: number, npi: number, role: AddressRole = 'any'): NormalizedAddress {
  const S = COMMAND_STATUS;
  const src = role === 'source';
  const fail = (status: number, reason: string): NormalizedAddress => ({ ok: false, status, reason });
  if (ton !== TON.UNKNOWN && ton !== TON.INTERNATIONAL && ton !== TON.NATIONAL) {
    return fail(src ? S.ESME_RINVSRCTON : S.ESME_RINVDSTTON, `TON ${ton} is not unknown (0), international (1) or national (2)`);
  }
  if (npi !== NPI.UNKNOWN && npi !== NPI.ISDN) {
    return fail(src ? S.ESME_RINVSRCNPI : S.ESME_RINVDSTNPI, `NPI ${npi} is not unknown (0) or ISDN (1)`);
  }
  const bad = src ? S.ESME_RINVSRCADR : S.ESME_RINVDSTADR;
  if (addr === '') return fail(bad, 'address is empty');
  let digits = addr;
  if (digits.startsWith('+')) {
    if (ton === TON.NATIONAL) return fail(bad, `'${addr}' has a '+' but TON is national`);
    digits = digits.slice(1);
    if (!digits.startsWith('82')) return fail(bad, `'${addr}' is not a Korean (+82) number`);
  }
  if (!/^\d+$/.test(digits)) return fail(bad, `'${addr}' is not all digits`);

  let national: string;
  if (ton === TON.INTERNATIONAL || (ton === TON.UNKNOWN && digits.startsWith('82'))) {
    // No Korean national number starts with 8, so '82' under TON unknown is unambiguous.
    if (!digits.startsWith('82')) return fail(bad, `'${addr}' is international but not +82`);
    const rest = digits.slice(2);
    // '82010…' (trunk 0 kept after the country code) is a common ESME mistake; accept it.
    national = rest.startsWith('0') || /^1[568]\d{6}$/.test(rest) ? rest : `0${rest}`;
  } else {
    national = digits;
  }

  const kind = numberKind(national);
  if (!kind) return fail(bad, `'${addr}' is not a Korean mobile, landline or service number`);
  if (role === 'destination' && kind !== 'mobile') return fail(bad, `'${addr}' is a ${kind} number; SMS destinations must be mobile (01x)`);
  return { ok: true, national, kind };
}

/** International digits (no '+') for a national Korean number: '01012345678' -> '821012345678'. */
export function toInternational(national: string): string {
  return national.startsWith('0') ? `82${national.slice(1)}` : `82${national}`;
}

// Who a request comes from: HTTP Basic credentials pick the account; a SenderIdentification naming
// another VASPID or VASID is refused as Improper identification (4001).
import { timingSafeEqual } from 'node:crypto';
import type { SenderIdentification } from '../codec/mm7-message.ts';
import type { MmscAccount } from './mmsc-config.ts';
import type { AccountState } from './mmsc-context.ts';

/** The account the Authorization header proves, or a reason it does not. */
export function authenticate(accounts: Map<string, AccountState>, authorization: string | undefined): AccountState | string {
  if (!authorization) return 'HTTP Basic credentials are required';
  const m = /^Basic\s+([A-Za-z0-9+/=]{1,512})\s*$/i.exec(authorization);
  if (!m) return 'the Authorization header is not HTTP Basic';
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'the Basic credentials lack a colon';
  const acct = accounts.get(decoded.slice(0, colon));
  const given = Buffer.from(decoded.slice(colon + 1));
  const expected = Buffer.from(acct?.account.password ?? '');
  if (!acct || given.length !== expected.length || !timingSafeEqual(given, expected)) return 'unknown VASP or wrong password';
  return acct;
}

/** null when SenderIdentification agrees with the account, else why not. */
export function checkIdentity(account: MmscAccount, s: SenderIdentification): string | null {
  if (s.vaspId !== undefined && s.vaspId !== account.vaspId) return `VASPID ${s.vaspId.slice(0, 64)} does not match the credentials`;
  if (s.vasId !== undefined && account.vasId !== undefined && s.vasId !== account.vasId) return `VASID ${s.vasId.slice(0, 64)} is not provisioned for ${account.vaspId}`;
  return null;
}

/** Digits of a callback number (hyphens and a +82 prefix tolerated), or null. */
export function senderDigits(value: string): string | null {
  let d = value.trim().replace(/[\s-]/g, '');
  if (d.startsWith('+82')) d = '0' + d.slice(3);
  return /^\d{3,16}$/.test(d) ? d : null;
}

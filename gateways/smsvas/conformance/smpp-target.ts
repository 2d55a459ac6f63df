// The SMSC under test, named by one URL so a third-party target is as easy to point at as ours.
import { SmsvasError } from '../smsvas-errors.ts';

export interface SmppTarget {
  host: string;
  port: number;
  systemId: string;
  password: string;
}

/** Parses `smpp://system_id:password@host:port` (port defaults to 2775; user and password are URL-decoded). */
export function parseSmppTarget(url: string): SmppTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SmsvasError('SMSVAS_ERR_BAD_TARGET', `not a URL: ${url}`);
  }
  if (u.protocol !== 'smpp:') throw new SmsvasError('SMSVAS_ERR_BAD_TARGET', `target must use smpp://, got ${u.protocol}//`);
  if (!u.hostname) throw new SmsvasError('SMSVAS_ERR_BAD_TARGET', `target has no host: ${redactTarget(url)}`);
  if (!u.username) throw new SmsvasError('SMSVAS_ERR_BAD_TARGET', `target has no system_id (smpp://user:pass@host:port): ${redactTarget(url)}`);
  const port = u.port === '' ? 2775 : Number(u.port);
  // URL keeps IPv6 literals bracketed; net.connect wants them bare.
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port, systemId: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

/** The target URL with its password masked, for reports and logs. */
export function redactTarget(url: string): string {
  return url.replace(/^(smpp:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

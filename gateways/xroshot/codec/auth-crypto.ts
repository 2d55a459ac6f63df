// MAS field encryption as the public client shows it: AES-128/CBC/PKCS#5 with an all-zero IV, the key
// derived from a secret by SHA-1 and then the CryptDeriveKey expansion (the secret's SHA-1 XORed into
// 64-octet 0x36 and 0x5C pads, each hashed again; the first 16 octets of the result are the key),
// ciphertext in base64.
//
// Two secrets are in play. The AuthTicket of req_regist is sealed with an "auth key": a 128-character
// window of the account's certificate text, starting at the index sent as <AuthKey>. The ticket names
// the session's one-time key, and from then on CallbackNumber, ReceiveNumber and Content are sealed
// with that one-time key (Content as EUC-KR octets).
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { XroshotError } from '../xroshot-errors.ts';

export const AUTH_KEY_LENGTH = 128;
const ZERO_IV = Buffer.alloc(16);

export type Secret = string | Buffer;
export type TextEncoding = 'utf-8' | 'euc-kr';

const secretBytes = (s: Secret): Buffer => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s);

/** The AES-128 key for a secret. */
export function deriveAesKey(secret: Secret): Buffer {
  const base = createHash('sha1').update(secretBytes(secret)).digest();
  const inner = Buffer.alloc(64, 0x36);
  for (let i = 0; i < base.length; i++) inner[i] ^= base[i];
  // 16 octets are needed and SHA-1 gives 20, so only the 0x36 half of the expansion is ever used.
  return createHash('sha1').update(inner).digest().subarray(0, 16);
}

export interface FieldCipher {
  encrypt(plain: Buffer | string, encoding?: TextEncoding): string;
  /** Plain octets; throws XROSHOT_ERR_CRYPTO. */
  decrypt(base64: string): Buffer;
  /** Decrypted text without the trailing NULs some C clients encrypt along with it. */
  decryptText(base64: string, encoding?: TextEncoding): string;
}

/** A cipher bound to one secret, so the key is derived once per session rather than once per field. */
export function createFieldCipher(secret: Secret): FieldCipher {
  const key = deriveAesKey(secret);
  const decrypt = (base64: string): Buffer => {
    const compact = base64.replace(/\s+/g, '');
    if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
      throw new XroshotError('XROSHOT_ERR_CRYPTO', 'not base64 of whole AES blocks');
    }
    const data = Buffer.from(compact, 'base64');
    if (data.length % 16 !== 0) throw new XroshotError('XROSHOT_ERR_CRYPTO', 'ciphertext is not whole AES blocks');
    try {
      const d = createDecipheriv('aes-128-cbc', key, ZERO_IV);
      return Buffer.concat([d.update(data), d.final()]);
    } catch (e) {
      throw new XroshotError('XROSHOT_ERR_CRYPTO', 'wrong key or bad padding', { cause: e });
    }
  };
  return {
    encrypt(plain, encoding = 'utf-8') {
      const bytes = typeof plain === 'string' ? encodeText(plain, encoding) : plain;
      const c = createCipheriv('aes-128-cbc', key, ZERO_IV);
      return Buffer.concat([c.update(bytes), c.final()]).toString('base64');
    },
    decrypt,
    decryptText(base64, encoding = 'utf-8') {
      let bytes = decrypt(base64);
      let end = bytes.length;
      while (end > 0 && bytes[end - 1] === 0) end--;
      bytes = bytes.subarray(0, end);
      return encoding === 'euc-kr' ? iconv.decode(bytes, 'euc-kr') : bytes.toString('utf8');
    },
  };
}

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  return encoding === 'euc-kr' ? iconv.encode(text, 'euc-kr') : Buffer.from(text, 'utf8');
}

/** The auth key at `index` of a certificate text; null when the window does not fit. */
export function authKeyAt(cert: string, index: number): string | null {
  if (!Number.isInteger(index) || index < 0 || index + AUTH_KEY_LENGTH > cert.length) return null;
  return cert.slice(index, index + AUTH_KEY_LENGTH);
}

export interface AuthTicket {
  serviceProviderId: string;
  password: string;
  endUserId: string;
  /** The server time from res_auth, as sent (yyyyMMddHHmmss). */
  serverTime: string;
  oneTimeKey: string;
}

/** `id|pw|endUserId|serverTime|oneTimeKey`; '|' cannot appear inside a field. */
export function formatAuthTicket(t: AuthTicket): string {
  const fields = [t.serviceProviderId, t.password, t.endUserId, t.serverTime, t.oneTimeKey];
  if (fields.some((f) => f.includes('|'))) throw new XroshotError('XROSHOT_ERR_BAD_TICKET', "an AuthTicket field contains '|'");
  return fields.join('|');
}

export function parseAuthTicket(plain: string): AuthTicket {
  const parts = plain.split('|');
  if (parts.length !== 5 || parts[0] === '' || parts[4] === '') {
    throw new XroshotError('XROSHOT_ERR_BAD_TICKET', `expected 5 '|'-separated fields, got ${parts.length}`);
  }
  const [serviceProviderId, password, endUserId, serverTime, oneTimeKey] = parts;
  return { serviceProviderId, password, endUserId, serverTime, oneTimeKey };
}

export function sealAuthTicket(t: AuthTicket, authKey: Secret): string {
  return createFieldCipher(authKey).encrypt(formatAuthTicket(t));
}

/** Throws XROSHOT_ERR_CRYPTO (wrong auth key) or XROSHOT_ERR_BAD_TICKET. */
export function openAuthTicket(base64: string, authKey: Secret): AuthTicket {
  return parseAuthTicket(createFieldCipher(authKey).decryptText(base64));
}

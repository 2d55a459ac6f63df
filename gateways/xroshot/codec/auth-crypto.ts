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

// Numbers and short texts are a block or two, and setting up an OpenSSL CBC context costs several
// times what encrypting a block does. So each FieldCipher keeps one ECB context per direction for its
// whole life and chains the CBC blocks itself; longer fields still get a CBC context of their own.
const SHORT_FIELD_BYTES = 64;
const BLOCK = 16;

/** A cipher bound to one secret, so the key is derived (and the AES key schedule set up) once per session. */
export function createFieldCipher(secret: Secret): FieldCipher {
  const key = deriveAesKey(secret);
  // Padding is done here (PKCS#5, as the CBC mode would), so these contexts never hold back a block.
  const blockEncrypt = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
  const blockDecrypt = createDecipheriv('aes-128-ecb', key, null).setAutoPadding(false);

  const encryptBytes = (bytes: Buffer): Buffer => {
    const padLength = BLOCK - (bytes.length % BLOCK);
    const total = bytes.length + padLength;
    if (total > SHORT_FIELD_BYTES) {
      const c = createCipheriv('aes-128-cbc', key, ZERO_IV);
      return Buffer.concat([c.update(bytes), c.final()]);
    }
    const out = Buffer.alloc(total, padLength);
    bytes.copy(out, 0);
    for (let at = 0; at < total; at += BLOCK) {
      // CBC: each plain block is XORed with the previous cipher block (the zero IV for the first).
      if (at > 0) for (let i = 0; i < BLOCK; i++) out[at + i] ^= out[at - BLOCK + i];
      blockEncrypt.update(out.subarray(at, at + BLOCK)).copy(out, at);
    }
    return out;
  };

  const decrypt = (base64: string): Buffer => {
    const compact = base64.replace(/\s+/g, '');
    if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
      throw new XroshotError('XROSHOT_ERR_CRYPTO', 'not base64 of whole AES blocks');
    }
    const data = Buffer.from(compact, 'base64');
    if (data.length % BLOCK !== 0) throw new XroshotError('XROSHOT_ERR_CRYPTO', 'ciphertext is not whole AES blocks');
    // Every block decrypts on its own; CBC then XORs each with the cipher block before it.
    const plain = blockDecrypt.update(data);
    for (let at = BLOCK; at < plain.length; at++) plain[at] ^= data[at - BLOCK];
    // The checks OpenSSL makes of PKCS#5 padding: a count of 1..16, every padding octet equal to it.
    const pad = plain[plain.length - 1];
    let ok = pad >= 1 && pad <= BLOCK;
    for (let i = 1; ok && i <= pad; i++) ok = plain[plain.length - i] === pad;
    if (!ok) throw new XroshotError('XROSHOT_ERR_CRYPTO', 'wrong key or bad padding');
    return plain.subarray(0, plain.length - pad);
  };
  return {
    encrypt(plain, encoding = 'utf-8') {
      return encryptBytes(typeof plain === 'string' ? encodeText(plain, encoding) : plain).toString('base64');
    },
    decrypt,
    decryptText(base64, encoding = 'utf-8') {
      let bytes = decrypt(base64);
      let end = bytes.length;
      while (end > 0 && bytes[end - 1] === 0) end--;
      bytes = bytes.subarray(0, end);
      return encoding === 'euc-kr' ? decodeEucKr(bytes) : bytes.toString('utf8');
    },
  };
}

// EUC-KR's single-octet half is ASCII, so plain ASCII text skips the table lookups.
const NON_ASCII = /[^\x00-\x7f]/;

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  if (encoding !== 'euc-kr') return Buffer.from(text, 'utf8');
  return NON_ASCII.test(text) ? iconv.encode(text, 'euc-kr') : Buffer.from(text, 'latin1');
}

function decodeEucKr(bytes: Buffer): string {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return iconv.decode(bytes, 'euc-kr');
  return bytes.toString('latin1');
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

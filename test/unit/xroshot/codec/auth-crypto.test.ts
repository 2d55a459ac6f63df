import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  authKeyAt,
  createFieldCipher,
  deriveAesKey,
  openAuthTicket,
  parseAuthTicket,
  sealAuthTicket,
  type AuthTicket,
} from '../../../../gateways/xroshot/codec/auth-crypto.ts';
import { isXroshotError } from '../../../../gateways/xroshot/xroshot-errors.ts';

const ticket: AuthTicket = { serviceProviderId: 'sp-msgsim', password: 'pw', endUserId: 'eu1', serverTime: '20261120093000', oneTimeKey: 'otk-123' };
const cert = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(8);

function errorCode(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (!isXroshotError(e)) throw e;
    return e.code;
  }
}

describe('MAS field crypto', () => {
  it('derives the AES key by SHA-1 then the 0x36-pad expansion (known answer, checked with openssl)', () => {
    expect(deriveAesKey('msgsim-test-secret').toString('hex')).toBe('393fe82a468a23d6c88ba37a43cbc9f0');
    expect(createFieldCipher('msgsim-test-secret').encrypt('01012340004')).toBe('j00M0KmSHSx8HG9Wo5U2MQ==');
  });

  it('round trips EUC-KR content and strips the NULs C clients encrypt with the text', () => {
    const c = createFieldCipher('otk-123');
    const sealed = c.encrypt('안녕하세요 (광고)', 'euc-kr');
    expect(c.decrypt(sealed).length).toBe(17);
    expect(c.decryptText(sealed, 'euc-kr')).toBe('안녕하세요 (광고)');
    expect(c.decryptText(c.encrypt(Buffer.from('0101234\0', 'latin1')))).toBe('0101234');
  });

  it('seals and opens exactly as AES-128-CBC with a zero IV, for short and long fields, on a cipher used many times', () => {
    const c = createFieldCipher('session-key');
    const key = deriveAesKey('session-key');
    const iv = Buffer.alloc(16);
    for (let n = 0; n <= 100; n++) {
      const plain = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff));
      const ref = createCipheriv('aes-128-cbc', key, iv);
      const sealed = Buffer.concat([ref.update(plain), ref.final()]).toString('base64');
      expect(c.encrypt(plain)).toBe(sealed);
      expect(c.decrypt(sealed).equals(plain)).toBe(true);
    }
  });

  it('refuses exactly the paddings OpenSSL refuses', () => {
    const c = createFieldCipher('pad-key');
    const key = deriveAesKey('pad-key');
    const iv = Buffer.alloc(16);
    // Cipher blocks whose last plain octets are chosen: 0 and 17 (never padding), 2 behind a 3, and good ones.
    const sealRaw = (plain: Buffer) => {
      const e = createCipheriv('aes-128-cbc', key, iv).setAutoPadding(false);
      return Buffer.concat([e.update(plain), e.final()]);
    };
    const tails = [[0], [17], [3, 2], [2, 2], [1], Array(16).fill(16), [4, 5, 5, 5, 5]];
    for (const tail of tails) {
      const plain = Buffer.alloc(32, 0x41);
      Buffer.from(tail).copy(plain, 32 - tail.length);
      const sealed = sealRaw(plain);
      let expected: string;
      try {
        const d = createDecipheriv('aes-128-cbc', key, iv);
        expected = Buffer.concat([d.update(sealed), d.final()]).toString('hex');
      } catch {
        expected = 'XROSHOT_ERR_CRYPTO';
      }
      let got: string;
      try {
        got = c.decrypt(sealed.toString('base64')).toString('hex');
      } catch (e) {
        got = isXroshotError(e) ? e.code : String(e);
      }
      expect(got).toBe(expected);
    }
  });

  it('takes base64 with line breaks, as some encoders wrap it', () => {
    const c = createFieldCipher('k');
    const sealed = c.encrypt('x'.repeat(100));
    expect(c.decryptText(sealed.replace(/(.{76})/g, '$1\r\n'))).toBe('x'.repeat(100));
  });

  it('fails with XROSHOT_ERR_CRYPTO on a wrong key, bad base64 or a torn block', () => {
    const sealed = createFieldCipher('right').encrypt('01012340004');
    expect(errorCode(() => createFieldCipher('wrong').decrypt(sealed))).toBe('XROSHOT_ERR_CRYPTO');
    expect(errorCode(() => createFieldCipher('right').decrypt('not base64!'))).toBe('XROSHOT_ERR_CRYPTO');
    expect(errorCode(() => createFieldCipher('right').decrypt('AAAA'))).toBe('XROSHOT_ERR_CRYPTO');
    expect(errorCode(() => createFieldCipher('right').decrypt(''))).toBe('XROSHOT_ERR_CRYPTO');
  });

  it('seals and opens an AuthTicket under the auth key window of a certificate', () => {
    const key = authKeyAt(cert, 40);
    expect(key).toHaveLength(128);
    const sealed = sealAuthTicket(ticket, key!);
    expect(openAuthTicket(sealed, key!)).toEqual(ticket);
    expect(errorCode(() => openAuthTicket(sealed, authKeyAt(cert, 41)!))).toMatch(/XROSHOT_ERR_(CRYPTO|BAD_TICKET)/);
  });

  it('has no auth key where the 128-character window does not fit', () => {
    expect(authKeyAt(cert, cert.length - 128)).not.toBeNull();
    expect(authKeyAt(cert, cert.length - 127)).toBeNull();
    expect(authKeyAt(cert, -1)).toBeNull();
    expect(authKeyAt(cert, 1.5)).toBeNull();
  });

  it('refuses tickets that are not five fields', () => {
    expect(errorCode(() => parseAuthTicket('a|b|c|d'))).toBe('XROSHOT_ERR_BAD_TICKET');
    expect(errorCode(() => parseAuthTicket('a|b|c|d|e|f'))).toBe('XROSHOT_ERR_BAD_TICKET');
    expect(errorCode(() => sealAuthTicket({ ...ticket, password: 'p|w' }, 'k'))).toBe('XROSHOT_ERR_BAD_TICKET');
  });
});

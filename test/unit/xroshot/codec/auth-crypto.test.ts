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

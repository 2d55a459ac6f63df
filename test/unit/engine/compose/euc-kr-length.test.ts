import { describe, expect, it } from 'vitest';
import { countBytes as smscBytes } from '../../../../gateways/smsvas/simulator/submit-validator.ts';
import { carrierTextBytes, eucKrLength, isAscii, smsTextBytes, truncateToBytes } from '../../../../engine/compose/euc-kr-length.ts';

describe('eucKrLength', () => {
  it('counts ASCII as 1 byte and Hangul as 2', () => {
    expect(eucKrLength('')).toBe(0);
    expect(eucKrLength('hello 123')).toBe(9);
    expect(eucKrLength('안녕하세요')).toBe(10);
    expect(eucKrLength('가a나b')).toBe(6);
  });

  it('counts the syllables only CP949 adds to KS X 1001 as 2 bytes, not as unencodable', () => {
    expect(eucKrLength('똠')).toBe(2);
    expect(eucKrLength('쀍')).toBe(2);
  });

  it('encodes Cyrillic, Greek, hanja and common symbols that KS X 1001 holds', () => {
    expect(eucKrLength('Привет')).toBe(12);
    expect(eucKrLength('Ω…·①')).toBe(8);
    expect(eucKrLength('日本')).toBe(4);
  });

  it('returns null for what EUC-KR cannot encode: emoji, Vietnamese diacritics, simplified hanzi, lone surrogates', () => {
    expect(eucKrLength('hi 😀')).toBeNull();
    expect(eucKrLength('Tiếng Việt')).toBeNull();
    expect(eucKrLength('汉')).toBeNull();
    expect(eucKrLength('é')).toBeNull();
    expect(eucKrLength('\ud800')).toBeNull();
  });

  it('stays correct on repeated calls (the width table is filled lazily)', () => {
    for (let i = 0; i < 3; i++) {
      expect(eucKrLength('한국 ế')).toBeNull();
      expect(eucKrLength('한국')).toBe(4);
    }
  });
});

describe('isAscii', () => {
  it('tells pure ASCII apart', () => {
    expect(isAscii('abc ~')).toBe(true);
    expect(isAscii('abc 가')).toBe(false);
  });
});

describe('smsTextBytes', () => {
  it('counts as the SMSC does: EUC-KR bytes, 2 per BMP character EUC-KR lacks, 4 per emoji', () => {
    expect(smsTextBytes('안녕 hi')).toBe(7);
    expect(smsTextBytes('é')).toBe(2);
    expect(smsTextBytes('😀')).toBe(4);
    for (const t of ['안녕 hi', 'Xin chào ế', '😀 좋아요', 'Привет', '你好']) expect(smsTextBytes(t)).toBe(smscBytes(t));
  });
});

describe('carrierTextBytes', () => {
  it('equals eucKrLength for encodable text', () => {
    expect(carrierTextBytes('안녕 hi')).toBe(7);
  });

  it('counts a character EUC-KR lacks as 2 bytes, an emoji (surrogate pair) once', () => {
    expect(carrierTextBytes('é')).toBe(2);
    expect(carrierTextBytes('😀')).toBe(2);
    expect(carrierTextBytes('a😀b')).toBe(4);
  });
});

describe('truncateToBytes', () => {
  it('returns text that fits unchanged', () => {
    expect(truncateToBytes('안녕', 4)).toBe('안녕');
  });

  it('cuts on a Hangul boundary and appends the ellipsis within the budget', () => {
    // '…' is 2 bytes in CP949: 7 bytes leave 5 for the text, which hold two syllables (4 bytes).
    const out = truncateToBytes('가나다라', 7);
    expect(out).toBe('가나…');
    expect(carrierTextBytes(out)).toBeLessThanOrEqual(7);
  });

  it('never splits a surrogate pair', () => {
    expect(truncateToBytes('a😀😀', 2, '')).toBe('a');
    expect(truncateToBytes('a😀😀', 4, '')).toBe('a😀');
  });

  it('can cut without an ellipsis', () => {
    expect(truncateToBytes('abcdef', 3, '')).toBe('abc');
  });
});

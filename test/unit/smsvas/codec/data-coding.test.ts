import { describe, expect, it } from 'vitest';
import { chooseDataCoding, decodeText, encodeText, eucKrByteLength, gsm7Length } from '../../../../gateways/smsvas/codec/data-coding.ts';

describe('eucKrByteLength', () => {
  it('counts Hangul as 2 octets and ASCII as 1', () => {
    expect(eucKrByteLength('안녕하세요')).toBe(10);
    expect(eucKrByteLength('abc')).toBe(3);
    expect(eucKrByteLength('')).toBe(0);
    expect(eucKrByteLength('(광고) 30% 할인')).toBe(15);
  });
  it('finds the 90-byte SMS boundary', () => {
    expect(eucKrByteLength('가'.repeat(45))).toBe(90);
    expect(eucKrByteLength('가'.repeat(44) + 'ab')).toBe(90);
    expect(eucKrByteLength('가'.repeat(45) + 'a')).toBe(91);
  });
  it('answers null for characters outside EUC-KR', () => {
    expect(eucKrByteLength('hi 😀')).toBeNull();
    expect(eucKrByteLength('ไทย')).toBeNull();
  });
  it('counts CP949-only Hangul unless strict', () => {
    expect(eucKrByteLength('똠방각하')).toBe(8);
    expect(eucKrByteLength('똠', { strict: true })).toBeNull();
    expect(eucKrByteLength('방각하', { strict: true })).toBe(6);
  });
});

describe('decodeText / encodeText', () => {
  it('SMSC default is unpacked GSM 03.38 unless configured otherwise', () => {
    expect(encodeText('@£{', 0x00)).toEqual(Buffer.from([0x00, 0x01, 0x1b, 0x28]));
    expect(decodeText(Buffer.from([0x00, 0x01, 0x1b, 0x28, 0x1b, 0x65]), 0x00)).toBe('@£{€');
    expect(decodeText(Buffer.from('hi@'), 0x00, { smscDefault: 'ascii' })).toBe('hi@');
    expect(decodeText(Buffer.from([0xbe, 0xc8]), 0x00, { smscDefault: 'euc-kr' })).toBe('안');
  });
  it('GSM rejects octets above 0x7f and characters outside the table', () => {
    expect(decodeText(Buffer.from([0x80]), 0x00)).toBeNull();
    expect(encodeText('안', 0x00)).toBeNull();
    expect(gsm7Length('a€')).toBe(3);
  });
  it('IA5 is 7-bit ASCII', () => {
    expect(encodeText('hello', 0x01)).toEqual(Buffer.from('hello'));
    expect(encodeText('héllo', 0x01)).toBeNull();
    expect(decodeText(Buffer.from([0x68, 0xe9]), 0x01)).toBeNull();
  });
  it('Latin-1, Cyrillic, UCS2 and KS C 5601', () => {
    expect(decodeText(encodeText('café', 0x03)!, 0x03)).toBe('café');
    expect(decodeText(encodeText('Привет', 0x06)!, 0x06)).toBe('Привет');
    expect(encodeText('안녕', 0x08)).toEqual(Buffer.from('c548b155', 'hex'));
    expect(decodeText(Buffer.from('c548b155', 'hex'), 0x08)).toBe('안녕');
    expect(decodeText(encodeText('😀', 0x08)!, 0x08)).toBe('😀');
    expect(encodeText('한글', 0x0e)).toEqual(Buffer.from('c7d1b1db', 'hex'));
    expect(decodeText(Buffer.from('c7d1b1db', 'hex'), 0x0e)).toBe('한글');
  });
  it('invalid octets for the coding decode to null', () => {
    expect(decodeText(Buffer.from([0xc5]), 0x08)).toBeNull();
    expect(decodeText(Buffer.from([0xff, 0xff]), 0x0e)).toBeNull();
  });
  it('unsupported codings are null', () => {
    for (const dc of [0x02, 0x04, 0x05, 0x07, 0x09, 0x0a, 0x0d, 0xf0]) {
      expect(decodeText(Buffer.from('x'), dc)).toBeNull();
      expect(encodeText('x', dc)).toBeNull();
    }
  });
});

describe('chooseDataCoding', () => {
  it('ASCII-only text is IA5', () => {
    expect(chooseDataCoding('Your code is 1234 @home')).toEqual({ dataCoding: 0x01, bytes: Buffer.from('Your code is 1234 @home') });
  });
  it('Korean text is KS C 5601', () => {
    expect(chooseDataCoding('인증번호 1234')).toMatchObject({ dataCoding: 0x0e });
    expect(chooseDataCoding('인증번호 1234').bytes.length).toBe(13);
  });
  it('text EUC-KR cannot hold is UCS2', () => {
    const c = chooseDataCoding('축하해요 🎉');
    expect(c.dataCoding).toBe(0x08);
    expect(decodeText(c.bytes, 0x08)).toBe('축하해요 🎉');
  });
});

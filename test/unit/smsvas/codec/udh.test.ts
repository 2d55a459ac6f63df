import { describe, expect, it } from 'vitest';
import { buildConcatUdh, parseUdh } from '../../../../gateways/smsvas/codec/udh.ts';

describe('UDH concatenation', () => {
  it('builds and parses IEI 0x00 (8-bit reference)', () => {
    const udh = buildConcatUdh(0x1a7, 3, 2, 0);
    expect(udh.toString('hex')).toBe('050003a70302');
    expect(parseUdh(Buffer.concat([udh, Buffer.from('body')]))).toEqual({ headerLength: 6, concat: { ref: 0xa7, total: 3, seq: 2, iei: 0 } });
  });
  it('builds and parses IEI 0x08 (16-bit reference)', () => {
    const udh = buildConcatUdh(0x1a7, 3, 3, 8);
    expect(udh.toString('hex')).toBe('06080401a70303');
    expect(parseUdh(udh)).toEqual({ headerLength: 7, concat: { ref: 0x1a7, total: 3, seq: 3, iei: 8 } });
  });
  it('finds concatenation among other elements and ignores the rest', () => {
    // port addressing (IEI 5, 4 octets) then IEI 0
    const sm = Buffer.from('0b 0504 0b840000 0003 070201 ff'.replace(/ /g, ''), 'hex');
    expect(parseUdh(sm)).toEqual({ headerLength: 12, concat: { ref: 7, total: 2, seq: 1, iei: 0 } });
    expect(parseUdh(Buffer.from('0405020b84', 'hex'))).toEqual({ headerLength: 5, concat: null });
  });
  it('rejects malformed headers', () => {
    const bad = ['', '00', '05000307', '0500040702010000', '050003070201'.slice(0, 10) + '00', '0400030702', '05080307020101', '050003070003', '050003070103'];
    for (const h of bad) expect(parseUdh(Buffer.from(h, 'hex')), h).toBeNull();
  });
  it('refuses to build an impossible segment', () => {
    expect(() => buildConcatUdh(1, 2, 3, 0)).toThrow(RangeError);
    expect(() => buildConcatUdh(1, 256, 1, 0)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeMsisdn } from '../../../gateways/network/normalize-msisdn.ts';

describe('normalizeMsisdn', () => {
  it.each([
    ['01012345678', '01012345678'],
    ['0111234567', '0111234567'],
    ['01612345678', '01612345678'],
    ['0191234567', '0191234567'],
    ['010-1234-5678', '01012345678'],
    ['010 1234 5678', '01012345678'],
    ['010.1234.5678', '01012345678'],
    ['+821012345678', '01012345678'],
    ['821012345678', '01012345678'],
    ['+82-10-1234-5678', '01012345678'],
    ['+82 17 123 4567', '0171234567'],
  ])('accepts %s as %s', (input, national) => {
    expect(normalizeMsisdn(input)).toBe(national);
  });

  it.each([
    ['', 'empty'],
    ['0212345678', 'a Seoul landline'],
    ['01212345678', 'prefix 012 is not mobile'],
    ['01512345678', 'prefix 015 is not mobile'],
    ['010123456', 'too short'],
    ['010123456789', 'too long'],
    ['+8201012345678', 'international form keeping the trunk 0'],
    ['+8110123456789', 'another country code'],
    ['0101234567a', 'a letter'],
    ['010/1234/5678', 'an unknown separator'],
    ['1012345678', 'missing the trunk 0'],
  ])('rejects %s (%s)', (input) => {
    expect(normalizeMsisdn(input)).toBeNull();
  });

  it('rejects non-strings and absurdly long input without scanning it', () => {
    expect(normalizeMsisdn(12345678901 as unknown as string)).toBeNull();
    expect(normalizeMsisdn('0'.repeat(10_000))).toBeNull();
  });
});

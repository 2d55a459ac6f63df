import { describe, expect, it } from 'vitest';
import { decorateAd, isOptOutNumber } from '../../../../engine/compose/ad-decoration.ts';
import { normalizeMobile, normalizeSender } from '../../../../engine/compose/korean-number.ts';

describe('normalizeMobile', () => {
  it('accepts every mobile prefix with 7 or 8 digits', () => {
    for (const p of ['010', '011', '016', '017', '018', '019']) {
      expect(normalizeMobile(`${p}1234567`)).toBe(`${p}1234567`);
      expect(normalizeMobile(`${p}12345678`)).toBe(`${p}12345678`);
    }
    expect(normalizeMobile('012-1234-5678')).toBeNull();
    expect(normalizeMobile('010123456')).toBeNull();
  });

  it('reads the +82 and 82 international forms', () => {
    expect(normalizeMobile('+82-10-1234-5678')).toBe('01012345678');
    expect(normalizeMobile('82 11 123 4567')).toBe('0111234567');
    expect(normalizeMobile('+8210')).toBeNull();
    expect(normalizeMobile('+441012345678')).toBeNull();
  });
});

describe('normalizeSender', () => {
  it('takes 8 to 12 digits', () => {
    expect(normalizeSender('1588-1234')).toBe('15881234');
    expect(normalizeSender('0505-123-45678')).toBe('050512345678');
    expect(normalizeSender('1588123')).toBeNull();
    expect(normalizeSender('0505-123-456789')).toBeNull();
    expect(normalizeSender(15881234)).toBeNull();
  });
});

describe('ad decoration', () => {
  it('knows a free 080 opt-out number', () => {
    expect(isOptOutNumber('080-123-4567')).toBe(true);
    expect(isOptOutNumber('080-1234-5678')).toBe(true);
    expect(isOptOutNumber('0801234567')).toBe(true);
    expect(isOptOutNumber('070-123-4567')).toBe(false);
    expect(isOptOutNumber('080 123 4567')).toBe(false);
  });

  it('prefixes "(광고)" and appends the opt-out footer', () => {
    expect(decorateAd('세일', '080-123-4567')).toBe('(광고)세일\n무료수신거부 080-123-4567');
  });
});

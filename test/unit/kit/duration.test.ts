import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../gateways/kit/duration.ts';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['90s', 90_000],
    ['10m', 600_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1_500],
    [' 5m ', 300_000],
    [1234, 1234],
    [0, 0],
  ] as const)('reads %j as %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['', '10', '5 min', '-1s', '1w', 'abc', '1.s'])('rejects %j with KIT_ERR_BAD_DURATION', (input) => {
    expect(() => parseDuration(input)).toThrow(expect.objectContaining({ code: 'KIT_ERR_BAD_DURATION' }));
  });

  it('rejects negative and non-finite numbers', () => {
    expect(() => parseDuration(-1)).toThrow(expect.objectContaining({ code: 'KIT_ERR_BAD_DURATION' }));
    expect(() => parseDuration(Number.POSITIVE_INFINITY)).toThrow(expect.objectContaining({ code: 'KIT_ERR_BAD_DURATION' }));
  });

  it('says a unitless string needs a unit', () => {
    expect(() => parseDuration('10')).toThrow(/needs a unit/);
  });
});

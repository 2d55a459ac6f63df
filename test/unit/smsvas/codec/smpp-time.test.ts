import { describe, expect, it } from 'vitest';
import { formatSmppAbsolute, formatSmppRelative, parseSmppTime } from '../../../../gateways/smsvas/codec/smpp-time.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0); // 2026-11-20 12:00:00Z

describe('parseSmppTime', () => {
  it('empty is none', () => {
    expect(parseSmppTime('', NOW)).toEqual({ kind: 'none' });
  });
  it('absolute time honours tenths and the quarter-hour offset', () => {
    // 21:30:00.5 at UTC+9 (36 quarter hours) is 12:30:00.5Z
    expect(parseSmppTime('261120213000536+', NOW)).toEqual({ kind: 'absolute', at: Date.UTC(2026, 10, 20, 12, 30, 0, 500) });
    expect(parseSmppTime('261120020000004-', NOW)).toEqual({ kind: 'absolute', at: Date.UTC(2026, 10, 20, 3, 0, 0) });
  });
  it('relative time is added to now', () => {
    expect(parseSmppTime('000001020304000R', NOW)).toEqual({ kind: 'relative', ms: 86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4000, at: NOW + 93_784_000 });
    expect(parseSmppTime('000100000000000R', NOW)).toMatchObject({ at: Date.UTC(2026, 11, 20, 12, 0, 0) });
  });
  it('rejects malformed values', () => {
    for (const s of ['2611202130005', '261120213000536', '261320213000036+', '261131213000036+', '261120243000036+', '261120213000049+', '000001000000100R', '26112021300003 +', 'abcdefghijklmnop']) {
      expect(parseSmppTime(s, NOW), s).toEqual({ kind: 'invalid' });
    }
  });
});

describe('formatSmppAbsolute / formatSmppRelative', () => {
  it('renders in the given offset and parses back', () => {
    const at = Date.UTC(2026, 10, 20, 12, 30, 0, 700);
    expect(formatSmppAbsolute(at)).toBe('261120123000700+');
    expect(formatSmppAbsolute(at, 36)).toBe('261120213000736+');
    expect(formatSmppAbsolute(at, -20)).toBe('261120073000720-');
    for (const tz of [0, 36, -20, 48]) expect(parseSmppTime(formatSmppAbsolute(at, tz), NOW)).toEqual({ kind: 'absolute', at });
  });
  it('renders durations as relative time', () => {
    expect(formatSmppRelative(93_784_000)).toBe('000001020304000R');
    expect(parseSmppTime(formatSmppRelative(86_400_000), NOW)).toMatchObject({ ms: 86_400_000 });
    expect(() => formatSmppRelative(100 * 86_400_000)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { createAdPolicy } from '../../../../engine/compliance/ad-policy.ts';
import { engineConfigSchema } from '../../../../engine/engine-config.ts';
import { isEngineError } from '../../../../engine/engine-errors.ts';

const defaults = engineConfigSchema.parse({}).compliance;
const policy = createAdPolicy(defaults);
const H = 3_600_000;
// Epoch ms of a KST wall time on 2026-03-10 (+days), computed by hand: KST = UTC+9.
const kst = (h: number, m = 0, s = 0, day = 0) => Date.UTC(2026, 2, 10 + day, h - 9, m, s);
const ad = { ad: true, priority: 'realtime' as const };

describe('ad night window (default 21:00-08:00 KST, hold)', () => {
  it('sends an ad at 20:59:59 and holds one at 21:00 until 08:00 the next morning', () => {
    expect(policy.check(ad, kst(20, 59, 59))).toEqual({ action: 'send' });
    expect(policy.check(ad, kst(21))).toEqual({ action: 'hold', until: kst(8, 0, 0, 1) });
    expect(policy.check(ad, kst(23, 30))).toEqual({ action: 'hold', until: kst(8, 0, 0, 1) });
  });

  it('holds an ad at 07:59:59 until 08:00 the same morning and sends one at 08:00', () => {
    expect(policy.check(ad, kst(7, 59, 59))).toEqual({ action: 'hold', until: kst(8) });
    expect(policy.check(ad, kst(0, 0))).toEqual({ action: 'hold', until: kst(8) });
    expect(policy.check(ad, kst(8))).toEqual({ action: 'send' });
  });

  it('always sends a message that is not an ad', () => {
    expect(policy.check({ ad: false, priority: 'realtime' }, kst(23))).toEqual({ action: 'send' });
  });

  it('judges a scheduled ad at its send time, not at acceptance', () => {
    expect(policy.check({ ...ad, priority: 'scheduled', sendAt: kst(10, 0, 0, 1) }, kst(22))).toEqual({ action: 'send' });
    expect(policy.check({ ...ad, priority: 'scheduled', sendAt: kst(22) }, kst(12))).toEqual({ action: 'hold', until: kst(8, 0, 0, 1) });
    // A send time already past is now.
    expect(policy.check({ ...ad, priority: 'scheduled', sendAt: kst(12) }, kst(22))).toEqual({ action: 'hold', until: kst(8, 0, 0, 1) });
  });

  it('does not depend on the machine time zone: 12:00 UTC is 21:00 KST', () => {
    expect(policy.check(ad, Date.UTC(2026, 5, 1, 12, 0, 0))).toEqual({ action: 'hold', until: Date.UTC(2026, 5, 1, 23, 0, 0) });
  });
});

describe('ad night window from config', () => {
  it('blocks instead of holding when the config says block', () => {
    const block = createAdPolicy({ ...defaults, adNightWindow: { ...defaults.adNightWindow, action: 'block' } });
    expect(block.check(ad, kst(21))).toEqual({ action: 'block', code: 'ENGINE_ERR_AD_BLOCKED' });
    expect(block.check(ad, kst(8))).toEqual({ action: 'send' });
  });

  it('takes a window that does not wrap midnight', () => {
    const p = createAdPolicy({ ...defaults, adNightWindow: { start: '01:00', end: '05:30', action: 'hold' } });
    expect(p.check(ad, kst(0, 59, 59))).toEqual({ action: 'send' });
    expect(p.check(ad, kst(1))).toEqual({ action: 'hold', until: kst(5, 30) });
    expect(p.check(ad, kst(5, 30))).toEqual({ action: 'send' });
  });

  it('reads another time zone through Intl', () => {
    const utc = createAdPolicy({ ...defaults, timezone: 'UTC' });
    expect(utc.check(ad, Date.UTC(2026, 2, 10, 21, 0))).toEqual({ action: 'hold', until: Date.UTC(2026, 2, 11, 8, 0) });
    expect(utc.check(ad, Date.UTC(2026, 2, 10, 20, 59, 59))).toEqual({ action: 'send' });
  });

  it('refuses a malformed time or zone as a config error', () => {
    expect(() => createAdPolicy({ ...defaults, adNightWindow: { start: '9pm', end: '08:00', action: 'hold' } })).toThrow(expect.objectContaining({ code: 'ENGINE_ERR_CONFIG' }));
    let thrown: unknown;
    try {
      createAdPolicy({ ...defaults, timezone: 'Mars/Olympus' });
    } catch (e) {
      thrown = e;
    }
    expect(isEngineError(thrown, 'ENGINE_ERR_CONFIG')).toBe(true);
  });
});

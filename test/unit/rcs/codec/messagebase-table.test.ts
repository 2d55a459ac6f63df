import { describe, expect, it } from 'vitest';
import { MESSAGEBASES, messagebase } from '../../../../gateways/rcs/codec/messagebase-table.ts';
import { RCS_RESULT } from '../../../../gateways/rcs/codec/rcs-result-codes.ts';

describe('messagebase table', () => {
  it('holds the common formats: SMS, LMS, two standalone MMS and carousels of 2 to 6 cards', () => {
    const ids = [...MESSAGEBASES.keys()];
    expect(ids).toEqual(
      expect.arrayContaining(['SS000000', 'SL000000', 'SMwThT00', 'SMwThM00', 'CMwMhM0200', 'CMwMhM0600', 'CMwShS0200', 'CMwShS0600']),
    );
    expect(ids).toHaveLength(14);
    for (let n = 2; n <= 6; n++) {
      expect(messagebase(`CMwMhM0${n}00`)?.cards).toBe(n);
      expect(messagebase(`CMwShS0${n}00`)?.cards).toBe(n);
    }
  });

  it('carries the published per-product limits', () => {
    expect(messagebase('SS000000')).toMatchObject({ product: 'sms', descriptionMax: 100, maxButtons: 1, titleMax: null });
    expect(messagebase('SL000000')).toMatchObject({ product: 'lms', descriptionMax: 1300, maxButtons: 3, titleMax: 30 });
    expect(messagebase('SMwThT00')).toMatchObject({ mediaHeight: 'TALL_HEIGHT', image: { width: 568, height: 528 }, maxButtons: 2 });
    expect(messagebase('SMwThM00')).toMatchObject({ mediaHeight: 'MEDIUM_HEIGHT', image: { width: 568, height: 336 } });
    expect(messagebase('CMwMhM0300')).toMatchObject({ cardWidth: 'MEDIUM_WIDTH', descriptionMax: 60, buttonLabelMax: 13, mediaRequired: false });
    expect(messagebase('CMwShS0300')).toMatchObject({ cardWidth: 'SMALL_WIDTH', descriptionMax: 30, buttonLabelMax: 5, mediaRequired: true });
    expect(messagebase('CMwMhM0700')).toBeUndefined();
  });
});

describe('result codes', () => {
  it('every code is unique and synchronous ones have an HTTP error status', () => {
    const all = Object.values(RCS_RESULT);
    expect(new Set(all.map((r) => r.code)).size).toBe(all.length);
    for (const r of all) if (r.http !== null) expect(r.http).toBeGreaterThanOrEqual(400);
    expect(RCS_RESULT.TPS_EXCEEDED).toMatchObject({ code: 50201, http: 429 });
    expect(RCS_RESULT.NON_RCS_USER).toMatchObject({ code: 41200, http: 404 });
  });
});

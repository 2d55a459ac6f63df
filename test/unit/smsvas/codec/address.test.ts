import { describe, expect, it } from 'vitest';
import { normalizeSmppAddress, NPI, TON, toInternational } from '../../../../gateways/smsvas/codec/address.ts';
import { COMMAND_STATUS as S } from '../../../../gateways/smsvas/codec/command-status.ts';

describe('normalizeSmppAddress', () => {
  it('normalises mobile numbers in every accepted TON to the national form', () => {
    const cases: [string, number, number][] = [
      ['01012345678', TON.UNKNOWN, NPI.UNKNOWN],
      ['01012345678', TON.NATIONAL, NPI.ISDN],
      ['821012345678', TON.INTERNATIONAL, NPI.ISDN],
      ['+821012345678', TON.INTERNATIONAL, NPI.ISDN],
      ['821012345678', TON.UNKNOWN, NPI.ISDN],
      ['+821012345678', TON.UNKNOWN, NPI.UNKNOWN],
      ['8201012345678', TON.INTERNATIONAL, NPI.ISDN],
    ];
    for (const [addr, ton, npi] of cases) {
      expect(normalizeSmppAddress(addr, ton, npi, 'destination'), addr).toEqual({ ok: true, national: '01012345678', kind: 'mobile' });
    }
    expect(normalizeSmppAddress('0161234567', 0, 0, 'destination')).toMatchObject({ ok: true, national: '0161234567' });
  });

  it('accepts service, landline, 070 and 080 numbers as sources only', () => {
    for (const [addr, kind] of [['15881234', 'service'], ['16001234', 'service'], ['0212345678', 'landline'], ['0311234567', 'landline'], ['07012345678', 'internet-phone'], ['0801234567', 'toll-free']] as const) {
      expect(normalizeSmppAddress(addr, 0, 1, 'source'), addr).toEqual({ ok: true, national: addr, kind });
      expect(normalizeSmppAddress(addr, 0, 1, 'destination'), addr).toMatchObject({ ok: false, status: S.ESME_RINVDSTADR });
    }
    expect(normalizeSmppAddress('8215881234', TON.INTERNATIONAL, 1, 'source')).toMatchObject({ ok: true, national: '15881234' });
  });

  it('answers source or destination statuses by role', () => {
    expect(normalizeSmppAddress('01012345678', TON.ALPHANUMERIC, 0, 'source')).toMatchObject({ ok: false, status: S.ESME_RINVSRCTON });
    expect(normalizeSmppAddress('01012345678', TON.ALPHANUMERIC, 0, 'destination')).toMatchObject({ ok: false, status: S.ESME_RINVDSTTON });
    expect(normalizeSmppAddress('01012345678', 0, NPI.NATIONAL, 'source')).toMatchObject({ ok: false, status: S.ESME_RINVSRCNPI });
    expect(normalizeSmppAddress('01012345678', 0, NPI.NATIONAL)).toMatchObject({ ok: false, status: S.ESME_RINVDSTNPI });
    expect(normalizeSmppAddress('123', 0, 0, 'source')).toMatchObject({ ok: false, status: S.ESME_RINVSRCADR });
  });

  it('rejects malformed numbers with a reason', () => {
    for (const addr of ['', '010-1234-5678', '0101234567', '010123456789', '441234567890', '+441234567890', 'SHOP', '15881234567']) {
      const r = normalizeSmppAddress(addr, 0, 0, 'any');
      expect(r.ok, addr).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
    }
    expect(normalizeSmppAddress('+821012345678', TON.NATIONAL, 1)).toMatchObject({ ok: false });
    expect(normalizeSmppAddress('01012345678', TON.INTERNATIONAL, 1)).toMatchObject({ ok: false });
  });

  it('toInternational drops the trunk 0', () => {
    expect(toInternational('01012345678')).toBe('821012345678');
  });
});

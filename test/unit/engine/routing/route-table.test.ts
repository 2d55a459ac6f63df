import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createRouteTable } from '../../../../engine/routing/route-table.ts';
import { routePlanSchema } from '../../../../engine/engine-config.ts';

const plan = (p: z.input<typeof routePlanSchema>) => routePlanSchema.parse(p);

describe('createRouteTable', () => {
  const onNetSms = plan({ name: 'on-net-sms', network: 'on-net', kinds: ['sms'], legs: [{ gateway: 'smsvas' }] });
  const anyText = plan({ name: 'any-text', kinds: ['sms', 'lms'], legs: [{ gateway: 'xroshot' }] });
  const offNetAll = plan({ name: 'off-net', network: 'off-net', kinds: ['sms', 'lms', 'mms'], legs: [{ gateway: 'xroshot' }] });

  it('takes the first plan whose network and kind match', () => {
    const table = createRouteTable([onNetSms, anyText, offNetAll]);
    expect(table.planFor('sms', true)).toBe(onNetSms);
    expect(table.planFor('sms', false)).toBe(anyText);
    expect(table.planFor('lms', true)).toBe(anyText);
    expect(table.planFor('mms', false)).toBe(offNetAll);
  });

  it("lets an 'any' plan match both networks, and shadow later plans", () => {
    const table = createRouteTable([anyText, onNetSms]);
    expect(table.planFor('sms', true)).toBe(anyText);
    expect(table.planFor('sms', false)).toBe(anyText);
  });

  it('answers null where no plan matches', () => {
    const table = createRouteTable([onNetSms]);
    expect(table.planFor('sms', false)).toBeNull();
    expect(table.planFor('rcs', true)).toBeNull();
    expect(createRouteTable([]).planFor('sms', true)).toBeNull();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { capabilityResponseSchema } from '../../../../gateways/rcs/codec/capability-schema.ts';
import { createHarness, type Harness } from './rcs-harness.ts';

let h: Harness;
afterEach(() => h?.close());

describe('contactCapabilities', () => {
  it.each([
    ['a KT Android subscriber with RCS', K.ktAndroidRcs],
    ['a KT MVNO Android subscriber with RCS', K.ktMvnoAndroidRcs],
    ['a number ported into KT', K.portedToKt],
    ['a KT handset that is switched off (capability is cached)', K.ktOff],
  ])('reports RCS features for %s', async (_name, msisdn) => {
    h = createHarness();
    const res = await h.capability(msisdn);
    expect(res.status).toBe(200);
    expect(capabilityResponseSchema.parse(res.body).capabilities).toContain('chatBotCommunication');
  });

  it.each([
    ['a KT iPhone', K.ktIos],
    ['a KT feature phone', K.ktFeatureNoMms],
    ['a KT Android without RCS', K.ktAndroidNoRcs],
    ['an SKT Android (other carrier)', K.sktAndroid],
    ['an LGU+ iPhone', K.lguIos],
    ['a number ported out of KT', K.portedFromKt],
    ['a number not in service', K.invalid],
  ])('answers 404 with the non-RCS body (41200) for %s', async (_name, msisdn) => {
    h = createHarness();
    const res = await h.capability(msisdn);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 41200, status: 404 });
  });

  it('accepts international and hyphenated spellings, and echoes what was asked', async () => {
    h = createHarness();
    const res = await h.capability('+82-10-1234-0001');
    expect(res.status).toBe(200);
    expect(res.body.userContact).toBe('+82-10-1234-0001');
  });

  it('refuses a userContact that is not a Korean mobile number with 400 55817', async () => {
    h = createHarness();
    for (const bad of ['0212345678', 'abc', '']) {
      const res = await h.capability(bad);
      expect([res.status, res.body.error.code]).toEqual([400, 55817]);
    }
  });
});

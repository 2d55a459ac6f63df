import { describe, expect, it } from 'vitest';
import { createCapabilityCheck } from '../../../../engine/routing/capability-check.ts';
import type { Capability, Channel } from '../../../../engine/channel.ts';
import { createManualClock } from '../../../../gateways/kit/clock.ts';

/** A channel whose capability answers wait until the test releases them. */
function fakeChannel(withCapability = true) {
  const asked: string[] = [];
  const waiting: Array<{ msisdn: string; answer(c: Capability): void; fail(e: Error): void }> = [];
  const channel = {
    gateway: 'rcs',
    carries: new Set(['rcs']),
    connect: async () => {},
    send: async () => ({ kind: 'unavailable', why: 'not used' }),
    on: () => {},
    stats: () => ({ inFlight: 0, queued: 0, sent: 0, accepted: 0, rejected: 0, timeouts: 0, reports: 0 }),
    close: async () => {},
    ...(withCapability
      ? {
          capability: (msisdn: string) =>
            new Promise<Capability>((answer, fail) => {
              asked.push(msisdn);
              waiting.push({ msisdn, answer, fail });
            }),
        }
      : {}),
  } as Channel;
  const answerAll = (c: Capability) => {
    for (const w of waiting.splice(0)) w.answer(c);
  };
  return { channel, asked, waiting, answerAll };
}

const MINUTE = 60_000;

describe('createCapabilityCheck', () => {
  it('asks the channel once for concurrent checks of one number', async () => {
    const fake = fakeChannel();
    const check = createCapabilityCheck({ channel: fake.channel, ttlMs: MINUTE, clock: createManualClock(0) });
    const all = Promise.all([check.check('01012340001'), check.check('01012340001'), check.check('01012340002')]);
    expect(fake.asked).toEqual(['01012340001', '01012340002']);
    fake.answerAll('capable');
    expect(await all).toEqual(['capable', 'capable', 'capable']);
  });

  it('remembers capable and not-capable for ttlMs on the clock', async () => {
    const fake = fakeChannel();
    const clock = createManualClock(0);
    const check = createCapabilityCheck({ channel: fake.channel, ttlMs: MINUTE, clock });
    const a = check.check('01012340001');
    const b = check.check('01012340002');
    fake.waiting[0].answer('capable');
    fake.waiting[1].answer('not-capable');
    expect([await a, await b]).toEqual(['capable', 'not-capable']);

    clock.advance(MINUTE - 1);
    expect(await check.check('01012340001')).toBe('capable');
    expect(await check.check('01012340002')).toBe('not-capable');
    expect(fake.asked).toHaveLength(2);

    clock.advance(1);
    const again = check.check('01012340001');
    expect(fake.asked).toHaveLength(3);
    fake.answerAll('not-capable');
    expect(await again).toBe('not-capable');
    expect(check.stats()).toEqual({ hits: 2, queries: 3, unknown: 0 });
  });

  it('does not remember unknown, nor a failed query (which answers unknown)', async () => {
    const fake = fakeChannel();
    const check = createCapabilityCheck({ channel: fake.channel, ttlMs: MINUTE, clock: createManualClock(0) });
    const first = check.check('01012340001');
    fake.answerAll('unknown');
    expect(await first).toBe('unknown');
    const second = check.check('01012340001');
    fake.waiting.splice(0)[0].fail(new Error('socket hang up'));
    expect(await second).toBe('unknown');
    const third = check.check('01012340001');
    expect(fake.asked).toHaveLength(3);
    fake.answerAll('capable');
    expect(await third).toBe('capable');
    expect(check.stats().unknown).toBe(2);
  });

  it('answers unknown for a channel without a capability query', async () => {
    const fake = fakeChannel(false);
    const check = createCapabilityCheck({ channel: fake.channel, ttlMs: MINUTE, clock: createManualClock(0) });
    expect(await check.check('01012340001')).toBe('unknown');
  });

  it('drops the oldest answer when memory is full', async () => {
    const fake = fakeChannel();
    const check = createCapabilityCheck({ channel: fake.channel, ttlMs: MINUTE, clock: createManualClock(0), maxEntries: 2 });
    for (const n of ['01012340001', '01012340002', '01012340003']) {
      const p = check.check(n);
      fake.answerAll('capable');
      await p;
    }
    void check.check('01012340003');
    expect(fake.asked).toHaveLength(3);
    void check.check('01012340001');
    expect(fake.asked).toHaveLength(4);
  });
});

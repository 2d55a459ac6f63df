import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { webhookEventSchema } from '../../../../gateways/rcs/codec/webhook-event-schema.ts';
import { loadRcsConfig, PRESETS_DIR, readPreset } from '../../../../gateways/rcs/simulator/rcs-config.ts';
import { RcsError } from '../../../../gateways/rcs/rcs-errors.ts';
import { carousel, createHarness, media, textMessage, type Harness } from './rcs-harness.ts';

let h: Harness;
afterEach(() => h?.close());

const presetOverrides = (name: string) => {
  const { description: _d, ...rest } = readPreset(name);
  return rest;
};

describe('limits and behaviour', () => {
  it('over the contracted TPS answers 429 50201, and the bucket refills on the simulator clock', async () => {
    h = createHarness({ accounts: [{ clientId: 'msgsim', clientSecret: 'secret', tps: 2, bots: [{ botId: '15880000' }] }] });
    const token = await h.token();
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await h.send(textMessage(K.ktAndroidRcs), { token })).status);
    expect(codes).toEqual([202, 202, 429, 429]);
    const throttled = await h.send(textMessage(K.ktAndroidRcs), { token });
    expect(throttled.body.error).toMatchObject({ code: 50201, status: 429 });
    await h.advance(500);
    expect((await h.send(textMessage(K.ktAndroidRcs), { token })).status).toBe(202);
  });

  it('a behaviour rule refuses by canonical reason, mapped to its MaaP code', async () => {
    h = createHarness({
      behaviour: { version: 1, rules: [{ name: 'spam-filter', when: { content: '대출' }, then: { reject: 'spam' } }], reports: { outcomes: { delivered: 1 }, delay: 1000 } },
    });
    const res = await h.send(textMessage(K.ktAndroidRcs, '저금리 대출 안내'));
    expect([res.status, res.body.error.code]).toEqual([403, 42602]);
    expect((await h.send(textMessage(K.ktAndroidRcs, '배송 안내'))).status).toBe(202);
  });

  it('an outage set through the admin API refuses with 503 until cleared', async () => {
    h = createHarness();
    const token = await h.token();
    await h.sim.admin.inject({ method: 'POST', url: '/admin/outage', payload: { mode: 'refuse' } });
    const res = await h.send(textMessage(K.ktAndroidRcs), { token });
    expect([res.status, res.body.error.code]).toEqual([503, 59003]);
    await h.sim.admin.inject({ method: 'DELETE', url: '/admin/outage' });
    expect((await h.send(textMessage(K.ktAndroidRcs), { token })).status).toBe(202);
  });

  it('a corrupt answer still takes the message: its webhooks follow', async () => {
    h = createHarness({ behaviour: { version: 1, rules: [{ when: { operation: 'sendMessage' }, then: { fault: 'corrupt' } }], reports: { outcomes: { delivered: 1 }, delay: 1000 } } });
    const token = await h.token();
    const res = await h.sim.app.inject({ method: 'POST', url: '/rcs/bot/v1/15880000/messages', headers: { authorization: `Bearer ${token}` }, payload: textMessage(K.ktAndroidRcs) });
    expect(res.statusCode).toBe(202);
    expect(() => JSON.parse(res.body)).toThrow();
    await h.advance(2000);
    expect(h.webhooks.map((w) => w.body.RCSMessage.status)).toEqual(['sent', 'delivered']);
  });

  it('stats and log name what happened', async () => {
    h = createHarness();
    await h.send(textMessage(K.ktAndroidRcs));
    await h.send(textMessage(K.ktAndroidRcs, '가'.repeat(101)));
    const stats = (await h.sim.admin.inject({ method: 'GET', url: '/admin/stats' })).json().stats;
    expect(stats.counters).toMatchObject({ sendMessage: 2, 'sendMessage:accepted': 1, 'sendMessage:55709': 1 });
    const log = (await h.sim.admin.inject({ method: 'GET', url: '/admin/log' })).json().entries;
    expect(log.filter((e: { op: string }) => e.op === 'sendMessage').map((e: { http: number }) => e.http)).toEqual([202, 400]);
  });
});

describe('presets', () => {
  const names = readdirSync(PRESETS_DIR).map((f) => f.replace(/\.yaml$/, ''));

  it.each(names)('%s loads over the default config', (name) => {
    expect(loadRcsConfig(undefined, name).accounts.length).toBeGreaterThan(0);
  });

  it('an unknown preset is a config error', () => {
    expect(() => loadRcsConfig(undefined, 'nope')).toThrow(RcsError);
    expect(() => loadRcsConfig(undefined, '../etc')).toThrow(/unknown preset/);
  });

  it('tokens-never-expire keeps a token working long after expires_in', async () => {
    h = createHarness(presetOverrides('tokens-never-expire'));
    const token = await h.token();
    await h.advance(86_400_000);
    expect((await h.send(textMessage(K.ktAndroidRcs), { token })).status).toBe(202);
  });

  it('any-token accepts a made-up token', async () => {
    h = createHarness(presetOverrides('any-token'));
    expect((await h.send(textMessage(K.ktAndroidRcs), { token: 'made-up' })).status).toBe(202);
  });

  it('ios-capable says RCS for an iPhone', async () => {
    h = createHarness(presetOverrides('ios-capable'));
    expect((await h.capability(K.ktIos)).status).toBe(200);
  });

  it('malformed-webhooks sends events the schema refuses', async () => {
    h = createHarness(presetOverrides('malformed-webhooks'));
    await h.send(textMessage(K.ktAndroidRcs));
    await h.advance(2000);
    expect(h.webhooks.length).toBeGreaterThan(0);
    for (const w of h.webhooks) expect(webhookEventSchema.safeParse(w.body).success).toBe(false);
  });

  it('no-webhooks accepts but never reports', async () => {
    h = createHarness(presetOverrides('no-webhooks'));
    expect((await h.send(textMessage(K.ktAndroidRcs))).status).toBe(202);
    await h.advance(86_400_000);
    expect(h.webhooks).toHaveLength(0);
  });

  it('webhook-before-response posts sent before the 202 (the default never does)', async () => {
    for (const [overrides, before] of [
      [{}, 0],
      [presetOverrides('webhook-before-response'), 1],
    ] as const) {
      h = createHarness(overrides);
      expect((await h.send(textMessage(K.ktAndroidRcs))).status).toBe(202);
      expect(h.webhooks).toHaveLength(before);
      await h.close();
    }
  });

  it('flaky-webhooks posts some statuses twice and a message\'s statuses out of order (the default never does)', async () => {
    const run = async (overrides: ReturnType<typeof presetOverrides> | Record<string, never>) => {
      h = createHarness({ ...overrides, status: { sentDelay: 10, notCapableDelay: 100, displayedShare: 0, displayDelay: 1 } });
      const ids: string[] = [];
      for (let i = 0; i < 200; i++) ids.push((await h.send(textMessage(K.ktAndroidRcs, `안내 ${i}`))).body.msgId);
      await h.advance(60_000);
      const byMsg = new Map<string, string[]>();
      for (const w of h.webhooks) byMsg.set(w.body.RCSMessage.msgId, [...(byMsg.get(w.body.RCSMessage.msgId) ?? []), w.body.RCSMessage.status]);
      const seqs = ids.map((id) => byMsg.get(id) ?? []);
      const stats = { posts: h.webhooks.length, twice: seqs.filter((q) => q.length > 2).length, reordered: seqs.filter((q) => q.indexOf('delivered') < q.indexOf('sent')).length };
      // Every message still gets both of its statuses: nothing is lost.
      for (const q of seqs) expect(new Set(q)).toEqual(new Set(['sent', 'delivered']));
      await h.close();
      return stats;
    };
    expect(await run({})).toEqual({ posts: 400, twice: 0, reordered: 0 });
    const flaky = await run(presetOverrides('flaky-webhooks'));
    // 400 statuses, a fifth posted twice (binomial: 80 expected), and 'delivered' first for some.
    expect(flaky.posts - 400).toBeGreaterThan(50);
    expect(flaky.posts - 400).toBeLessThan(115);
    expect(flaky.twice).toBeGreaterThan(40);
    expect(flaky.reordered).toBeGreaterThan(5);
  });

  it('oversize-carousel accepts a 7-card carousel with 3 MB of media', async () => {
    h = createHarness(presetOverrides('oversize-carousel'));
    const card = { media: media('MEDIUM_HEIGHT', 450_000), title: 'x'.repeat(40) };
    expect((await h.send(carousel('CMwMhM0600', 'MEDIUM_WIDTH', Array.from({ length: 7 }, () => card)))).status).toBe(202);
  });
});

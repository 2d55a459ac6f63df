import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { webhookEventSchema } from '../../../../gateways/rcs/codec/webhook-event-schema.ts';
import { createHarness, HOOK, T0, textMessage, type Harness } from './rcs-harness.ts';

let h: Harness;
afterEach(() => h?.close());

// [status, ms after T0 the status happened (its timestamp), failure code]
const statuses = (h: Harness, msgId: string) =>
  h.webhooks
    .filter((w) => w.body.RCSMessage?.msgId === msgId)
    .map((w) => [w.body.RCSMessage.status, Date.parse(w.body.RCSMessage.timestamp) - T0, w.body.RCSMessage.error?.code]);
// [status, ms after T0 the POST left]
const posts = (h: Harness) => h.webhooks.map((w) => [w.body.RCSMessage.status, w.at - T0]);

describe('status webhooks', () => {
  it('a reachable RCS user gets sent then delivered, in order, all after the 202', async () => {
    h = createHarness();
    const res = await h.send(textMessage(K.ktAndroidRcs, '안내', { clientMsgId: 'c-1' }));
    expect(res.status).toBe(202);
    expect(h.webhooks).toHaveLength(0);
    await h.advance(5000);
    expect(statuses(h, res.body.msgId)).toEqual([
      ['sent', 10, undefined],
      ['delivered', 1000, undefined],
    ]);
    for (const w of h.webhooks) {
      expect(w.url).toBe(HOOK);
      expect(webhookEventSchema.parse(w.body)).toMatchObject({ event: 'messageStatus', botId: '15880000', messageContact: { userContact: K.ktAndroidRcs }, clientMsgId: 'c-1' });
    }
  });

  it('statuses due at the same moment still go sent then delivered, and count as pending until then', async () => {
    h = createHarness({ status: { sentDelay: 0, notCapableDelay: 100, displayedShare: 0, displayDelay: 1 }, behaviour: { version: 1, latency: 0, reports: { outcomes: { delivered: 1 }, delay: 0 } } });
    const a = await h.send(textMessage(K.ktAndroidRcs, '첫째'));
    const b = await h.send(textMessage(K.ktAndroidRcs, '둘째'));
    expect(h.sim.context.lifecycle.pending()).toBe(4);
    await h.advance(1);
    expect(h.sim.context.lifecycle.pending()).toBe(0);
    for (const m of [a, b]) {
      expect(statuses(h, m.body.msgId)).toEqual([
        ['sent', 0, undefined],
        ['delivered', 0, undefined],
      ]);
    }
  });

  it('a user who opens the message adds displayed after delivered', async () => {
    h = createHarness({ status: { sentDelay: 10, notCapableDelay: 100, displayedShare: 1, displayDelay: 5000 } });
    const res = await h.send(textMessage(K.ktAndroidRcs));
    await h.advance(10_000);
    expect(statuses(h, res.body.msgId).map((s) => s.slice(0, 2))).toEqual([
      ['sent', 10],
      ['delivered', 1000],
      ['displayed', 6000],
    ]);
  });

  it.each([
    ['an iPhone on KT', K.ktIos, 54002],
    ['a KT feature phone', K.ktFeatureNoMms, 54002],
    ['a KT Android without RCS', K.ktAndroidNoRcs, 54002],
    ['an SKT subscriber', K.sktAndroid, 54001],
    ['a subscriber ported out of KT', K.portedFromKt, 54001],
  ])('a send to %s is accepted, then fails with %s', async (_name, msisdn, code) => {
    h = createHarness();
    const res = await h.send(textMessage(msisdn));
    expect(res.status).toBe(202);
    await h.advance(5000);
    expect(statuses(h, res.body.msgId)).toEqual([['failed', 100, code]]);
  });

  it('a number not in service fails with 54003', async () => {
    h = createHarness();
    const res = await h.send(textMessage(K.invalid));
    await h.advance(5000);
    expect(statuses(h, res.body.msgId).map((s) => [s[0], s[2]])).toEqual([['failed', 54003]]);
  });

  it('a switched-off handset fails with 56007 when its expiryOption window closes, not before', async () => {
    h = createHarness({ expiry: { option1: '3d', option2: '3m' } });
    const res = await h.send(textMessage(K.ktOff, '안내', { expiryOption: 2 }));
    await h.advance(180_000 - 1);
    expect(statuses(h, res.body.msgId)).toEqual([['sent', 10, undefined]]);
    await h.advance(1);
    expect(statuses(h, res.body.msgId)).toEqual([
      ['sent', 10, undefined],
      ['failed', 180_000, 56007],
    ]);
  });

  it('a delivery slower than the window fails as expired at the window', async () => {
    h = createHarness({ expiry: { option1: '3d', option2: '10s' }, behaviour: { version: 1, reports: { outcomes: { delivered: 1 }, delay: 60_000 } } });
    const res = await h.send(textMessage(K.ktAndroidRcs, 'x', { expiryOption: '2' }));
    await h.advance(120_000);
    expect(statuses(h, res.body.msgId)).toEqual([
      ['sent', 10, undefined],
      ['failed', 10_000, 56007],
    ]);
  });

  it('retries a failing webhook with doubling delays and keeps later statuses behind it', async () => {
    h = createHarness({ status: { sentDelay: 10, notCapableDelay: 100, displayedShare: 0, displayDelay: 1 } });
    h.webhookStatus = (n) => (n <= 2 ? 503 : 200);
    const res = await h.send(textMessage(K.ktAndroidRcs));
    expect(res.status).toBe(202);
    await h.advance(10);
    await h.advance(990); // delivered is due now, but 'sent' is still being retried
    await h.advance(10);
    await h.advance(2000);
    expect(posts(h)).toEqual([
      ['sent', 10],
      ['sent', 1010],
      ['sent', 3010],
      ['delivered', 3010],
    ]);
    const stats = h.sim.context.stats.snapshot();
    expect(stats['webhook:ok']).toBe(2);
    expect(stats['webhook:retry:status']).toBe(2);
  });

  it('gives up after maxAttempts and moves on to the next status', async () => {
    h = createHarness();
    h.webhookStatus = (n) => (n <= 3 ? 500 : 200);
    const res = await h.send(textMessage(K.ktAndroidRcs));
    for (let i = 0; i < 10; i++) await h.advance(1000);
    expect(statuses(h, res.body.msgId).map((s) => s.slice(0, 2))).toEqual([
      ['sent', 10],
      ['sent', 10],
      ['sent', 10],
      ['delivered', 1000],
    ]);
    expect(h.sim.context.stats.snapshot()['webhook:gave-up']).toBe(1);
  });

  it('the status query follows the webhooks', async () => {
    h = createHarness();
    const token = await h.token();
    const res = await h.send(textMessage(K.ktAndroidRcs), { token });
    const query = async () =>
      (await h.sim.app.inject({ method: 'GET', url: `/rcs/bot/v1/15880000/messages/${res.body.msgId}/status`, headers: { authorization: `Bearer ${token}` } })).json();
    expect(await query()).toEqual({ RCSMessage: { msgId: res.body.msgId, status: 'pending' } });
    await h.advance(2000);
    expect((await query()).RCSMessage.status).toBe('delivered');
    const missing = await h.sim.app.inject({ method: 'GET', url: '/rcs/bot/v1/15880000/messages/nope/status', headers: { authorization: `Bearer ${token}` } });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 51006]);
  });

  it('a bot without a webhook still gets its messages processed, and the drops are counted', async () => {
    h = createHarness();
    h.sim.setWebhook('15880000', null);
    await h.send(textMessage(K.ktAndroidRcs));
    await h.advance(5000);
    expect(h.webhooks).toHaveLength(0);
    expect(h.sim.context.stats.snapshot()['webhook:no-url']).toBe(2);
  });
});

describe('MO events', () => {
  it('a suggestion tap and a typed reply reach the bot webhook in order', async () => {
    h = createHarness();
    const tap = await h.sim.admin.inject({
      method: 'POST',
      url: '/admin/mo',
      payload: { botId: '15880000', userContact: K.ktAndroidRcs, reply: { displayText: '관심 있어요', postbackData: 'interested' }, replyToMsgId: 'm-1' },
    });
    expect(tap.statusCode).toBe(200);
    expect(tap.json()).toMatchObject({ event: 'response', queued: true });
    await h.sim.admin.inject({ method: 'POST', url: '/admin/mo', payload: { botId: '15880000', userContact: K.ktAndroidRcs, text: '언제 오나요?' } });
    await h.advance(0);
    expect(h.webhooks.map((w) => webhookEventSchema.parse(w.body).event)).toEqual(['response', 'message']);
    expect(h.webhooks[0].body.RCSMessage).toMatchObject({ replyToMsgId: 'm-1', suggestedResponse: { response: { reply: { displayText: '관심 있어요', postback: { data: 'interested' } } } } });
    expect(h.webhooks[1].body.RCSMessage.textMessage).toBe('언제 오나요?');
  });

  it.each([
    ['no content', { botId: '15880000', userContact: K.ktAndroidRcs }, 400, 'RCS_ERR_BAD_MO'],
    ['a non-RCS user', { botId: '15880000', userContact: K.ktIos, text: 'hi' }, 400, 'RCS_ERR_BAD_MO'],
    ['an unknown bot', { botId: '1', userContact: K.ktAndroidRcs, text: 'hi' }, 404, 'RCS_ERR_NO_BOT'],
  ])('refuses an MO with %s', async (_name, payload, status, code) => {
    h = createHarness();
    const res = await h.sim.admin.inject({ method: 'POST', url: '/admin/mo', payload });
    expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
  });

  it('PUT /admin/webhook registers where a bot\'s events go', async () => {
    h = createHarness();
    const res = await h.sim.admin.inject({ method: 'PUT', url: '/admin/webhook', payload: { botId: '15880000', url: 'http://127.0.0.1:1234/other' } });
    expect(res.statusCode).toBe(200);
    await h.send(textMessage(K.ktAndroidRcs));
    await h.advance(100);
    expect(h.webhooks[0].url).toBe('http://127.0.0.1:1234/other');
    const bad = await h.sim.admin.inject({ method: 'PUT', url: '/admin/webhook', payload: { botId: '15880000', url: 'ftp://x' } });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'RCS_ERR_BAD_WEBHOOK']);
  });
});

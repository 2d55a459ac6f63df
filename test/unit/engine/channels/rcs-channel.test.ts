// The RCS Channel against the real MaaP simulator on loopback: capability, content mapping, ads,
// webhook registration through the admin API, and status webhooks as the engine's reports.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChannelMo, ChannelReport, OutboundMessage } from '../../../../engine/channel.ts';
import type { RcsContentInput } from '../../../../engine/message.ts';
import { createSystemClock } from '../../../../gateways/kit/clock.ts';
import { KNOWN_SUBSCRIBERS as K, NOT_A_MOBILE_NUMBER } from '../../../../gateways/network/known-subscribers.ts';
import { createRcsChannel, rcsContentOf, type RcsChannel } from '../../../../gateways/rcs/client/rcs-channel.ts';
import { parseRcsConfig } from '../../../../gateways/rcs/simulator/rcs-config.ts';
import { createRcsSimulator, type RcsSimulator } from '../../../../gateways/rcs/simulator/rcs-simulator.ts';

const clock = createSystemClock();
let sim: RcsSimulator;
let channel: RcsChannel;
let target = '';
let adminUrl = '';
const reports: ChannelReport[] = [];
const mos: ChannelMo[] = [];

beforeAll(async () => {
  const config = parseRcsConfig({
    accounts: [{ clientId: 'msgsim', clientSecret: 'secret', bots: [{ botId: '15880000' }, { botId: '15889999', status: 'paused' }] }],
    status: { sentDelay: 5, notCapableDelay: 20, displayedShare: 0, displayDelay: 1000 },
    behaviour: { version: 1, latency: 1, reports: { outcomes: { delivered: 1 }, delay: 20 } },
  });
  sim = createRcsSimulator({ config, clock, seed: 'channel-test' });
  const { port } = await sim.listen(0, '127.0.0.1');
  await sim.admin.listen({ port: 0, host: '127.0.0.1' });
  target = `http://127.0.0.1:${port}`;
  adminUrl = `http://127.0.0.1:${(sim.admin.server.address() as { port: number }).port}`;
  channel = createRcsChannel({ target, clientId: 'msgsim', clientSecret: 'secret', botId: '15880000', clock, adminUrl });
  channel.on('report', (r) => reports.push(r));
  channel.on('mo', (m) => mos.push(m));
});

afterAll(async () => {
  await channel?.close();
  await sim?.close();
});

const rcs = (to: string, ref: string, input: RcsContentInput, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({ ref, to, from: '15880000', content: { kind: 'rcs', rcs: input }, ad: false, ...extra });
const text: RcsContentInput = { messagebaseId: 'SS000000', text: '주문하신 상품이 발송되었습니다' };
const reportOf = async (ref: string) => {
  await vi.waitFor(() => expect(reports.some((r) => r.ref === ref)).toBe(true));
  return reports.find((r) => r.ref === ref)!;
};

describe('RCS channel', () => {
  it('answers unavailable and capability unknown before connect', async () => {
    expect(await channel.send(rcs(K.ktAndroidRcs, 'early', text))).toMatchObject({ kind: 'unavailable' });
    expect(await channel.capability(K.ktAndroidRcs)).toBe('unknown');
    expect(channel.webhookUrl()).toBeNull();
  });

  it('registers its webhook URL with the MaaP through the admin API on connect', async () => {
    await channel.connect();
    expect(channel.webhookUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rcs\/webhook$/);
    expect(sim.context.bots.get('15880000')?.webhookUrl).toBe(channel.webhookUrl());
  });

  it('asks capability: a KT Android RCS user is capable, a KT iPhone is not', async () => {
    expect(await channel.capability(K.ktAndroidRcs)).toBe('capable');
    expect(await channel.capability(K.ktIos)).toBe('not-capable');
    expect(channel.stats().capability).toMatchObject({ queries: 2 });
  });

  it('delivers a text message and reports it with the attempt ref', async () => {
    const out = await channel.send(rcs(K.ktAndroidRcs, 'txt-1', text));
    expect(out).toMatchObject({ kind: 'accepted', gatewayIds: [expect.any(String)] });
    expect(await reportOf('txt-1')).toMatchObject({ gateway: 'rcs', gatewayId: out.kind === 'accepted' ? out.gatewayIds[0] : '', outcome: 'delivered', final: true, code: 'delivered' });
  });

  it('sends a carousel with media and buttons of each kind, accepted and delivered', async () => {
    const card = (n: number) => ({
      title: `상품 ${n}`,
      description: '지금 확인하세요',
      media: { url: `https://cdn.example.com/p${n}.jpg` },
      buttons: [{ label: '보기', url: `https://shop.example.com/${n}` }, { label: '문의', dial: '15880000' }],
    });
    const out = await channel.send(rcs(K.ktAndroidRcs, 'car-1', { messagebaseId: 'CMwMhM0300', cards: [card(1), card(2), card(3)], buttons: [{ label: '구독', postback: 'sub' }] }));
    expect(out.kind, JSON.stringify(out)).toBe('accepted');
    expect(await reportOf('car-1')).toMatchObject({ outcome: 'delivered' });
  });

  it('shapes one card by its messagebase: text on RCS SMS, a titled card on LMS, a media card with the product height', async () => {
    const sms = rcsContentOf({ messagebaseId: 'SS000000', cards: [{ title: '알림', description: '본문', buttons: [{ label: '확인' }] }] });
    expect(sms).toEqual({ content: { kind: 'text', text: '알림\n본문' }, chips: [{ reply: { displayText: '확인', postback: { data: '확인' } } }] });
    const lms = { messagebaseId: 'SL000000', cards: [{ title: '공지', description: '긴 본문입니다' }] };
    expect(rcsContentOf(lms).content).toEqual({ kind: 'card', card: { title: '공지', description: '긴 본문입니다' } });
    const mms = rcsContentOf({ messagebaseId: 'SMwThT00', text: '설명', cards: [{ title: '신상품', media: { url: 'https://cdn.example.com/a.png' } }] });
    expect(mms.content).toEqual({
      kind: 'card',
      card: { title: '신상품', description: '설명', media: { mediaUrl: 'https://cdn.example.com/a.png', mediaContentType: 'image/png', mediaFileSize: 0, height: 'TALL_HEIGHT' } },
    });
    const cases: Array<[string, RcsContentInput]> = [['shape-lms', lms], ['shape-mms', { messagebaseId: 'SMwThT00', text: '설명', cards: [{ title: '신상품', media: { url: 'https://cdn.example.com/a.png' } }] }]];
    for (const [ref, input] of cases) {
      const out = await channel.send(rcs(K.ktAndroidRcs, ref, input));
      expect(out.kind, JSON.stringify(out)).toBe('accepted');
    }
  });

  it('sends an ad with header and footer, taking the "(광고)" prefix and opt-out line out of the text', async () => {
    const ad = { messagebaseId: 'SS000000', text: '(광고) 봄 세일 20% 할인\n무료수신거부 080-123-4567' };
    expect(rcsContentOf(ad).content).toEqual({ kind: 'text', text: ad.text });
    const out = await channel.send(rcs(K.ktAndroidRcs, 'ad-1', ad, { ad: true }));
    expect(out.kind, JSON.stringify(out)).toBe('accepted');
    // Without the stripping the MaaP refuses a body writing "(광고)" (55701); without a footer, 55705.
    const withOptOut = await channel.send(rcs(K.ktAndroidRcs, 'ad-2', { messagebaseId: 'SS000000', text: '(광고) 신상품 안내' }, { ad: true, optOut: '080-123-4567' }));
    expect(withOptOut.kind, JSON.stringify(withOptOut)).toBe('accepted');
  });

  it('refuses a number that is not a mobile number, and a paused chatbot, permanently', async () => {
    expect(await channel.send(rcs(NOT_A_MOBILE_NUMBER, 'bad-1', text))).toMatchObject({ kind: 'rejected', reason: 'invalid-destination', transient: false });
    const paused = createRcsChannel({ target, clientId: 'msgsim', clientSecret: 'secret', botId: '15889999', clock, webhook: { host: '127.0.0.1', port: 0 } });
    try {
      await paused.connect();
      expect(await paused.send(rcs(K.ktAndroidRcs, 'bad-2', text))).toEqual({ kind: 'rejected', reason: 'unregistered-sender', transient: false, code: '55808' });
    } finally {
      await paused.close();
    }
  });

  it('reports an iPhone sent RCS anyway as not-capable, and a number not in service as undeliverable', async () => {
    expect((await channel.send(rcs(K.ktIos, 'ios-1', text))).kind).toBe('accepted');
    expect((await channel.send(rcs(K.invalid, 'gone-1', text))).kind).toBe('accepted');
    expect(await reportOf('ios-1')).toMatchObject({ outcome: 'not-capable', final: true, code: '54002' });
    expect(await reportOf('gone-1')).toMatchObject({ outcome: 'undeliverable', final: true });
  });

  it('hands a user reply to the engine as an MO from the user to the chatbot', async () => {
    const res = await sim.admin.inject({ method: 'POST', url: '/admin/mo', payload: { botId: '15880000', userContact: '+821012340001', text: '네 좋아요' } });
    expect(res.statusCode, res.body).toBeLessThan(300);
    await vi.waitFor(() => expect(mos).toHaveLength(1));
    expect(mos[0]).toMatchObject({ gateway: 'rcs', from: K.ktAndroidRcs, to: '15880000', text: '네 좋아요' });
  });

  it('does not send a message whose notAfter has passed: timeout, and the MaaP counts no sendMessage for it', async () => {
    const sends = () => sim.context.stats.snapshot()['sendMessage'] ?? 0;
    const before = sends();
    const expiredBefore = channel.stats().expired;
    expect(await channel.send(rcs(K.ktAndroidRcs, 'late-1', text, { notAfter: clock.now() - 1 }))).toEqual({ kind: 'timeout' });
    expect(sends()).toBe(before);
    expect(channel.stats().expired).toBe(expiredBefore + 1);
    expect(await channel.send(rcs(K.ktAndroidRcs, 'on-time-1', text, { notAfter: clock.now() + 10_000 }))).toMatchObject({ kind: 'accepted' });
    expect(sends()).toBe(before + 1);
  });

  it('fails connect with a clear error when the MaaP is unreachable, then stays unavailable', async () => {
    const down = createRcsChannel({ target: 'http://127.0.0.1:1', clock, client: { responseTimeoutMs: 1_000 } });
    await expect(down.connect()).rejects.toMatchObject({ code: 'RCS_ERR_UNREACHABLE' });
    expect(await down.send(rcs(K.ktAndroidRcs, 'x', text))).toMatchObject({ kind: 'unavailable' });
    await down.close();
    await down.close();
  });
});

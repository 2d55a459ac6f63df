// The SMSVAS Channel against the real SMSC simulator on loopback: what the engine sees of SMS.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Channel, ChannelMo, ChannelReport, OutboundMessage } from '../../../../engine/channel.ts';
import { createSystemClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { KNOWN_SUBSCRIBERS as K, NOT_A_MOBILE_NUMBER } from '../../../../gateways/network/known-subscribers.ts';
import { createSmsvasChannel, type SmsvasChannelOptions } from '../../../../gateways/smsvas/client/smsvas-channel.ts';
import { loadSmscConfig } from '../../../../gateways/smsvas/simulator/smsc-config.ts';
import { createSmscSimulator, type SmscSimulator } from '../../../../gateways/smsvas/simulator/smsc-simulator.ts';

const clock = createSystemClock();
let sims: SmscSimulator[] = [];
let channels: Channel[] = [];

afterEach(async () => {
  await Promise.all(channels.map((c) => c.close()));
  await Promise.all(sims.map((s) => s.close()));
  channels = [];
  sims = [];
});

async function start(opts: Partial<SmsvasChannelOptions> = {}) {
  const sim = createSmscSimulator({ config: loadSmscConfig(undefined, 'fast-receipts'), seed: 'channel-test' });
  sims.push(sim);
  const { port } = await sim.listen(0, '127.0.0.1');
  const channel = createSmsvasChannel({ target: `smpp://msgsim:secret@127.0.0.1:${port}`, binds: 1, clock, rng: createRng('channel-test'), ...opts });
  channels.push(channel);
  const reports: ChannelReport[] = [];
  const mos: ChannelMo[] = [];
  channel.on('report', (r) => reports.push(r));
  channel.on('mo', (m) => mos.push(m));
  return { sim, channel, reports, mos };
}

const sms = (to: string, ref: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  ref,
  to,
  from: '15880000',
  content: { kind: 'sms', text: '인증번호는 123456 입니다', encoding: 'euc-kr' },
  ad: false,
  ...extra,
});

describe('SMSVAS channel', () => {
  it('answers unavailable (never throws) before connect and after close', async () => {
    const { channel } = await start();
    expect(await channel.send(sms(K.ktAndroidRcs, 'a-1'))).toMatchObject({ kind: 'unavailable' });
    await channel.connect();
    await channel.close();
    await channel.close();
    expect(await channel.send(sms(K.ktAndroidRcs, 'a-2'))).toMatchObject({ kind: 'unavailable', why: expect.stringMatching(/closed/) });
  });

  it('delivers an SMS to an on-net subscriber and reports it with the gateway id and the attempt ref', async () => {
    const { channel, reports } = await start();
    await channel.connect();
    const out = await channel.send(sms(K.ktAndroidRcs, 'att-1'));
    expect(out).toMatchObject({ kind: 'accepted', gatewayIds: [expect.any(String)] });
    const id = out.kind === 'accepted' ? out.gatewayIds[0] : '';
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toMatchObject({ gateway: 'smsvas', gatewayId: id, ref: 'att-1', outcome: 'delivered', final: true, code: 'DELIVRD/000' });
    expect(channel.stats()).toMatchObject({ sent: 1, accepted: 1, reports: 1, inFlight: 0 });
  });

  it('refuses an unregistered callback number permanently, and a non-mobile number as invalid-destination', async () => {
    const { channel } = await start();
    await channel.connect();
    expect(await channel.send(sms(K.ktAndroidRcs, 'x-1', { from: '0299990000' }))).toEqual({ kind: 'rejected', reason: 'invalid-source', transient: false, code: 'ESME_RINVSRCADR' });
    expect(await channel.send(sms(NOT_A_MOBILE_NUMBER, 'x-2'))).toEqual({ kind: 'rejected', reason: 'invalid-destination', transient: false, code: 'ESME_RINVDSTADR' });
    expect(channel.stats()).toMatchObject({ sent: 2, rejected: 2, accepted: 0 });
  });

  it('reports a number not in service as undeliverable with its stat and err', async () => {
    const { channel, reports } = await start();
    await channel.connect();
    expect((await channel.send(sms(K.invalid, 'gone-1'))).kind).toBe('accepted');
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toMatchObject({ ref: 'gone-1', outcome: 'undeliverable', final: true, code: 'UNDELIV/001' });
  });

  it('sends text that EUC-KR cannot hold as UCS-2, intact', async () => {
    const { sim, channel, reports } = await start();
    await channel.connect();
    const text = 'Xin chào, mã của bạn là 123 ệ';
    const out = await channel.send(sms(K.ktAndroidRcs, 'vi-1', { content: { kind: 'sms', text, encoding: 'ucs2' } }));
    expect(out.kind).toBe('accepted');
    const id = out.kind === 'accepted' ? out.gatewayIds[0] : '';
    expect(sim.context.store.get(id)?.text).toBe(text);
    await vi.waitFor(() => expect(reports).toHaveLength(1));
  });

  it('hands an MO to the engine as the user number, the service number and the text', async () => {
    const { sim, channel, mos } = await start();
    await channel.connect();
    const res = await sim.admin.inject({ method: 'POST', url: '/admin/mo', payload: { source: K.ktAndroidRcs, destination: '15880000', text: '수신거부' } });
    expect(res.statusCode).toBeLessThan(300);
    await vi.waitFor(() => expect(mos).toHaveLength(1));
    expect(mos[0]).toMatchObject({ gateway: 'smsvas', from: K.ktAndroidRcs, to: '15880000', text: '수신거부' });
  });

  it('does not carry LMS unless asked; asked, sends it as one long SMS with one report for all segments', async () => {
    const plain = await start();
    expect(plain.channel.carries.has('lms')).toBe(false);
    await plain.channel.connect();
    const lms: OutboundMessage = { ...sms(K.ktAndroidRcs, 'lms-1'), content: { kind: 'lms', subject: '안내', text: '긴 안내 문장입니다. '.repeat(12) } };
    expect(await plain.channel.send(lms)).toMatchObject({ kind: 'rejected', reason: 'unsupported', transient: false });

    const { channel, reports } = await start({ lmsAsLongSms: true });
    expect(channel.carries.has('lms')).toBe(true);
    await channel.connect();
    const out = await channel.send(lms);
    expect(out.kind).toBe('accepted');
    const ids = out.kind === 'accepted' ? out.gatewayIds : [];
    expect(ids.length).toBeGreaterThan(1);
    const gone = await channel.send({ ...lms, ref: 'lms-2', to: K.invalid });
    expect(gone.kind).toBe('accepted');
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports.find((r) => r.ref === 'lms-1')).toMatchObject({ gatewayId: ids[0], outcome: 'delivered', final: true });
    expect(reports.find((r) => r.ref === 'lms-2')).toMatchObject({ outcome: 'undeliverable', final: true, code: 'UNDELIV/001' });
    // Still exactly one report per message once every segment's receipt is in.
    await new Promise((r) => setTimeout(r, 50));
    expect(reports).toHaveLength(2);
  });

  it('fails connect with a clear error within the bound when nothing listens', async () => {
    const channel = createSmsvasChannel({ target: 'smpp://msgsim:secret@127.0.0.1:1', clock, connectTimeoutMs: 300 });
    channels.push(channel);
    const started = Date.now();
    await expect(channel.connect()).rejects.toMatchObject({ code: 'SMSVAS_ERR_NOT_CONNECTED', message: expect.stringMatching(/ECONNREFUSED/) });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await channel.send(sms(K.ktAndroidRcs, 'n-1'))).toMatchObject({ kind: 'unavailable' });
  });
});

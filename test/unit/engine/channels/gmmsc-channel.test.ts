// The GMMSC Channel against the real MMSC simulator on loopback: LMS/MMS as the engine sees them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelMo, ChannelReport, OutboundMessage } from '../../../../engine/channel.ts';
import { createGmmscChannel, type GmmscChannel, type GmmscChannelOptions } from '../../../../gateways/gmmsc/client/gmmsc-channel.ts';
import { loadMmscConfig } from '../../../../gateways/gmmsc/simulator/mmsc-config.ts';
import { createMmscSimulator, type MmscSimulator } from '../../../../gateways/gmmsc/simulator/mmsc-simulator.ts';
import { createSystemClock } from '../../../../gateways/kit/clock.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';

const clock = createSystemClock();
let sims: MmscSimulator[] = [];
let channels: GmmscChannel[] = [];

afterEach(async () => {
  await Promise.all(channels.map((c) => c.close()));
  await Promise.all(sims.map((s) => s.close()));
  channels = [];
  sims = [];
});

async function start(opts: Partial<GmmscChannelOptions> = {}) {
  const sim = createMmscSimulator({ config: loadMmscConfig(undefined, 'fast-reports'), seed: 'channel-test' });
  sims.push(sim);
  const { port } = await sim.listen(0, '127.0.0.1');
  const channel = createGmmscChannel({ target: `http://msgsim:secret@127.0.0.1:${port}/mm7`, vaspId: 'msgsim', vasId: 'msgsim-vas', callback: { host: '127.0.0.1', port: 0 }, clock, ...opts });
  channels.push(channel);
  const reports: ChannelReport[] = [];
  const mos: ChannelMo[] = [];
  channel.on('report', (r) => reports.push(r));
  channel.on('mo', (m) => mos.push(m));
  return { sim, channel, reports, mos };
}

async function connected(opts: Partial<GmmscChannelOptions> = {}) {
  const s = await start(opts);
  await s.channel.connect();
  // What `msgsim up` does with the printed URL: the MMSC account posts its callbacks there.
  s.sim.context.accounts.get('msgsim')!.account.callbackUrl = s.channel.callbackUrl()!;
  return s;
}

// A minimal JPEG: SOI, an APP0 JFIF header, EOI.
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);

const lms = (to: string, ref: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  ref,
  to,
  from: '15880000',
  content: { kind: 'lms', subject: '안내', text: '장문 안내 메시지입니다. '.repeat(10) },
  ad: false,
  ...extra,
});

describe('GMMSC channel', () => {
  it('answers unavailable before connect and after close; exposes the callback URL once connected', async () => {
    const { channel } = await start();
    expect(channel.callbackUrl()).toBeNull();
    expect(await channel.send(lms(K.ktIos, 'u-1'))).toMatchObject({ kind: 'unavailable' });
    await channel.connect();
    expect(channel.callbackUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mm7\/callback$/);
    expect(channel.stats().callbackUrl).toBe(channel.callbackUrl());
    await channel.close();
    await channel.close();
    expect(await channel.send(lms(K.ktIos, 'u-2'))).toMatchObject({ kind: 'unavailable', why: expect.stringMatching(/closed/) });
  });

  it('delivers an LMS and reports it by MessageID with the attempt ref and the MMStatus', async () => {
    const { channel, reports } = await connected();
    const out = await channel.send(lms(K.ktIos, 'lms-1'));
    expect(out).toMatchObject({ kind: 'accepted', gatewayIds: [expect.any(String)] });
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toEqual({ gateway: 'gmmsc', gatewayId: out.kind === 'accepted' ? out.gatewayIds[0] : '', ref: 'lms-1', outcome: 'delivered', final: true, code: 'Retrieved', at: expect.any(Number) });
  });

  it('sends an MMS with one JPEG media part as an image of the SubmitReq, and it is delivered', async () => {
    const { sim, channel, reports } = await connected();
    const msg: OutboundMessage = {
      ...lms(K.ktIos, 'mms-1'),
      content: { kind: 'mms', subject: '사진', text: '사진을 보냅니다', media: [{ contentType: 'image/jpeg', name: '사진 1.jpg', data: JPEG.toString('base64') }] },
    };
    const out = await channel.send(msg);
    expect(out.kind).toBe('accepted');
    const id = out.kind === 'accepted' ? out.gatewayIds[0] : '';
    // The MMSC judged it an MMS: the part arrived as an image (a name it cannot show was replaced).
    expect(sim.context.stats.snapshot()['submit:MMS']).toBe(1);
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toMatchObject({ gatewayId: id, ref: 'mms-1', outcome: 'delivered' });
  });

  it('passes the media content type on: a PNG, which this MMSC does not take, is refused as content', async () => {
    const { channel } = await connected();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64');
    const out = await channel.send({ ...lms(K.ktIos, 'png-1'), content: { kind: 'mms', media: [{ contentType: 'image/png', name: 'a.png', data: png }] } });
    expect(out).toEqual({ kind: 'rejected', reason: 'content-refused', transient: false, code: '2004' });
  });

  it('refuses an unregistered sender and a malformed number permanently, with the MM7 StatusCode', async () => {
    const { channel } = await connected();
    expect(await channel.send(lms(K.ktIos, 'r-1', { from: '0299990000' }))).toEqual({ kind: 'rejected', reason: 'content-refused', transient: false, code: '2001' });
    expect(await channel.send(lms('0109999', 'r-2'))).toEqual({ kind: 'rejected', reason: 'invalid-destination', transient: false, code: '2002' });
    expect(channel.stats()).toMatchObject({ sent: 2, rejected: 2 });
  });

  it('reports a number not in service as a final failure (MM7 can only say Indeterminate)', async () => {
    const { channel, reports } = await connected();
    expect((await channel.send(lms(K.invalid, 'gone-1'))).kind).toBe('accepted');
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toMatchObject({ ref: 'gone-1', outcome: 'unknown', final: true, code: 'Indeterminate' });
  });

  it('hands a DeliverReq to the engine as an MO', async () => {
    const { sim, channel, mos } = await connected();
    const res = await sim.admin.inject({ method: 'POST', url: '/admin/mo', payload: { source: K.ktAndroidRcs, destination: '15880000', text: '참여합니다' } });
    expect(res.statusCode, res.body).toBeLessThan(300);
    await vi.waitFor(() => expect(mos).toHaveLength(1));
    expect(mos[0]).toMatchObject({ gateway: 'gmmsc', from: K.ktAndroidRcs, to: '15880000', text: '참여합니다' });
  });

  it('fails connect with a clear error within the bound when nothing listens', async () => {
    const channel = createGmmscChannel({ target: 'http://msgsim:secret@127.0.0.1:1/mm7', clock, connectTimeoutMs: 500 });
    channels.push(channel);
    const started = Date.now();
    await expect(channel.connect()).rejects.toMatchObject({ code: 'GMMSC_ERR_NOT_CONNECTED', message: expect.stringMatching(/ECONNREFUSED/) });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await channel.send(lms(K.ktIos, 'n-1'))).toMatchObject({ kind: 'unavailable' });
  });

  it('does not send a message whose notAfter has passed: timeout, and the MMSC sees no SubmitReq', async () => {
    const { sim, channel } = await connected();
    expect(await channel.send(lms(K.ktIos, 'late-1', { notAfter: clock.now() - 1 }))).toEqual({ kind: 'timeout' });
    expect(sim.context.stats.snapshot()['http:request'] ?? 0).toBe(0);
    expect(channel.stats()).toMatchObject({ expired: 1, timeouts: 1 });
    expect(await channel.send(lms(K.ktIos, 'on-time-1', { notAfter: clock.now() + 10_000 }))).toMatchObject({ kind: 'accepted' });
  });
});

// The Xroshot Channel against the real relay simulator on loopback: off-net SMS/LMS/MMS as the engine sees them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelReport, OutboundMessage } from '../../../../engine/channel.ts';
import { parseBehaviour } from '../../../../gateways/kit/behaviour-schema.ts';
import { createManualClock, createSystemClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { loadNetwork } from '../../../../gateways/network/load-network.ts';
import { createXroshotChannel, resolveCertificate, type XroshotChannel } from '../../../../gateways/xroshot/client/xroshot-channel.ts';
import { loadXroshotConfig } from '../../../../gateways/xroshot/simulator/xroshot-config.ts';
import { createXroshotSimulator, type XroshotSimulator } from '../../../../gateways/xroshot/simulator/xroshot-simulator.ts';

const clock = createSystemClock();
const network = loadNetwork();
let sims: XroshotSimulator[] = [];
let channels: XroshotChannel[] = [];

afterEach(async () => {
  await Promise.all(channels.map((c) => c.close()));
  await Promise.all(sims.map((s) => s.close()));
  channels = [];
  sims = [];
});

async function start() {
  const config = loadXroshotConfig();
  config.behaviour = parseBehaviour({ version: 1, latency: 1, reports: { outcomes: { delivered: 1 }, delay: 10 } }, 'test');
  const sim = createXroshotSimulator({ config, seed: 'channel-test', network });
  sims.push(sim);
  const { port } = await sim.listen(0, '127.0.0.1');
  // No certificate in the options: the channel takes the bundled simulator's, as with an empty engine config.
  const channel = createXroshotChannel({ target: `tcp://msgsim:secret@127.0.0.1:${port}`, sessions: 1, clock, rng: createRng('channel-test') });
  channels.push(channel);
  const reports: ChannelReport[] = [];
  channel.on('report', (r) => reports.push(r));
  return { sim, channel, reports };
}

/** An off-net number in the simulated not-in-service block. */
function offNetNotInService(): string {
  for (let i = 0; i < 10_000; i++) {
    const msisdn = `0109999${String(i).padStart(4, '0')}`;
    const s = network.lookup(msisdn);
    if (s && s.carrier !== 'KT' && s.reachability === 'invalid') return msisdn;
  }
  throw new Error('no off-net number in the not-in-service block');
}

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]).toString('base64');
const sms = (to: string, ref: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({ ref, to, from: '15880000', content: { kind: 'sms', text: '배송이 시작되었습니다', encoding: 'euc-kr' }, ad: false, ...extra });

describe('Xroshot channel', () => {
  it('answers unavailable before connect and after close', async () => {
    const { channel } = await start();
    expect(await channel.send(sms(K.sktAndroid, 'u-1'))).toMatchObject({ kind: 'unavailable' });
    await channel.connect();
    await channel.close();
    await channel.close();
    expect(await channel.send(sms(K.sktAndroid, 'u-2'))).toMatchObject({ kind: 'unavailable', why: expect.stringMatching(/closed/) });
  });

  it('delivers SMS, LMS and MMS (one JPEG) to off-net subscribers, one report per message with its ref', async () => {
    const { channel, reports } = await start();
    await channel.connect();
    const messages: OutboundMessage[] = [
      sms(K.sktAndroid, 'sms-1'),
      { ...sms(K.lguIos, 'lms-1'), content: { kind: 'lms', subject: '안내', text: '장문 안내 '.repeat(30) } },
      { ...sms(K.sktAndroid, 'mms-1'), content: { kind: 'mms', subject: '사진', media: [{ contentType: 'image/jpeg', name: 'photo.jpg', data: JPEG }] } },
    ];
    const outs = await Promise.all(messages.map((m) => channel.send(m)));
    for (const o of outs) expect(o).toMatchObject({ kind: 'accepted', gatewayIds: [expect.any(String)] });
    await vi.waitFor(() => expect(reports).toHaveLength(3));
    for (const [i, m] of messages.entries()) {
      const id = outs[i].kind === 'accepted' ? (outs[i] as { gatewayIds: string[] }).gatewayIds[0] : '';
      expect(reports.find((r) => r.ref === m.ref)).toMatchObject({ gateway: 'xroshot', gatewayId: id, outcome: 'delivered', final: true, code: '0' });
    }
    expect(channel.stats()).toMatchObject({ sent: 3, accepted: 3, reports: 3, inFlight: 0, queued: 0 });
  });

  it('refuses an unregistered callback number permanently with Result 115', async () => {
    const { channel } = await start();
    await channel.connect();
    expect(await channel.send(sms(K.sktAndroid, 'r-1', { from: '0299990000' }))).toEqual({ kind: 'rejected', reason: 'unregistered-sender', transient: false, code: '115' });
  });

  it('reports an off-net number not in service as undeliverable', async () => {
    const { channel, reports } = await start();
    await channel.connect();
    expect((await channel.send(sms(offNetNotInService(), 'gone-1'))).kind).toBe('accepted');
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toMatchObject({ ref: 'gone-1', outcome: 'undeliverable', final: true });
  });

  it('fails connect with a clear error within the bound when nothing listens', async () => {
    const channel = createXroshotChannel({ target: 'tcp://msgsim:secret@127.0.0.1:1', clock, connectTimeoutMs: 300 });
    channels.push(channel);
    const started = Date.now();
    await expect(channel.connect()).rejects.toMatchObject({ code: 'XROSHOT_ERR_NOT_CONNECTED' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await channel.send(sms(K.sktAndroid, 'n-1'))).toMatchObject({ kind: 'unavailable' });
  });

  it('takes the certificate as text, and refuses to guess one for an unknown service provider', () => {
    expect(resolveCertificate('  ABCDEF  ', 'anyone')).toBe('ABCDEF');
    expect(() => resolveCertificate(undefined, 'nobody')).toThrow(/no certificate configured for nobody/);
  });

  it('answers unavailable at once once re-registering has failed, and never writes a queued message after its notAfter', async () => {
    const config = loadXroshotConfig();
    config.behaviour = parseBehaviour({ version: 1, latency: 1, reports: { outcomes: { delivered: 1 }, delay: 10 } }, 'test');
    const sim = createXroshotSimulator({ config, seed: 'channel-test', network });
    sims.push(sim);
    const { port } = await sim.listen(0, '127.0.0.1');
    const manual = createManualClock(Date.now());
    const channel = createXroshotChannel({
      target: `tcp://msgsim:secret@127.0.0.1:${port}`,
      sessions: 1,
      clock: manual,
      rng: createRng('channel-test'),
      client: { reconnect: { initialMs: 1_000, maxMs: 1_000, jitter: 0 } },
    });
    channels.push(channel);
    await channel.connect();
    const outage = async (on: boolean) => {
      const res = await sim.admin.inject(on ? { method: 'POST', url: '/admin/outage', payload: { mode: 'refuse' } } : { method: 'DELETE', url: '/admin/outage' });
      expect(res.statusCode).toBeLessThan(300);
    };
    const sends = () => sim.context.stats.snapshot()['in:req_send_message_2'] ?? 0;
    await outage(true);
    await vi.waitFor(() => expect(channel.stats().sessionsUp).toBe(0));
    // Just dropped: it waits in the client queue for the session, up to its notAfter.
    const queued = channel.send(sms(K.sktAndroid, 'q-1', { notAfter: manual.now() + 1_500 }));
    expect(channel.stats().queued).toBe(1);
    manual.advance(1_000);
    let probes = 0;
    await vi.waitFor(async () => {
      probes++;
      const probe = channel.send(sms(K.sktAndroid, `probe-${probes}`, { notAfter: manual.now() }));
      expect(await Promise.race([probe, new Promise<null>((r) => setImmediate(() => r(null)))])).toMatchObject({ kind: 'unavailable', why: expect.stringMatching(/no session/) });
    });
    await outage(false);
    manual.advance(1_000);
    await vi.waitFor(() => expect(channel.stats().sessionsUp).toBe(1));
    await expect(queued).resolves.toEqual({ kind: 'timeout' });
    expect(channel.stats()).toMatchObject({ expired: probes, queued: 0 });
    expect(sends()).toBe(0);
    expect(await channel.send(sms(K.sktAndroid, 'after'))).toMatchObject({ kind: 'accepted' });
    expect(sends()).toBe(1);
  });
});

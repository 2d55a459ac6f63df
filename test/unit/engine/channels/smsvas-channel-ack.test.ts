// The SMSVAS channel lets the SMSC consider a receipt or MO delivered only once the engine's listener
// promise resolved: the receipts of every segment of a long message wait for the one report they make.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Channel, ChannelReport, OutboundMessage } from '../../../../engine/channel.ts';
import { createSystemClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { createSmsvasChannel, type SmsvasChannelOptions } from '../../../../gateways/smsvas/client/smsvas-channel.ts';
import { COMMAND_STATUS as S } from '../../../../gateways/smsvas/codec/command-status.ts';
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
  const config = loadSmscConfig(undefined, 'fast-receipts');
  config.delivery.retryDelay = 20;
  const sim = createSmscSimulator({ config, seed: 'channel-ack-test' });
  sims.push(sim);
  const { port } = await sim.listen(0, '127.0.0.1');
  const channel = createSmsvasChannel({ target: `smpp://msgsim:secret@127.0.0.1:${port}`, binds: 1, clock, rng: createRng('channel-ack-test'), ...opts });
  channels.push(channel);
  return { sim, channel };
}

const answered = (sim: SmscSimulator, status: number) => sim.context.log.list().filter((e) => e.command === 'deliver_sm_resp' && e.dir === 'in' && e.command_status === status).length;
const delivered = (sim: SmscSimulator) => sim.context.log.list().filter((e) => e.command === 'deliver_sm' && e.dir === 'out').length;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const sms = (ref: string, text = '인증번호는 123456 입니다'): OutboundMessage => ({ ref, to: K.ktAndroidRcs, from: '15880000', content: { kind: 'sms', text, encoding: 'euc-kr' }, ad: false });

describe('SMSVAS channel acknowledgement', () => {
  it('acknowledges a receipt once the listener promise resolves; a rejected one comes again and is reported again', async () => {
    const { sim, channel } = await start();
    const reports: ChannelReport[] = [];
    const commit = deferred();
    channel.on('report', (r) => {
      reports.push(r);
      return reports.length === 1 ? Promise.reject(new Error('commit failed')) : commit.promise;
    });
    await channel.connect();
    expect((await channel.send(sms('att-1'))).kind).toBe('accepted');
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports.map((r) => r.gatewayId)).toEqual([reports[0].gatewayId, reports[0].gatewayId]);
    expect(answered(sim, S.ESME_RX_T_APPN)).toBe(1);
    expect(answered(sim, S.ESME_ROK)).toBe(0);
    commit.resolve();
    await vi.waitFor(() => expect(answered(sim, S.ESME_ROK)).toBe(1));
  });

  it('acknowledges the receipt of every segment of a long message only once the joined report is committed', async () => {
    const { sim, channel } = await start({ lmsAsLongSms: true });
    const reports: ChannelReport[] = [];
    const commit = deferred();
    channel.on('report', (r) => (reports.push(r), commit.promise));
    await channel.connect();
    const out = await channel.send({ ...sms('lms-1'), content: { kind: 'lms', subject: '안내', text: '긴 안내 문장입니다. '.repeat(12) } });
    const segments = out.kind === 'accepted' ? out.gatewayIds.length : 0;
    expect(segments).toBeGreaterThan(1);
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    await vi.waitFor(() => expect(delivered(sim)).toBe(segments));
    expect(answered(sim, S.ESME_ROK)).toBe(0);
    commit.resolve();
    await vi.waitFor(() => expect(answered(sim, S.ESME_ROK)).toBe(segments));
  });

  it('acknowledges an MO once the listener promise resolves; a rejected one comes again', async () => {
    const { sim, channel } = await start();
    const texts: string[] = [];
    channel.on('mo', (m) => (texts.push(m.text), texts.length === 1 ? Promise.reject(new Error('closing')) : Promise.resolve()));
    await channel.connect();
    sim.injectMo({ source: K.ktAndroidRcs, destination: '15880000', text: '수신거부' });
    await vi.waitFor(() => expect(texts).toEqual(['수신거부', '수신거부']));
    await vi.waitFor(() => expect(answered(sim, S.ESME_ROK)).toBe(1));
    expect(answered(sim, S.ESME_RX_T_APPN)).toBe(1);
  });

  it('holds a receipt that comes before anyone listens, unacknowledged, for the first listener', async () => {
    const { sim, channel } = await start();
    await channel.connect();
    expect((await channel.send(sms('att-3'))).kind).toBe('accepted');
    await vi.waitFor(() => expect(delivered(sim)).toBe(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(answered(sim, S.ESME_ROK)).toBe(0);
    const reports: ChannelReport[] = [];
    const commit = deferred();
    channel.on('report', (r) => (reports.push(r), commit.promise));
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toMatchObject({ ref: 'att-3', outcome: 'delivered' });
    expect(answered(sim, S.ESME_ROK)).toBe(0);
    commit.resolve();
    await vi.waitFor(() => expect(answered(sim, S.ESME_ROK)).toBe(1));
  });

  it('acknowledges at once for a listener that returns nothing', async () => {
    const { sim, channel } = await start();
    channel.on('report', () => {});
    await channel.connect();
    await channel.send(sms('att-2'));
    await vi.waitFor(() => expect(answered(sim, S.ESME_ROK)).toBe(1));
  });
});

// The Xroshot channel answers the relay's req_report only once the engine's listener promise settled:
// a rejected report is sent again by the relay and reported again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelReport } from '../../../../engine/channel.ts';
import { parseBehaviour } from '../../../../gateways/kit/behaviour-schema.ts';
import { createSystemClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { loadNetwork } from '../../../../gateways/network/load-network.ts';
import { createXroshotChannel, type XroshotChannel } from '../../../../gateways/xroshot/client/xroshot-channel.ts';
import { loadXroshotConfig } from '../../../../gateways/xroshot/simulator/xroshot-config.ts';
import { createXroshotSimulator, type XroshotSimulator } from '../../../../gateways/xroshot/simulator/xroshot-simulator.ts';

const clock = createSystemClock();
let sim: XroshotSimulator | undefined;
let channel: XroshotChannel | undefined;

afterEach(async () => {
  await channel?.close();
  await sim?.close();
  channel = sim = undefined;
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Xroshot channel acknowledgement', () => {
  it('answers a report once the listener promise resolves; one it rejected comes again from the relay', { timeout: 20_000 }, async () => {
    const config = loadXroshotConfig();
    config.behaviour = parseBehaviour({ version: 1, latency: 1, reports: { outcomes: { delivered: 1 }, delay: 5 } }, 'test');
    config.reports.retryDelay = 20;
    sim = createXroshotSimulator({ config, seed: 'channel-ack-test', network: loadNetwork() });
    const { port } = await sim.listen(0, '127.0.0.1');
    channel = createXroshotChannel({ target: `tcp://msgsim:secret@127.0.0.1:${port}`, sessions: 1, clock, rng: createRng('channel-ack-test') });
    const reports: ChannelReport[] = [];
    const stored = deferred();
    channel.on('report', (r) => (reports.push(r), reports.length === 1 ? Promise.reject(new Error('store down')) : stored.promise));
    await channel.connect();
    const s = sim;
    const answered = (result: number) => s.context.log.list().filter((e) => e.method === 'res_report' && e.dir === 'in' && e.result === result).length;

    const out = await channel.send({ ref: 'att-1', to: K.sktAndroid, from: '15880000', content: { kind: 'sms', text: '배송이 시작되었습니다', encoding: 'euc-kr' }, ad: false });
    expect(out.kind).toBe('accepted');
    await vi.waitFor(() => expect(reports).toHaveLength(2), { timeout: 10_000 });
    expect(reports.map((r) => [r.gatewayId, r.outcome])).toEqual([
      [reports[0].gatewayId, 'delivered'],
      [reports[0].gatewayId, 'delivered'],
    ]);
    expect(reports[0].ref).toBe('att-1');
    expect(answered(1)).toBe(1);
    expect(answered(0)).toBe(0);
    stored.resolve();
    await vi.waitFor(() => expect(answered(0)).toBe(1));
  });
});

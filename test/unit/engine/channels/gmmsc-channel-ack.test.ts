// The GMMSC channel answers the MMSC's DeliveryReportReq only once the engine's listener promise
// settled: a rejected one is posted again by the MMSC and reported again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelReport } from '../../../../engine/channel.ts';
import { createGmmscChannel, type GmmscChannel } from '../../../../gateways/gmmsc/client/gmmsc-channel.ts';
import { loadMmscConfig } from '../../../../gateways/gmmsc/simulator/mmsc-config.ts';
import { createMmscSimulator, type MmscSimulator } from '../../../../gateways/gmmsc/simulator/mmsc-simulator.ts';
import { createSystemClock } from '../../../../gateways/kit/clock.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';

const clock = createSystemClock();
let sim: MmscSimulator | null = null;
let channel: GmmscChannel | null = null;

afterEach(async () => {
  await channel?.close();
  await sim?.close();
  channel = sim = null;
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('GMMSC channel acknowledgement', () => {
  it('answers a report once the listener promise resolves; one it rejected comes again from the MMSC', async () => {
    const config = loadMmscConfig(undefined, 'fast-reports');
    config.delivery.retryDelay = 20;
    sim = createMmscSimulator({ config, seed: 'channel-ack-test' });
    const { port } = await sim.listen(0, '127.0.0.1');
    channel = createGmmscChannel({ target: `http://msgsim:secret@127.0.0.1:${port}/mm7`, vaspId: 'msgsim', vasId: 'msgsim-vas', callback: { host: '127.0.0.1', port: 0 }, clock });
    const reports: ChannelReport[] = [];
    const stored = deferred();
    channel.on('report', (r) => (reports.push(r), reports.length === 1 ? Promise.reject(new Error('store down')) : stored.promise));
    await channel.connect();
    sim.context.accounts.get('msgsim')!.account.callbackUrl = channel.callbackUrl()!;
    const stat = (k: string) => sim!.context.stats.snapshot()[k] ?? 0;

    const out = await channel.send({ ref: 'att-1', to: K.ktAndroidRcs, from: '15880000', content: { kind: 'lms', subject: '안내', text: '장문 안내 '.repeat(30) }, ad: false });
    expect(out.kind).toBe('accepted');
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports.map((r) => [r.gatewayId, r.ref, r.outcome])).toEqual([
      [reports[0].gatewayId, 'att-1', 'delivered'],
      [reports[0].gatewayId, 'att-1', 'delivered'],
    ]);
    expect(stat('callback:retry:DeliveryReportReq')).toBe(1);
    expect(stat('callback:ok:DeliveryReportReq')).toBe(0);
    stored.resolve();
    await vi.waitFor(() => expect(stat('callback:ok:DeliveryReportReq')).toBe(1));
  });
});

// The RCS channel answers the MaaP's status webhook only once the engine's listener promise settled:
// a rejected status is posted again by the MaaP and reported again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelReport } from '../../../../engine/channel.ts';
import { createSystemClock } from '../../../../gateways/kit/clock.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { createRcsChannel, type RcsChannel } from '../../../../gateways/rcs/client/rcs-channel.ts';
import { parseRcsConfig } from '../../../../gateways/rcs/simulator/rcs-config.ts';
import { createRcsSimulator, type RcsSimulator } from '../../../../gateways/rcs/simulator/rcs-simulator.ts';

const clock = createSystemClock();
let sim: RcsSimulator | undefined;
let channel: RcsChannel | undefined;

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

describe('RCS channel acknowledgement', () => {
  it('answers a status webhook once the listener promise resolves; one it rejected comes again from the MaaP', async () => {
    const config = parseRcsConfig({
      accounts: [{ clientId: 'msgsim', clientSecret: 'secret', bots: [{ botId: '15880000' }] }],
      status: { sentDelay: 0, notCapableDelay: 0, displayedShare: 0 },
      webhook: { retryDelay: 20, maxRetryDelay: 20 },
      behaviour: { version: 1, latency: 0, reports: { outcomes: { delivered: 1 }, delay: 0 } },
    });
    sim = createRcsSimulator({ config, clock, seed: 'channel-ack-test' });
    const { port } = await sim.listen(0, '127.0.0.1');
    const s = sim;
    channel = createRcsChannel({ target: `http://127.0.0.1:${port}`, clientId: 'msgsim', clientSecret: 'secret', botId: '15880000', clock, registerWebhook: (url, bot) => s.setWebhook(bot, url) });
    const reports: ChannelReport[] = [];
    const stored = deferred();
    channel.on('report', (r) => (reports.push(r), reports.length === 1 ? Promise.reject(new Error('store down')) : stored.promise));
    await channel.connect();
    const stat = (k: string) => s.context.stats.snapshot()[k] ?? 0;

    const out = await channel.send({ ref: 'att-1', to: K.ktAndroidRcs, from: '15880000', content: { kind: 'rcs', rcs: { messagebaseId: 'SS000000', text: '안내' } }, ad: false });
    expect(out.kind).toBe('accepted');
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports.map((r) => [r.ref, r.outcome, r.final])).toEqual([
      ['att-1', 'delivered', true],
      ['att-1', 'delivered', true],
    ]);
    expect(stat('webhook:retry:status')).toBe(1);
    const okBefore = stat('webhook:ok');
    stored.resolve();
    await vi.waitFor(() => expect(stat('webhook:ok')).toBe(okBefore + 1));
  });
});

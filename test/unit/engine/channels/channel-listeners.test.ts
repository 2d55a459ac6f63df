// A channel's listeners: what comes before the first on() waits for the listeners registered in that
// turn; after that, events go straight to them and one with no listener is acknowledged at once.
import { describe, expect, it } from 'vitest';
import { callListeners, createChannelListeners, type ChannelMo, type ChannelReport } from '../../../../engine/channel.ts';

const report: ChannelReport = { gateway: 'smsvas', gatewayId: 'g-1', outcome: 'delivered', final: true, code: 'DELIVRD', at: 0 };
const mo: ChannelMo = { gateway: 'smsvas', from: '01012340001', to: '15880000', text: '네', at: 0 };
const turn = () => new Promise((r) => setImmediate(r));

describe('channel listeners', () => {
  it('holds reports and MO that come before anyone listens for every listener registered in the first turn', async () => {
    const l = createChannelListeners();
    let settled = false;
    const early = l.emit('report', report);
    const earlyMo = l.emit('mo', mo);
    expect(early).toBeDefined();
    void early?.then(() => (settled = true));
    await turn();
    expect(settled).toBe(false);
    const reports: ChannelReport[] = [];
    const mos: ChannelMo[] = [];
    l.on('report', (r) => void reports.push(r));
    l.on('mo', (m) => void mos.push(m));
    await early;
    await earlyMo;
    expect(reports).toEqual([report]);
    expect(mos).toEqual([mo]);
  });

  it('passes the listener promise on, and answers at once when no listener returns one or none listens', async () => {
    const l = createChannelListeners();
    const commit = Promise.resolve();
    l.on('report', () => commit);
    await turn();
    expect(l.emit('report', report)).toBe(commit);
    expect(l.emit('mo', mo)).toBeUndefined();
    expect(callListeners([() => 1, () => undefined], report)).toBeUndefined();
  });

  it('rejects a held report whose listener throws, so the gateway sends it again', async () => {
    const l = createChannelListeners();
    const early = l.emit('report', report);
    l.on('report', () => {
      throw new Error('listener bug');
    });
    await expect(early).rejects.toThrow('listener bug');
  });

  it('waits for every listener that returned a promise', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    let done = false;
    const w = callListeners([() => Promise.resolve(), () => slow], report);
    void w?.then(() => (done = true));
    await turn();
    expect(done).toBe(false);
    release();
    await w;
    expect(done).toBe(true);
  });
});

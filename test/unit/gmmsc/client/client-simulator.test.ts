// Round trips through our client against our GMMSC simulator on loopback: what the engine will see.
import { afterEach, describe, expect, it } from 'vitest';
import { isTransientReject, REJECT_REASONS } from '../../../../gateways/kit/canonical-reason.ts';
import { KNOWN_SUBSCRIBERS } from '../../../../gateways/network/known-subscribers.ts';
import { createGmmscClient, type GmmscClient } from '../../../../gateways/gmmsc/client/gmmsc-client.ts';
import type { GmmscReport } from '../../../../gateways/gmmsc/client/callback-reader.ts';
import { outcomeForMmStatus, rejectionForStatus } from '../../../../gateways/gmmsc/client/mm7-outcome-table.ts';
import { loadMmscConfig } from '../../../../gateways/gmmsc/simulator/mmsc-config.ts';
import { createMmscSimulator, type MmscSimulator } from '../../../../gateways/gmmsc/simulator/mmsc-simulator.ts';
import { REJECT_STATUS, REJECT_TEXT, REPORT_WIRE } from '../../../../gateways/gmmsc/simulator/gmmsc-outcome-table.ts';

const SENDER = '15880000';
const jpeg = (bytes: number) => {
  const b = Buffer.alloc(bytes, 0x11);
  b.writeUInt32BE(0xffd8ffe0, 0);
  b.writeUInt16BE(0xffd9, bytes - 2);
  return b;
};

let sim: MmscSimulator | null = null;
let client: GmmscClient | null = null;

afterEach(async () => {
  await client?.close();
  await sim?.close();
  client = sim = null;
});

async function start(preset = 'fast-reports') {
  sim = createMmscSimulator({ config: loadMmscConfig(undefined, preset), seed: 'client-test' });
  const { port } = await sim.listen(0, '127.0.0.1');
  client = createGmmscClient({ target: `http://msgsim:secret@127.0.0.1:${port}/mm7`, vasId: 'msgsim-vas' });
  await client.connect();
  sim.context.accounts.get('msgsim')!.account.callbackUrl = client.callbackUrl()!;
  const reports: GmmscReport[] = [];
  client.on('report', (r) => reports.push(r));
  return { sim, client, reports };
}

async function until<T>(read: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = read();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('GMMSC client against the simulator', () => {
  it('a text LMS is accepted and its delivery report comes back delivered, naming the caller reference', async () => {
    const { client, reports } = await start();
    const out = await client.submit({ source: SENDER, destination: KNOWN_SUBSCRIBERS.ktAndroidRcs, subject: '안내', text: '장문 메시지 '.repeat(40), reference: 'lms-1' });
    expect(out.kind).toBe('accepted');
    const r = await until(() => reports.find((x) => x.reference === 'lms-1'));
    expect(r).toMatchObject({ type: 'delivery', outcome: 'delivered', code: 'Retrieved', final: true, recipient: KNOWN_SUBSCRIBERS.ktAndroidRcs });
    expect(out.kind === 'accepted' && out.messageIds[0]).toBe(r.messageId);
  });

  it('an MMS with three JPEGs is accepted and delivered', async () => {
    const { client, reports } = await start();
    const out = await client.submit({ source: SENDER, destination: KNOWN_SUBSCRIBERS.ktIos, text: '사진 세 장', images: [{ data: jpeg(40_000) }, { data: jpeg(40_000) }, { data: jpeg(40_000) }], reference: 'mms-3' });
    expect(out).toMatchObject({ kind: 'accepted', code: 1000 });
    expect(await until(() => reports.find((x) => x.reference === 'mms-3'))).toMatchObject({ outcome: 'delivered' });
  });

  it('an oversize MMS is refused with 2004 as content-refused, permanent', async () => {
    const { client } = await start();
    const out = await client.submit({ source: SENDER, destination: KNOWN_SUBSCRIBERS.ktAndroidRcs, images: [{ data: jpeg(290_000) }, { data: jpeg(290_000) }, { data: jpeg(290_000) }] });
    expect(out).toMatchObject({ kind: 'rejected', code: 2004, reason: 'content-refused', transient: false, details: expect.stringMatching(/over/) });
  });

  it('a number that is not a mobile number is refused as invalid-destination (2002), naming why', async () => {
    const { client } = await start();
    const out = await client.submit({ source: SENDER, destination: '0109999', text: '잘못된 번호' });
    expect(out).toMatchObject({ kind: 'rejected', code: 2002, reason: 'invalid-destination', transient: false, text: expect.stringContaining('0109999') });
  });

  it('a number not in service is accepted, then reported Indeterminate (unknown) with the reason in StatusText', async () => {
    const { client, reports } = await start();
    const out = await client.submit({ source: SENDER, destination: KNOWN_SUBSCRIBERS.invalid, text: '없는 번호', reference: 'gone-1' });
    expect(out.kind).toBe('accepted');
    expect(await until(() => reports.find((x) => x.reference === 'gone-1'))).toMatchObject({ outcome: 'unknown', code: 'Indeterminate', statusText: expect.stringMatching(/not in service/) });
  });

  it('a switched-off recipient is accepted and later reported Expired -> expired', async () => {
    const { client, reports } = await start();
    const out = await client.submit({ source: SENDER, destination: KNOWN_SUBSCRIBERS.ktOff, text: '꺼진 단말', expiryDate: 'PT1S', reference: 'off-1' });
    expect(out.kind).toBe('accepted');
    expect(await until(() => reports.find((x) => x.reference === 'off-1'))).toMatchObject({ outcome: 'expired', code: 'Expired', final: true });
  });

  it('a burst over the contracted rate gets some submits refused as throttled (transient), the rest accepted', async () => {
    const { client } = await start('tight-throttle');
    const outs = await Promise.all(Array.from({ length: 30 }, (_, i) => client.submit({ source: SENDER, destination: KNOWN_SUBSCRIBERS.ktAndroidRcs, text: `burst ${i}` })));
    const throttled = outs.filter((o) => o.kind === 'rejected');
    expect(throttled.length).toBeGreaterThan(0);
    expect(outs.filter((o) => o.kind === 'accepted').length).toBeGreaterThan(0);
    for (const t of throttled) expect(t).toMatchObject({ reason: 'throttled', transient: true, code: 4006 });
    expect(client.stats()).toMatchObject({ submitted: 30, inFlight: 0 });
  });
});

describe('client table against the simulator table', () => {
  it('every reason the simulator writes reads back with the same transience, throttling by name', () => {
    for (const reason of REJECT_REASONS) {
      const back = rejectionForStatus(REJECT_STATUS[reason], REJECT_TEXT[reason]);
      expect(back.transient, `${reason} -> ${REJECT_STATUS[reason]} -> ${back.reason}`).toBe(isTransientReject(reason));
    }
    expect(rejectionForStatus(REJECT_STATUS.throttled, REJECT_TEXT.throttled).reason).toBe('throttled');
    expect(rejectionForStatus(REJECT_STATUS['no-subscriber']).reason).toBe('no-subscriber');
    expect(rejectionForStatus(REJECT_STATUS['content-refused']).reason).toBe('content-refused');
  });

  it('every report outcome reads back as itself, except undeliverable, which MM7 can only say as Indeterminate', () => {
    for (const [outcome, wire] of Object.entries(REPORT_WIRE)) {
      expect(outcomeForMmStatus('delivery', wire.mmStatus).outcome).toBe(outcome === 'undeliverable' ? 'unknown' : outcome);
    }
  });
});

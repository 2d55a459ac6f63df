// The callback receiver answers a DeliveryReportReq or DeliverReq only once the promise onReport /
// onMo returned has settled: the Rsp when it resolves, a Fault 3000 (HTTP 500) the MMSC retries when
// it rejects; other callbacks are served meanwhile.
import { afterEach, describe, expect, it } from 'vitest';
import { parseMm7Envelope } from '../../../../gateways/gmmsc/codec/mm7-envelope.ts';
import type { Mm7Message } from '../../../../gateways/gmmsc/codec/mm7-message.ts';
import type { GmmscClientOptions } from '../../../../gateways/gmmsc/client/client-options.ts';
import type { GmmscReport } from '../../../../gateways/gmmsc/client/callback-reader.ts';
import { createGmmscClient, type GmmscClient } from '../../../../gateways/gmmsc/client/gmmsc-client.ts';
import { loadMmscConfig } from '../../../../gateways/gmmsc/simulator/mmsc-config.ts';
import { createMmscSimulator, type MmscSimulator } from '../../../../gateways/gmmsc/simulator/mmsc-simulator.ts';
import { KNOWN_SUBSCRIBERS } from '../../../../gateways/network/known-subscribers.ts';
import { accept, postCallback, startFakeMmsc, type FakeMmsc } from './fake-mmsc.ts';

let fake: FakeMmsc | null = null;
let sim: MmscSimulator | null = null;
let client: GmmscClient | null = null;

afterEach(async () => {
  await client?.close();
  await fake?.close();
  await sim?.close();
  client = fake = sim = null;
});

async function start(opts: Omit<GmmscClientOptions, 'target'>, messageId = 'M1') {
  fake = await startFakeMmsc(accept(messageId));
  client = createGmmscClient({ target: fake.url(), ...opts });
  await client.connect();
  return client;
}

const report = (messageId: string): Mm7Message => ({
  kind: 'DeliveryReportReq',
  mm7Version: '6.8.0',
  messageId,
  recipient: { kind: 'Number', value: '01012340001' },
  sender: { kind: 'Number', value: '15880000' },
  date: '2026-11-20T12:00:00+09:00',
  mmStatus: 'Retrieved',
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
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

describe('GMMSC callback acknowledgement', () => {
  it('answers DeliveryReportRsp only once the report promise resolves, serving other callbacks meanwhile', async () => {
    const stored = deferred();
    const seen: string[] = [];
    const c = await start({ onReport: (r) => (seen.push(r.messageId), r.messageId === 'SLOW' ? stored.promise : undefined) });
    let slowAnswered = false;
    const slow = postCallback(c.callbackUrl()!, report('SLOW'), { transactionId: 'T-SLOW' }).then((res) => ((slowAnswered = true), res));
    await until(() => (seen.length === 1 ? true : undefined));
    const quick = await postCallback(c.callbackUrl()!, report('QUICK'), { transactionId: 'T-QUICK' });
    expect(parseMm7Envelope(quick.body).message).toMatchObject({ kind: 'DeliveryReportRsp', status: { code: 1000 } });
    expect(slowAnswered).toBe(false);
    stored.resolve();
    const res = await slow;
    expect(res.status).toBe(200);
    expect(parseMm7Envelope(res.body)).toMatchObject({ transactionId: 'T-SLOW', message: { kind: 'DeliveryReportRsp', status: { code: 1000 } } });
  });

  it('answers a Fault 3000 with HTTP 500 when the promise rejects, and names the reference again on the resent report', async () => {
    const seen: GmmscReport[] = [];
    const c = await start({ onReport: (r) => (seen.push(r), seen.length === 1 ? Promise.reject(new Error('store down')) : undefined) }, 'MSG-9');
    await c.submit({ source: '15880000', destination: '01012340001', text: 'x', reference: 'ref-9' });
    const first = await postCallback(c.callbackUrl()!, report('MSG-9'), { transactionId: 'T-1' });
    expect(first.status).toBe(500);
    expect(parseMm7Envelope(first.body)).toMatchObject({ transactionId: 'T-1', message: { kind: 'Fault', faultCode: expect.stringMatching(/Server/), detail: { status: { code: 3000 } } } });
    const again = await postCallback(c.callbackUrl()!, report('MSG-9'), { transactionId: 'T-2' });
    expect(again.status).toBe(200);
    expect(seen.map((r) => r.reference)).toEqual(['ref-9', 'ref-9']);
    expect(c.stats().callbackFaults).toBe(1);
  });

  it('answers a DeliverReq with a Fault when the MO promise rejects and DeliverRsp once it resolves', async () => {
    let calls = 0;
    const c = await start({ onMo: () => (++calls === 1 ? Promise.reject(new Error('not forwarded')) : Promise.resolve()) });
    const mo: Mm7Message = { kind: 'DeliverReq', mm7Version: '6.8.0', sender: { kind: 'Number', value: '01012340001' }, recipients: { to: [{ kind: 'ShortCode', value: '15880000' }], cc: [], bcc: [] } };
    expect((await postCallback(c.callbackUrl()!, mo)).status).toBe(500);
    const ok = await postCallback(c.callbackUrl()!, mo);
    expect(parseMm7Envelope(ok.body).message).toMatchObject({ kind: 'DeliverRsp', status: { code: 1000 } });
  });

  it('answers a callback still waiting when the client closes with a Fault, instead of holding close() up', async () => {
    let seen = 0;
    const c = await start({ onReport: () => (seen++, new Promise<void>(() => {})) });
    const pending = postCallback(c.callbackUrl()!, report('NEVER'));
    await until(() => (seen === 1 ? true : undefined));
    await c.close();
    client = null;
    const res = await pending;
    expect(res.status).toBe(500);
    expect(parseMm7Envelope(res.body).message).toMatchObject({ kind: 'Fault', detail: { status: { code: 3000 } } });
  });

  it('against the simulator: a report not taken is posted again by the MMSC and handled again', async () => {
    const config = loadMmscConfig(undefined, 'fast-reports');
    config.delivery.retryDelay = 20;
    sim = createMmscSimulator({ config, seed: 'ack-test' });
    const { port } = await sim.listen(0, '127.0.0.1');
    const seen: GmmscReport[] = [];
    client = createGmmscClient({ target: `http://msgsim:secret@127.0.0.1:${port}/mm7`, vasId: 'msgsim-vas', onReport: (r) => (seen.push(r), seen.length === 1 ? Promise.reject(new Error('store down')) : Promise.resolve()) });
    await client.connect();
    sim.context.accounts.get('msgsim')!.account.callbackUrl = client.callbackUrl()!;
    const out = await client.submit({ source: '15880000', destination: KNOWN_SUBSCRIBERS.ktAndroidRcs, subject: '안내', text: '장문 메시지 '.repeat(40), reference: 'lms-1' });
    expect(out.kind).toBe('accepted');
    await until(() => (seen.length >= 2 ? true : undefined));
    expect(seen.map((r) => [r.messageId, r.reference, r.outcome])).toEqual([
      [seen[0].messageId, 'lms-1', 'delivered'],
      [seen[0].messageId, 'lms-1', 'delivered'],
    ]);
    expect(sim.context.stats.snapshot()['callback:retry:DeliveryReportReq']).toBe(1);
  });
});

// The webhook receiver answers the MaaP only once the promises onReport / onMo returned have settled:
// 200 when they resolve, 503 when one rejects, so the MaaP posts the event again and that copy is
// taken (not dropped as a duplicate); other POSTs are answered meanwhile.
import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { createRcsClient, type RcsClient } from '../../../../gateways/rcs/client/rcs-client.ts';
import type { RcsReport } from '../../../../gateways/rcs/client/rcs-report.ts';
import { parseRcsConfig } from '../../../../gateways/rcs/simulator/rcs-config.ts';
import { createRcsSimulator, type RcsSimulator } from '../../../../gateways/rcs/simulator/rcs-simulator.ts';
import { startScriptedMaap, type ScriptedMaap } from './scripted-maap.ts';

let maap: ScriptedMaap | undefined;
let sim: RcsSimulator | undefined;
let client: RcsClient | undefined;
afterEach(async () => {
  await client?.close();
  await maap?.close();
  await sim?.close();
  client = maap = sim = undefined;
});

async function connected(opts: Partial<Parameters<typeof createRcsClient>[0]>) {
  maap = await startScriptedMaap();
  maap.send = () => ({ status: 202, body: { msgId: 'm-7', status: 'pending' } });
  client = createRcsClient({ target: maap.url, clientId: 'msgsim', clientSecret: 'secret', botId: '15880000', ...opts });
  await client.connect();
  return client;
}

const status = (msgId: string, s: string) => ({ event: 'messageStatus', botId: '15880000', messageContact: { userContact: '+821012340001' }, RCSMessage: { msgId, status: s, timestamp: 't' } });
const post = (c: RcsClient, body: unknown) => fetch(c.webhookUrl()!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
};

describe('RCS webhook acknowledgement', () => {
  it('answers 200 only once the report promise resolves, answering other POSTs meanwhile', async () => {
    const stored = deferred();
    const seen: string[] = [];
    const c = await connected({ onReport: (r) => (seen.push(r.messageId), r.messageId === 'slow' ? stored.promise : undefined) });
    let slowStatus = 0;
    const slow = post(c, status('slow', 'delivered')).then((res) => (slowStatus = res.status));
    await until(() => seen.length === 1);
    expect((await post(c, status('quick', 'delivered'))).status).toBe(200);
    expect(slowStatus).toBe(0);
    stored.resolve();
    await slow;
    expect(slowStatus).toBe(200);
  });

  it('answers 503 when the promise rejects, and takes the MaaP\'s next copy of that final status with its reference', async () => {
    const reports: RcsReport[] = [];
    const c = await connected({ onReport: (r) => (reports.push(r), reports.length === 1 ? Promise.reject(new Error('store down')) : undefined) });
    await c.submit({ destination: '01012340001', messagebaseId: 'SS000000', content: { kind: 'text', text: 'hi' }, reference: 'att-7' });
    expect((await post(c, status('m-7', 'failed'))).status).toBe(503);
    expect((await post(c, status('m-7', 'failed'))).status).toBe(200);
    expect((await post(c, status('m-7', 'failed'))).status).toBe(200);
    expect(reports.map((r) => [r.event, r.reference])).toEqual([
      ['failed', 'att-7'],
      ['failed', 'att-7'],
    ]);
    expect(c.stats()).toMatchObject({ reports: 2, duplicates: 1, webhook: { refused: 1 } });
  });

  it('holds a copy of a final status posted while the first is still being stored until the first is', async () => {
    const stored = deferred();
    let calls = 0;
    const c = await connected({ onReport: () => (calls++, stored.promise) });
    const answers: number[] = [];
    const first = post(c, status('m-1', 'delivered')).then((r) => answers.push(r.status));
    await until(() => calls === 1);
    const copy = post(c, status('m-1', 'delivered')).then((r) => answers.push(r.status));
    await new Promise((r) => setTimeout(r, 50));
    expect(answers).toEqual([]);
    stored.resolve();
    await Promise.all([first, copy]);
    expect(answers).toEqual([200, 200]);
    expect(calls).toBe(1);
  });

  it('answers a POST still waiting when the client closes with 503, instead of holding close() up', async () => {
    let seen = 0;
    const c = await connected({ onReport: () => (seen++, new Promise<void>(() => {})) });
    const pending = post(c, status('never', 'delivered'));
    await until(() => seen === 1);
    await c.close();
    client = undefined;
    expect((await pending).status).toBe(503);
  });

  it('answers 503 for an MO whose promise rejects', async () => {
    const c = await connected({ onMo: () => Promise.reject(new Error('closing')) });
    const mo = { event: 'message', botId: '15880000', messageContact: { userContact: '+821012340001' }, RCSMessage: { msgId: 'u-1', textMessage: '네' } };
    expect((await post(c, mo)).status).toBe(503);
  });

  it('against the simulator: a status not taken is posted again by the MaaP and reported again', async () => {
    const config = parseRcsConfig({
      accounts: [{ clientId: 'msgsim', clientSecret: 'secret', bots: [{ botId: '15880000' }] }],
      status: { sentDelay: 0, notCapableDelay: 0, displayedShare: 0 },
      webhook: { retryDelay: 20, maxRetryDelay: 20 },
      behaviour: { version: 1, latency: 0, reports: { outcomes: { delivered: 1 }, delay: 0 } },
    });
    sim = createRcsSimulator({ config, seed: 'ack-test' });
    const { port } = await sim.listen(0, '127.0.0.1');
    const reports: RcsReport[] = [];
    client = createRcsClient({
      target: `http://127.0.0.1:${port}`,
      clientId: 'msgsim',
      clientSecret: 'secret',
      botId: '15880000',
      onReport: (r) => (reports.push(r), reports.length === 1 ? Promise.reject(new Error('store down')) : Promise.resolve()),
    });
    await client.connect();
    sim.setWebhook('15880000', client.webhookUrl()!);
    const out = await client.submit({ destination: K.ktAndroidRcs, messagebaseId: 'SS000000', content: { kind: 'text', text: '안내' }, reference: 'att-1' });
    expect(out.kind).toBe('accepted');
    await until(() => reports.length === 2);
    expect(reports.map((r) => [r.event, r.reference])).toEqual([
      ['delivered', 'att-1'],
      ['delivered', 'att-1'],
    ]);
    expect(sim.context.stats.snapshot()['webhook:retry:status']).toBe(1);
  });
});

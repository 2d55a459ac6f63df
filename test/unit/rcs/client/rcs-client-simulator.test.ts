// The RCS client against our simulator, both on one manual clock: what the engine relies on, from the
// capability query to the status webhooks, for the network's well-known subscribers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { createRcsClient, type RcsClient, type RcsSubmitOutcome } from '../../../../gateways/rcs/client/rcs-client.ts';
import type { RcsCard, RcsSubmitMessage } from '../../../../gateways/rcs/client/rcs-message.ts';
import type { RcsReport } from '../../../../gateways/rcs/client/rcs-report.ts';
import { parseRcsConfig } from '../../../../gateways/rcs/simulator/rcs-config.ts';
import { createRcsSimulator, type RcsSimulator } from '../../../../gateways/rcs/simulator/rcs-simulator.ts';

const clock = createManualClock(Date.UTC(2026, 10, 20, 1, 0, 0));
let sim: RcsSimulator;
let client: RcsClient;
const reports: RcsReport[] = [];

beforeAll(async () => {
  const config = parseRcsConfig({
    accounts: [{ clientId: 'msgsim', clientSecret: 'secret', bots: [{ botId: '15880000' }] }],
    expiry: { option1: '3d', option2: '3m' },
    status: { sentDelay: 10, notCapableDelay: 200, displayedShare: 1, displayDelay: 5000 },
    behaviour: { version: 1, latency: 1, reports: { outcomes: { delivered: 1 }, delay: 1000 } },
  });
  sim = createRcsSimulator({ config, clock, seed: 'client' });
  const addr = await sim.listen(0, '127.0.0.1');
  client = createRcsClient({ target: `http://127.0.0.1:${addr.port}`, clientId: 'msgsim', clientSecret: 'secret', botId: '15880000', clock });
  client.on('report', (r) => reports.push(r));
  await settle(client.connect());
  sim.setWebhook('15880000', client.webhookUrl()!);
});

afterAll(async () => {
  await client?.close();
  await sim?.close();
});

/** Awaits a promise while moving the shared clock in small steps (the simulator answers after its latency). */
async function settle<T>(p: Promise<T>): Promise<T> {
  let done = false;
  void p.finally(() => (done = true)).catch(() => {});
  for (let i = 0; i < 400 && !done; i++) {
    clock.advance(1);
    await new Promise((r) => setImmediate(r));
  }
  return p;
}

/** Moves the clock `ms` ahead, then waits until the reports for `id` include `event` (webhooks are real HTTP). */
async function reportsFor(id: string, ms: number, until: (rs: RcsReport[]) => boolean): Promise<RcsReport[]> {
  clock.advance(ms);
  const mine = () => reports.filter((r) => r.messageId === id);
  for (let i = 0; i < 400 && !until(mine()); i++) {
    await new Promise((r) => setTimeout(r, 5));
    clock.advance(1);
  }
  return mine();
}

const media = { mediaUrl: 'maapfile://img', mediaContentType: 'image/jpeg', mediaFileSize: 50_000, height: 'MEDIUM_HEIGHT' as const };
const card = (n: number): RcsCard => ({ title: `카드 ${n}`, description: '설명', media, buttons: [{ reply: { displayText: `선택 ${n}`, postback: { data: `c${n}` } } }] });
const text = (destination: string, extra: Partial<RcsSubmitMessage> = {}): RcsSubmitMessage => ({ destination, messagebaseId: 'SS000000', content: { kind: 'text', text: '안녕하세요' }, ...extra });

function accepted(out: RcsSubmitOutcome): string {
  expect(out.kind, JSON.stringify(out)).toBe('accepted');
  return (out as { messageIds: string[] }).messageIds[0];
}

describe('RCS client through the simulator', () => {
  it('capability: a KT Android RCS user can, an iPhone and an SKT user cannot', async () => {
    expect(await settle(client.capability(K.ktAndroidRcs))).toMatchObject({ kind: 'capable' });
    expect(await settle(client.capability(K.ktIos))).toMatchObject({ kind: 'not-capable', code: 41200 });
    expect(await settle(client.capability(K.sktAndroid))).toMatchObject({ kind: 'not-capable', code: 41200 });
  });

  it('a message to a KT Android user is delivered, then displayed', async () => {
    const id = accepted(await settle(client.submit(text(K.ktAndroidRcs, { reference: 'welcome' }))));
    const rs = await reportsFor(id, 7000, (r) => r.some((x) => x.event === 'displayed'));
    expect(rs.map((r) => [r.event, r.final, r.outcome, r.reference])).toEqual([
      ['delivered', true, 'delivered', 'welcome'],
      ['displayed', false, 'delivered', 'welcome'],
    ]);
  });

  it('a carousel with buttons, chips, an ad header and expiryOption is accepted and delivered', async () => {
    const out = await settle(
      client.submit({
        destination: K.ktAndroidRcs,
        messagebaseId: 'CMwMhM0300',
        content: { kind: 'carousel', cards: [card(1), card(2), card(3)] },
        chips: [{ action: { displayText: '전화', dialerAction: { dialPhoneNumber: { phoneNumber: '15880000' } } } }],
        header: 'ad',
        footer: '080-123-4567',
        expiryOption: 2,
      }),
    );
    const id = accepted(out);
    expect((await reportsFor(id, 2000, (r) => r.length > 0))[0]).toMatchObject({ event: 'delivered' });
  });

  it('a send to an iPhone or an SKT user fails by webhook with 54002 / 54001', async () => {
    const ios = accepted(await settle(client.submit(text(K.ktIos))));
    const skt = accepted(await settle(client.submit(text(K.sktAndroid))));
    const [a] = await reportsFor(ios, 300, (r) => r.length > 0);
    const [b] = await reportsFor(skt, 300, (r) => r.length > 0);
    expect(a).toMatchObject({ event: 'not-capable', outcome: 'undeliverable', final: true, code: 54002 });
    expect(b).toMatchObject({ event: 'not-capable', outcome: 'undeliverable', final: true, code: 54001 });
  });

  it('an 8-card carousel is refused with a content rejection', async () => {
    const out = await settle(client.submit({ destination: K.ktAndroidRcs, messagebaseId: 'CMwMhM0600', content: { kind: 'carousel', cards: [1, 2, 3, 4, 5, 6, 7, 8].map(card) } }));
    expect(out).toMatchObject({ kind: 'rejected', reason: 'content-refused', transient: false, code: 55711, httpStatus: 400 });
  });

  it('a body that writes "(광고)" itself and an ad without footer are refused', async () => {
    expect(await settle(client.submit(text(K.ktAndroidRcs, { content: { kind: 'text', text: '(광고) 할인' } })))).toMatchObject({ reason: 'content-refused', code: 55701 });
    expect(await settle(client.submit(text(K.ktAndroidRcs, { header: 'ad' })))).toMatchObject({ reason: 'content-refused', code: 55705 });
  });

  it('a message to a switched-off handset expires after its expiryOption window with a failed event', async () => {
    const id = accepted(await settle(client.submit(text(K.ktOff, { expiryOption: 2 }))));
    const rs = await reportsFor(id, 180_000, (r) => r.length > 0);
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatchObject({ event: 'expired', outcome: 'expired', final: true, code: 56007 });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryReportReq, Mm7Response as SubmitRsp, ReadReplyReq } from '../../../../gateways/gmmsc/codec/mm7-message.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { startHarness, statusOf, submitReq, type Harness } from './gmmsc-sim-harness.ts';

let h: Harness;
afterEach(async () => h?.close());

const reports = () => h.callback.received.map((d) => d.envelope.message).filter((m): m is DeliveryReportReq => m.kind === 'DeliveryReportReq');

async function submit(to: string[], fields: Parameters<typeof submitReq>[0] = {}): Promise<string> {
  const res = await h.post(submitReq(fields, to));
  expect(statusOf(res.envelope)).toBe(1000);
  return (res.envelope.message as SubmitRsp).messageId as string;
}

describe('GMMSC delivery reports', () => {
  it('POSTs a DeliveryReportReq (Retrieved) to the VASP callback after the planned delay, in the submit namespace', async () => {
    h = await startHarness();
    const id = await submit([K.ktIos]);
    await h.advance(999);
    expect(reports()).toHaveLength(0);
    await h.advance(1, () => reports().length === 1);
    const [r] = reports();
    expect(r).toMatchObject({ messageId: id, mmStatus: 'Retrieved', recipient: { kind: 'Number', value: K.ktIos }, sender: { value: '15880000' }, relayServerId: 'KT-GMMSC' });
    expect(h.callback.received[0].envelope.namespace).toContain('REL-6-MM7-1-4');
    expect(h.callback.received[0].envelope.transactionId).toMatch(/^gmmsc-\d+$/);
  });

  it('retries a failing VASP with backoff and delivers the report on the third attempt', async () => {
    h = await startHarness();
    h.callback.failNext(2);
    await submit([K.ktIos]);
    // A retry is armed once the failed POST has come back to the relay.
    const armed = (n: number) => () => h.callback.attempts() === n && h.clock.pending() > 0;
    await h.advance(1000, armed(1));
    expect(reports()).toHaveLength(0);
    await h.advance(1999);
    expect(h.callback.attempts()).toBe(1);
    await h.advance(1, armed(2)); // first retry after retryDelay 2s
    await h.advance(3999);
    expect(h.callback.attempts()).toBe(2);
    await h.advance(1, () => reports().length === 1); // second retry after 2s x 2
    expect(h.callback.attempts()).toBe(3);
    expect(h.sim.context.stats.snapshot()['callback:retry:DeliveryReportReq']).toBe(2);
  });

  it('gives up after maxAttempts and counts the report as dropped', async () => {
    h = await startHarness();
    h.callback.failNext(100);
    await submit([K.ktIos]);
    const dropped = () => h.sim.context.stats.snapshot()['callback:dropped:DeliveryReportReq'] === 1;
    await h.advance(1000, () => h.clock.pending() > 0);
    for (const wait of [2000, 4000]) await h.advance(wait, () => h.clock.pending() > 0 && h.sim.context.sender.pending() === 1 && h.callback.attempts() > 1);
    await h.advance(8000, dropped);
    expect(dropped()).toBe(true);
    expect(h.callback.attempts()).toBe(4);
    await h.advance(600_000);
    expect(h.callback.attempts()).toBe(4);
    expect(h.sim.context.sender.pending()).toBe(0);
  });

  it('lets a message to a switched-off handset expire at its ExpiryDate (MMStatus Expired)', async () => {
    h = await startHarness();
    await submit([K.ktOff], { expiryDate: 'PT2H' });
    await h.advance(2 * 3_600_000 - 1);
    expect(reports()).toHaveLength(0);
    await h.advance(1, () => reports().length === 1);
    expect(reports()[0].mmStatus).toBe('Expired');
  });

  it('reports Indeterminate for a number not in service and Rejected for a handset without MMS', async () => {
    h = await startHarness({ recipients: { notCapableDelay: '3s' }, behaviour: { version: 1, latency: 0, reports: { outcomes: { delivered: 1 }, delay: { default: 1000, undeliverable: 500 } } } });
    await submit([K.invalid, K.ktFeatureNoMms]);
    await h.advance(500, () => reports().length === 1);
    expect(reports()[0]).toMatchObject({ mmStatus: 'Indeterminate', recipient: { value: K.invalid } });
    await h.advance(2500, () => reports().length === 2);
    expect(reports()[1]).toMatchObject({ mmStatus: 'Rejected', recipient: { value: K.ktFeatureNoMms } });
  });

  it('sends no report when the SubmitReq did not ask for one', async () => {
    h = await startHarness();
    await submit([K.ktIos], { deliveryReport: false });
    await h.advance(5000);
    expect(h.callback.attempts()).toBe(0);
    expect(h.sim.context.store.pending()).toBe(0);
  });

  it('sends a ReadReplyReq after retrieval when the sender asked for a read reply', async () => {
    h = await startHarness({ readReply: { delay: '10s', readShare: 1 } });
    const id = await submit([K.ktIos], { readReply: true });
    await h.advance(1000, () => reports().length === 1);
    await h.advance(10_000, () => h.callback.received.length === 2);
    const rr = h.callback.received[1].envelope.message as ReadReplyReq;
    expect(rr).toMatchObject({ kind: 'ReadReplyReq', messageId: id, mmStatus: 'Read' });
  });
});

describe('GMMSC CancelReq and ReplaceReq', () => {
  it('cancels a pending message: CancelRsp 1000, no report, then 3001 for a second cancel and 2005 for an unknown id', async () => {
    h = await startHarness();
    const id = await submit([K.ktIos]);
    const cancel = await h.post({ kind: 'CancelReq', mm7Version: '6.8.0', vaspId: 'vasp1', messageId: id });
    expect(cancel.envelope.message).toMatchObject({ kind: 'CancelRsp', status: { code: 1000 } });
    await h.advance(5000);
    expect(h.callback.attempts()).toBe(0);
    expect(statusOf((await h.post({ kind: 'CancelReq', mm7Version: '6.8.0', messageId: id })).envelope)).toBe(3001);
    expect(statusOf((await h.post({ kind: 'CancelReq', mm7Version: '6.8.0', messageId: 'MSGSIM0' })).envelope)).toBe(2005);
  });

  it("answers 2005 for another VASP's message", async () => {
    h = await startHarness();
    const id = await submit([K.ktIos]);
    const res = await h.post({ kind: 'ReplaceReq', mm7Version: '6.8.0', messageId: id }, { auth: 'Basic ' + Buffer.from('vasp2:pw2').toString('base64') });
    expect(statusOf(res.envelope)).toBe(2005);
    expect(statusOf((await h.post({ kind: 'ReplaceReq', mm7Version: '6.8.0', messageId: id })).envelope)).toBe(1000);
  });
});

describe('GMMSC MO', () => {
  it('injects a DeliverReq with its content through the admin API, routed by service number', async () => {
    h = await startHarness();
    const res = await h.sim.admin.inject({ method: 'POST', url: '/admin/mo', payload: { source: K.ktIos, destination: '15880000', subject: '문의', text: '가격이 궁금합니다' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ vaspId: 'vasp1' });
    await h.advance(0, () => h.callback.received.length === 1);
    const d = h.callback.received[0];
    expect(d.envelope.message).toMatchObject({ kind: 'DeliverReq', sender: { value: K.ktIos }, subject: '문의', recipients: { to: [{ kind: 'ShortCode', value: '15880000' }] } });
    expect(d.content?.parts?.[0].body.toString('utf8')).toBe('가격이 궁금합니다');
  });

  it('refuses an MO for a number no VASP owns with HTTP 400', async () => {
    h = await startHarness();
    const res = await h.sim.admin.inject({ method: 'POST', url: '/admin/mo', payload: { source: K.ktIos, destination: '19990000', text: 'x' } });
    expect(res.statusCode).toBe(400);
  });
});

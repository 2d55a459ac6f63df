import { describe, expect, it } from 'vitest';
import { createHarness, settle, TENANT_WEBHOOK } from './engine-harness.ts';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]).toString('base64');

describe('engine happy path per content kind', () => {
  it('sends a short text to an own-network subscriber over SMSVAS and reports it delivered', async () => {
    const h = await createHarness();
    const [id] = await h.submit({ text: '안녕하세요', clientRef: 'order-1' });
    const smsvas = h.ch('smsvas');
    expect(smsvas.sent).toHaveLength(1);
    expect(smsvas.sent[0]).toMatchObject({ to: '01012340001', from: '15880000', content: { kind: 'sms', text: '안녕하세요' }, ad: false });
    expect((await h.rec(id)).state).toBe('submitted');

    smsvas.report(smsvas.accepted[0], 'delivered');
    await settle();
    const r = await h.rec(id);
    expect(r.state).toBe('delivered');
    expect(r.carrier).toBe('KT');
    expect(r.attempts).toMatchObject([{ seq: 1, leg: 0, gateway: 'smsvas', contentKind: 'sms', outcome: 'delivered', gatewayIds: [smsvas.accepted[0]] }]);
    expect(h.webhooks.posts).toEqual([
      {
        url: TENANT_WEBHOOK,
        body: { id, clientRef: 'order-1', state: 'delivered', reason: null, contentKind: 'sms', gateway: 'smsvas', fallbacks: [], attempts: 1, at: expect.any(String) },
      },
    ]);
    expect((await h.store.get(id))?.notified).toBe(true);
    expect(h.events.map((e) => e.type)).toEqual(['accepted', 'routed', 'submitted', 'report', 'final', 'webhook']);
  });

  it('sends a long text as LMS through GMMSC', async () => {
    const h = await createHarness();
    const [id] = await h.submit({ text: '가'.repeat(100), subject: '공지' });
    expect(h.ch('gmmsc').sent[0].content).toMatchObject({ kind: 'lms', subject: '공지' });
    h.ch('gmmsc').report(h.ch('gmmsc').accepted[0], 'delivered');
    await settle();
    expect((await h.rec(id)).state).toBe('delivered');
  });

  it('sends media as MMS through GMMSC', async () => {
    const h = await createHarness();
    const [id] = await h.submit({ text: 'photo', media: [{ contentType: 'image/jpeg', name: 'a.jpg', data: JPEG }] });
    expect(h.ch('gmmsc').sent[0].content.kind).toBe('mms');
    h.ch('gmmsc').report(h.ch('gmmsc').accepted[0], 'delivered');
    await settle();
    expect((await h.rec(id)).state).toBe('delivered');
  });

  it('asks RCS capability and sends RCS content to a capable own-network subscriber', async () => {
    const h = await createHarness();
    const [id] = await h.submit({ text: undefined, rcs: { messagebaseId: 'SS000000', text: '예약 확인' } });
    const rcs = h.ch('rcs');
    expect(rcs.sent[0].content).toEqual({ kind: 'rcs', rcs: { messagebaseId: 'SS000000', text: '예약 확인' } });
    rcs.report(rcs.accepted[0], 'delivered');
    await settle();
    expect((await h.rec(id)).state).toBe('delivered');
  });

  it('sends to another carrier\'s subscriber through Xroshot', async () => {
    const h = await createHarness();
    h.lookup.carriers.set('01012340004', 'SKT');
    const [id] = await h.submit({ to: '010-1234-0004' });
    expect(h.ch('smsvas').sent).toHaveLength(0);
    expect(h.ch('xroshot').sent[0]).toMatchObject({ to: '01012340004', content: { kind: 'sms' } });
    h.ch('xroshot').report(h.ch('xroshot').accepted[0], 'delivered');
    await settle();
    expect(await h.rec(id)).toMatchObject({ state: 'delivered', carrier: 'SKT' });
  });

  it('counts a report that arrives before the send\'s answer', async () => {
    const h = await createHarness();
    const smsvas = h.ch('smsvas');
    smsvas.answer = () => {
      smsvas.report('early-1', 'delivered');
      return { kind: 'accepted', gatewayIds: ['early-1'] };
    };
    const [id] = await h.submit({});
    expect(await h.rec(id)).toMatchObject({ state: 'delivered', attempts: [{ outcome: 'delivered', gatewayIds: ['early-1'] }] });
    expect(h.engine.snapshot().awaitingReport).toBe(0);
  });

  it('looks up every recipient of a batch in one carrier lookup', async () => {
    const h = await createHarness();
    const ids = await h.submit(...Array.from({ length: 50 }, (_, i) => ({ to: `0101234${String(1000 + i)}` })));
    expect(new Set(ids).size).toBe(50);
    expect(h.lookup.calls).toHaveLength(1);
    expect(h.lookup.calls[0]).toHaveLength(50);
    expect(h.ch('smsvas').sent).toHaveLength(50);
    expect([...ids].sort()).toEqual(ids);
  });

  it('posts an MO to the tenant that owns the service number', async () => {
    const h = await createHarness();
    h.ch('smsvas').mo('01012340001', '1588-0000', '수신거부');
    await settle();
    expect(h.webhooks.posts).toEqual([{ url: 'http://127.0.0.1:9/mo', body: { tenant: 'acme', gateway: 'smsvas', from: '01012340001', to: '1588-0000', text: '수신거부', at: expect.any(String) } }]);
    expect(h.engine.snapshot().mo).toBe(1);
  });

  it('exposes its counters as Prometheus metrics', async () => {
    const h = await createHarness();
    const [id] = await h.submit({});
    h.ch('smsvas').report(h.ch('smsvas').accepted[0], 'delivered');
    await settle();
    expect((await h.rec(id)).state).toBe('delivered');
    const text = await h.engine.metrics.metrics();
    expect(text).toMatch(/msgsim_engine_messages_accepted_total\{kind="sms",priority="realtime"\} 1/);
    expect(text).toMatch(/msgsim_engine_messages_final_total\{state="delivered",gateway="smsvas"\} 1/);
    expect(text).toMatch(/msgsim_engine_circuit_state\{gateway="smsvas"\} 0/);
  });
});

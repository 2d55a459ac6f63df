import { describe, expect, it } from 'vitest';
import { createHarness, settle } from './engine-harness.ts';

const RCS = { text: undefined, rcs: { messagebaseId: 'SL000000', text: '배송 출발 안내: 주문 1234 오늘 도착' } };

describe('engine fallback along the default route plans', () => {
  it('sends the replacement MMS through GMMSC when the recipient cannot take RCS', async () => {
    const h = await createHarness();
    h.ch('rcs').capabilities.set('01012340002', 'not-capable');
    const [id] = await h.submit({ ...RCS, to: '01012340002' });
    expect(h.ch('rcs').sent).toHaveLength(0);
    const gmmsc = h.ch('gmmsc');
    expect(gmmsc.sent).toHaveLength(1);
    expect(gmmsc.sent[0].content.kind).toMatch(/^(mms|lms)$/);
    expect((gmmsc.sent[0].content as { text?: string }).text).toContain('배송 출발');
    gmmsc.report(gmmsc.accepted[0], 'delivered');
    await settle();
    const r = await h.rec(id);
    expect(r).toMatchObject({ state: 'delivered', leg: 1, fallbacks: [{ from: 'rcs', to: 'gmmsc', trigger: 'not-capable' }] });
    expect(h.webhooks.posts[0].body).toMatchObject({ state: 'delivered', gateway: 'gmmsc', fallbacks: [{ from: 'rcs', to: 'gmmsc', trigger: 'not-capable' }] });
  });

  it('falls back to MMS when RCS reports not-capable after accepting', async () => {
    const h = await createHarness();
    const [id] = await h.submit(RCS);
    h.ch('rcs').report(h.ch('rcs').accepted[0], 'not-capable');
    await settle();
    expect(h.ch('gmmsc').sent).toHaveLength(1);
    expect((await h.rec(id)).fallbacks).toEqual([{ from: 'rcs', to: 'gmmsc', trigger: 'not-capable' }]);
  });

  it('falls back to MMS when the RCS report says the message failed', async () => {
    const h = await createHarness();
    const [id] = await h.submit(RCS);
    h.ch('rcs').report(h.ch('rcs').accepted[0], 'undeliverable');
    await settle();
    const gmmsc = h.ch('gmmsc');
    gmmsc.report(gmmsc.accepted[0], 'delivered');
    await settle();
    const r = await h.rec(id);
    expect(r.state).toBe('delivered');
    expect(r.fallbacks).toEqual([{ from: 'rcs', to: 'gmmsc', trigger: 'failed' }]);
    expect(r.attempts.map((a) => [a.gateway, a.outcome])).toEqual([
      ['rcs', 'failed'],
      ['gmmsc', 'delivered'],
    ]);
  });

  it('falls back to MMS when no RCS report comes within the leg\'s report timeout', async () => {
    const h = await createHarness();
    const [id] = await h.submit(RCS);
    await h.advance(59_000);
    expect(h.ch('gmmsc').sent).toHaveLength(0);
    await h.advance(2_000);
    expect(h.ch('gmmsc').sent).toHaveLength(1);
    const r = await h.rec(id);
    expect(r.fallbacks).toEqual([{ from: 'rcs', to: 'gmmsc', trigger: 'no-report' }]);
    expect(r.attempts[0].outcome).toBe('no-report');

    // The RCS report arriving now is history only: the message stays on the MMS leg.
    h.ch('rcs').report(h.ch('rcs').accepted[0], 'delivered');
    await settle();
    const after = await h.rec(id);
    expect(after.state).toBe('submitted');
    expect(after.attempts.map((a) => a.outcome)).toEqual(['delivered', 'submitted']);
    expect(h.events.filter((e) => e.type === 'report').at(-1)).toMatchObject({ late: true });
  });

  it('expires a message whose last leg gets no final report in time', async () => {
    const h = await createHarness({ config: { gateways: { smsvas: { policy: { reportTimeout: '10m' } } } } });
    const [id] = await h.submit({});
    await h.advance(10 * 60_000 + 1000, 60_000);
    expect(await h.rec(id)).toMatchObject({ state: 'expired', reason: 'no-report' });
  });

  it('sends through the alternate route once the primary gateway\'s circuit is open', async () => {
    const h = await createHarness({ config: { gateways: { smsvas: { policy: { retry: { attempts: 1 }, circuitBreaker: { failures: 2, openFor: '30s' } } } } } });
    h.ch('smsvas').answer = () => ({ kind: 'timeout' });
    const first = await h.submit({ to: '01012340001' }, { to: '01012340002' });
    for (const id of first) expect((await h.rec(id)).fallbacks).toEqual([{ from: 'smsvas', to: 'xroshot', trigger: 'unavailable' }]);
    expect(h.engine.snapshot().circuits.smsvas).toBe('open');

    const [id] = await h.submit({ to: '01012340010' });
    expect(h.ch('smsvas').sent).toHaveLength(2);
    const r = await h.rec(id);
    expect(r.fallbacks).toEqual([{ from: 'smsvas', to: 'xroshot', trigger: 'circuit-open' }]);
    expect(r.attempts).toMatchObject([{ gateway: 'xroshot', outcome: 'submitted' }]);
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'circuit', gateway: 'smsvas', state: 'open' }));
  });

  it('sends on the alternate route when the primary gateway is not connected', async () => {
    const h = await createHarness({ gateways: ['gmmsc', 'rcs', 'xroshot'] });
    const [id] = await h.submit({});
    expect(h.ch('xroshot').sent).toHaveLength(1);
    expect((await h.rec(id)).fallbacks).toEqual([{ from: 'smsvas', to: 'xroshot', trigger: 'unavailable' }]);
  });

  it('fails a number that is not in service without trying any gateway', async () => {
    const h = await createHarness();
    h.lookup.carriers.set('01012340007', null);
    const [id] = await h.submit({ to: '01012340007' });
    for (const c of h.channels.values()) expect(c.sent).toHaveLength(0);
    expect(await h.rec(id)).toMatchObject({ state: 'failed', reason: 'no-subscriber', attempts: [], fallbacks: [] });
    expect(h.webhooks.posts[0].body).toMatchObject({ id, state: 'failed', reason: 'no-subscriber', gateway: null });
  });

  it('fails a message the gateway rejects for good where the leg has no fallback for it', async () => {
    const h = await createHarness();
    h.ch('smsvas').answer = () => ({ kind: 'rejected', reason: 'invalid-destination', transient: false, code: '0x0000000B' });
    const [id] = await h.submit({});
    expect(await h.rec(id)).toMatchObject({ state: 'failed', reason: 'invalid-destination', fallbacks: [] });
    expect(h.ch('xroshot').sent).toHaveLength(0);
  });

  it('retries a throttled send after backing off and then delivers it', async () => {
    const h = await createHarness();
    const smsvas = h.ch('smsvas');
    smsvas.answer = (_m, n) => (n === 1 ? { kind: 'rejected', reason: 'throttled', transient: true, code: '0x00000058' } : { kind: 'accepted', gatewayIds: ['m-2'] });
    const [id] = await h.submit({});
    expect(smsvas.sent).toHaveLength(1);
    expect((await h.rec(id)).state).toBe('routed');
    await h.advance(1000);
    expect(smsvas.sent).toHaveLength(2);
    smsvas.report('m-2', 'delivered');
    await settle();
    const r = await h.rec(id);
    expect(r.state).toBe('delivered');
    expect(r.fallbacks).toEqual([]);
    expect(r.attempts.map((a) => [a.seq, a.outcome, a.code ?? null])).toEqual([
      [1, 'rejected', 'throttled'],
      [2, 'delivered', 'delivered'],
    ]);
  });

  it('fails with the last reason when throttling outlasts the retries and the leg has no fallback for it', async () => {
    const h = await createHarness({ config: { gateways: { xroshot: { policy: { retry: { attempts: 2 } } } } } });
    h.lookup.carriers.set('01012340004', 'SKT');
    h.ch('xroshot').answer = () => ({ kind: 'rejected', reason: 'throttled', transient: true, code: '9' });
    const [id] = await h.submit({ to: '01012340004' });
    await h.advance(2000, 500);
    expect(await h.rec(id)).toMatchObject({ state: 'failed', reason: 'throttled' });
    expect((await h.rec(id)).attempts).toHaveLength(2);
  });
});

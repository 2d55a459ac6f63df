import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createHarness, MORNING_KST, settle } from './engine-harness.ts';

const HOUR = 3_600_000;

describe('engine resume after a crash', () => {
  it('resends what was in flight, completes what was submitted, and keeps scheduled and unacknowledged work', async () => {
    const a = await createHarness();
    // The crash happens while the first message's send is on its way: its pending attempt is stored.
    a.ch('smsvas').answer = (msg, n) => (n === 1 ? new Promise(() => {}) : { kind: 'accepted', gatewayIds: [`a-${msg.ref}`] });
    const [inFlight] = await a.submit({ to: '01012340001', clientRef: 'in-flight' });
    const [submitted] = await a.submit({ to: '01012340002', clientRef: 'submitted' });
    const [scheduled] = await a.submit({ to: '01012340003', priority: 'scheduled', sendAt: MORNING_KST + HOUR });
    a.webhooks.statuses.push(500, 500, 500);
    const [unacked] = await a.submit({ to: '01012340010' });
    a.ch('smsvas').report(`a-${unacked}.0`, 'delivered');
    await settle();
    expect((await a.store.get(inFlight))?.attempts).toMatchObject([{ outcome: 'pending' }]);
    expect((await a.store.get(submitted))?.state).toBe('submitted');
    expect(await a.store.get(unacked)).toMatchObject({ state: 'delivered', notified: false });

    // A second engine on the same store, as after kill -9 (the first one is simply abandoned).
    const b = await createHarness({ store: a.store, clock: createManualClock(MORNING_KST + 10_000), seed: 'after-restart' });
    const smsvas = b.ch('smsvas');
    expect(smsvas.sent.map((m) => m.ref)).toEqual([`${inFlight}.0`]);
    expect(b.engine.snapshot()).toMatchObject({ resubmittedAfterRestart: 1, resumed: { resent: 1, awaitingReport: 1, leftToScheduler: 1, renotified: 1 } });
    expect(await b.engine.metrics.metrics()).toMatch(/msgsim_engine_resubmitted_after_restart_total 1/);
    const resent = await b.rec(inFlight);
    expect(resent.attempts.map((x) => [x.outcome, x.code ?? null])).toEqual([
      ['unavailable', 'engine-restart'],
      ['submitted', null],
    ]);

    smsvas.report(`a-${submitted}.0`, 'delivered');
    smsvas.report(smsvas.accepted[0], 'delivered');
    await settle();
    expect((await b.rec(submitted)).state).toBe('delivered');
    expect((await b.rec(inFlight)).state).toBe('delivered');
    expect(b.webhooks.posts.map((p) => p.body.id)).toEqual([unacked, submitted, inFlight]);
    expect((await b.store.get(unacked))?.notified).toBe(true);

    await b.advance(HOUR, 600_000);
    await b.advance(2_000, 1000);
    expect(smsvas.sent.map((m) => m.to)).toContain('01012340003');
    expect((await b.rec(scheduled)).state).toBe('submitted');
  });

  it('holds reports that come before resume has rebuilt the correlation', async () => {
    const a = await createHarness();
    const [id] = await a.submit({});
    const gatewayId = a.ch('smsvas').accepted[0];
    const b = await createHarness({ store: a.store, clock: createManualClock(MORNING_KST + 1000), start: false });
    b.ch('smsvas').report(gatewayId, 'delivered');
    await settle();
    await b.engine.start();
    await settle();
    expect((await b.rec(id)).state).toBe('delivered');
  });

  it('records a report for a message no longer in memory through the store, changing nothing else', async () => {
    const h = await createHarness();
    const [id] = await h.submit({ text: undefined, rcs: { messagebaseId: 'SS000000', text: '안내' } });
    await h.advance(61_000, 1000);
    h.ch('gmmsc').report(h.ch('gmmsc').accepted[0], 'delivered');
    await settle();
    expect((await h.store.get(id))?.state).toBe('delivered');
    expect(h.engine.snapshot().inMemory).toBe(0);

    h.ch('rcs').report(h.ch('rcs').accepted[0], 'undeliverable');
    await settle();
    const r = await h.store.get(id);
    expect(r?.state).toBe('delivered');
    expect(r?.attempts.map((x) => x.outcome)).toEqual(['failed', 'delivered']);
  });

  it('stops gracefully: sends in flight answer, the rest stays routed for the next start', async () => {
    const h = await createHarness();
    const [id] = await h.submit({});
    await h.engine.stop();
    const r = await h.store.get(id);
    expect(r?.state).toBe('submitted');
    expect(h.engine.snapshot().writesQueued).toBe(0);
  });
});

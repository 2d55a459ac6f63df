// When the engine lets a channel acknowledge a report or an MO to its gateway: a report only once the
// change it caused is committed (one shared promise per commit), at once when it changes nothing, and
// never when the commit failed; an MO once the tenant's webhook took it or it waits for a retry.
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createGatedStore, createHarness, MORNING_KST, settle } from './engine-harness.ts';

/** Tracks whether a promise has settled, and how. */
function watch(p: PromiseLike<void> | undefined) {
  const w = { state: 'pending' as 'pending' | 'resolved' | 'rejected' };
  expect(p).toBeDefined();
  p?.then(
    () => (w.state = 'resolved'),
    () => (w.state = 'rejected'),
  );
  return w;
}

describe('report acknowledgement after commit', () => {
  it('answers a delivery receipt only once the delivered state is committed', async () => {
    const gated = createGatedStore();
    const h = await createHarness({ store: gated.store, gateways: ['smsvas'] });
    const [id] = await h.submit({});
    gated.hold();
    const ack = watch(h.ch('smsvas').report(h.ch('smsvas').accepted[0], 'delivered'));
    await settle();
    expect(ack.state).toBe('pending');
    expect((await h.store.get(id))?.state).toBe('submitted');
    gated.open();
    await settle();
    expect(ack.state).toBe('resolved');
    expect((await h.store.get(id))?.state).toBe('delivered');
  });

  it('answers the receipts that one commit records with one shared promise', async () => {
    const h = await createHarness({ gateways: ['smsvas'] });
    await h.submit({ to: '01012340001' }, { to: '01012340002' }, { to: '01012340003' });
    const smsvas = h.ch('smsvas');
    const acks = smsvas.accepted.map((gid) => smsvas.report(gid, 'delivered'));
    expect(acks[0]).toBeDefined();
    expect(acks[1]).toBe(acks[0]);
    expect(acks[2]).toBe(acks[0]);
    await acks[0];
  });

  it('rejects when the commit fails, so the gateway keeps the receipt and sends it again', async () => {
    const gated = createGatedStore();
    const h = await createHarness({ store: gated.store, gateways: ['smsvas'] });
    await h.submit({});
    gated.fail(true);
    const ack = watch(h.ch('smsvas').report(h.ch('smsvas').accepted[0], 'delivered'));
    await settle();
    expect(ack.state).toBe('rejected');
  });

  it('answers at once for reports that change nothing: intermediate, for an ended attempt, unknown to the store', async () => {
    const gated = createGatedStore();
    const h = await createHarness({ store: gated.store, gateways: ['smsvas'] });
    await h.submit({});
    const gid = h.ch('smsvas').accepted[0];
    await h.ch('smsvas').report(gid, 'delivered');
    gated.hold();
    const intermediate = watch(h.ch('smsvas').report(gid, 'delivered', false));
    const repeated = watch(h.ch('smsvas').report(gid, 'delivered'));
    const unknown = watch(h.ch('smsvas').report('never-sent', 'delivered'));
    await settle();
    expect([intermediate.state, repeated.state, unknown.state]).toEqual(['resolved', 'resolved', 'resolved']);
    gated.open();
  });

  it('answers a receipt that came before its submit answer once the message took it and that is committed', async () => {
    const h = await createHarness({ gateways: ['smsvas'] });
    const smsvas = h.ch('smsvas');
    let answer!: () => void;
    smsvas.answer = () => new Promise((resolve) => (answer = () => resolve({ kind: 'accepted', gatewayIds: ['early-1'] })));
    const [id] = await h.submit({});
    // The client already read the submit answer (the report names the send) before the engine did.
    const ack = watch(smsvas.report('early-1', 'delivered', true, smsvas.sent[0].ref));
    await settle();
    expect(ack.state).toBe('pending');
    answer();
    await settle();
    expect(ack.state).toBe('resolved');
    expect((await h.store.get(id))?.state).toBe('delivered');
  });

  it('answers receipts held while resume rebuilds the correlation once they were applied and committed', async () => {
    const a = await createHarness({ gateways: ['smsvas'] });
    const [id] = await a.submit({});
    const gid = a.ch('smsvas').accepted[0];
    const b = await createHarness({ store: a.store, clock: createManualClock(MORNING_KST + 1000), gateways: ['smsvas'], start: false });
    const ack = watch(b.ch('smsvas').report(gid, 'delivered'));
    await settle();
    expect(ack.state).toBe('pending');
    await b.engine.start();
    await settle();
    expect(ack.state).toBe('resolved');
    expect((await a.store.get(id))?.state).toBe('delivered');
  });

  it('answers a late report for a message that left memory once the store has it recorded', async () => {
    const gated = createGatedStore();
    const h = await createHarness({ store: gated.store });
    const [id] = await h.submit({ text: undefined, rcs: { messagebaseId: 'SS000000', text: '안내' } });
    // No RCS report in time: the message goes on as MMS, is delivered and leaves memory.
    await h.advance(61_000, 1000);
    await h.ch('gmmsc').report(h.ch('gmmsc').accepted[0], 'delivered');
    gated.hold();
    const ack = watch(h.ch('rcs').report(h.ch('rcs').accepted[0], 'undeliverable'));
    await settle();
    expect(ack.state).toBe('pending');
    gated.open();
    await settle();
    expect(ack.state).toBe('resolved');
    expect((await h.store.get(id))?.attempts.map((x) => x.outcome)).toEqual(['failed', 'delivered']);
  });
});

describe('MO acknowledgement', () => {
  it('answers once the tenant webhook took the MO', async () => {
    let answer!: (status: number) => void;
    const h = await createHarness({ gateways: ['smsvas'], engine: { webhookTransport: () => new Promise((resolve) => (answer = resolve)) } });
    const ack = watch(h.ch('smsvas').mo('01012340001', '15880000', '네'));
    await settle();
    expect(ack.state).toBe('pending');
    answer(200);
    await settle();
    expect(ack.state).toBe('resolved');
  });

  it('answers once a failed first POST waits for its retry (MO forwarding is held in memory only)', async () => {
    const h = await createHarness({ gateways: ['smsvas'] });
    h.webhooks.statuses.push(503);
    const ack = watch(h.ch('smsvas').mo('01012340001', '15880000', '네'));
    await settle();
    expect(ack.state).toBe('resolved');
    expect(h.engine.snapshot().webhooksPending).toBe(1);
  });

  it('rejects an MO the engine can no longer forward because it is stopping', async () => {
    const h = await createHarness({ gateways: ['smsvas'] });
    await h.engine.stop();
    const ack = watch(h.ch('smsvas').mo('01012340001', '15880000', '네'));
    await settle();
    expect(ack.state).toBe('rejected');
  });
});

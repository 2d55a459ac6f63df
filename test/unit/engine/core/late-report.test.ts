// A gateway's report that comes just after the engine gave up waiting for it: the message is already
// final in memory (expired for want of a report) while its final write is still committing. The
// report is recorded on the attempt of that final record; it must never bring back the older stored
// state (the message 'submitted' again in the store after the engine announced it expired).
import { describe, expect, it } from 'vitest';
import { createGatedStore, createHarness, settle } from './engine-harness.ts';

const CONFIG = { gateways: { smsvas: { policy: { reportTimeout: '10m' } } } };

async function expiredWhileCommitting() {
  const gated = createGatedStore();
  const h = await createHarness({ store: gated.store, gateways: ['smsvas'], config: CONFIG });
  const [id] = await h.submit({});
  gated.hold();
  await h.advance(10 * 60_000 + 1000, 60_000);
  // Final in memory, not committed: the store still shows the submitted attempt.
  expect((await h.store.get(id))?.state).toBe('submitted');
  expect(h.events.some((e) => e.type === 'final' && e.id === id && e.state === 'expired')).toBe(true);
  return { h, gated, id, gatewayId: h.ch('smsvas').accepted[0] };
}

describe('a report for a message whose final write is still committing', () => {
  it('is recorded on the final record when the report names its message (ref)', async () => {
    const { h, gated, id, gatewayId } = await expiredWhileCommitting();
    const ack = h.ch('smsvas').report(gatewayId, 'expired');
    await settle();
    gated.open();
    await ack;
    await settle();
    const r = await h.store.get(id);
    expect(r).toMatchObject({ state: 'expired', reason: 'no-report' });
    expect(r?.attempts.map((a) => a.outcome)).toEqual(['expired']);
    expect(h.events.filter((e) => e.type === 'report').at(-1)).toMatchObject({ id, late: true, outcome: 'expired' });
  });

  it('is recorded on the final record when only the gateway id is known (store lookup)', async () => {
    const { h, gated, id, gatewayId } = await expiredWhileCommitting();
    // No ref: the engine finds the message through the store's gateway-id index.
    const ack = h.ch('smsvas').report(gatewayId, 'delivered', true, '');
    await settle();
    gated.open();
    await ack;
    await settle();
    const r = await h.store.get(id);
    expect(r?.state).toBe('expired');
    expect(r?.attempts.map((a) => a.outcome)).toEqual(['delivered']);
  });

  it('reads the final state back through the API while it commits', async () => {
    const { h, gated, id } = await expiredWhileCommitting();
    expect((await h.rec(id)).state).toBe('expired');
    gated.open();
    await settle();
    expect((await h.rec(id)).state).toBe('expired');
  });
});

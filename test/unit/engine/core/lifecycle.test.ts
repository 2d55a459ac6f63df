import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createHarness, settle } from './engine-harness.ts';

const HOUR = 3_600_000;
/** 2025-03-03 22:00 KST: inside the ad night window. */
const NIGHT_KST = Date.UTC(2025, 2, 3, 13, 0, 0);
const NEXT_0800_KST = Date.UTC(2025, 2, 3, 23, 0, 0);

describe('engine message lifecycle', () => {
  it('keeps a scheduled message in the store until it comes due, then sends it', async () => {
    const h = await createHarness();
    const sendAt = h.clock.now() + HOUR;
    const [id] = await h.submit({ priority: 'scheduled', sendAt });
    expect(await h.rec(id)).toMatchObject({ state: 'accepted', dueAt: sendAt });
    expect(h.engine.snapshot().inMemory).toBe(0);
    await h.advance(HOUR - 10_000, 10 * 60_000);
    expect(h.ch('smsvas').sent).toHaveLength(0);
    // Loaded within the lookahead, sent at its time.
    await h.advance(9_000, 1000);
    expect(h.engine.snapshot().scheduled).toBe(1);
    expect(h.ch('smsvas').sent).toHaveLength(0);
    await h.advance(2_000, 1000);
    expect(h.ch('smsvas').sent).toHaveLength(1);
    expect((await h.rec(id)).state).toBe('submitted');
  });

  it('holds an advertisement accepted at night and releases it at 08:00 KST', async () => {
    const h = await createHarness({ clock: createManualClock(NIGHT_KST) });
    const [id] = await h.submit({ ad: true, optOut: '0801234567', text: '봄 세일' });
    expect(await h.rec(id)).toMatchObject({ state: 'held', dueAt: NEXT_0800_KST });
    await h.advance(NEXT_0800_KST - NIGHT_KST - 5_000, HOUR);
    expect(h.ch('smsvas').sent).toHaveLength(0);
    await h.advance(6_000, 1000);
    expect(h.ch('smsvas').sent).toHaveLength(1);
    expect(h.ch('smsvas').sent[0].ad).toBe(true);
    expect((await h.rec(id)).state).toBe('submitted');
  });

  it('fails an advertisement at night at once when the policy blocks instead of holding', async () => {
    const h = await createHarness({ clock: createManualClock(NIGHT_KST), config: { compliance: { adNightWindow: { action: 'block' } } } });
    const [id] = await h.submit({ ad: true, optOut: '0801234567', text: '봄 세일' });
    expect(await h.rec(id)).toMatchObject({ state: 'failed', reason: 'ENGINE_ERR_AD_BLOCKED' });
    expect(h.webhooks.posts[0].body).toMatchObject({ id, state: 'failed', reason: 'ENGINE_ERR_AD_BLOCKED' });
    expect(h.ch('smsvas').sent).toHaveLength(0);
  });

  it('cancels a message not yet submitted and refuses once the gateway has it', async () => {
    const h = await createHarness();
    const [scheduled] = await h.submit({ priority: 'scheduled', sendAt: h.clock.now() + HOUR });
    const [sent] = await h.submit({});
    const acme = h.tenant;
    const c1 = await h.engine.cancel(acme, scheduled);
    expect(c1).toMatchObject({ kind: 'cancelled', record: { state: 'cancelled' } });
    expect((await h.store.get(scheduled))?.state).toBe('cancelled');
    expect(await h.engine.cancel(acme, sent)).toMatchObject({ kind: 'too-late', record: { state: 'submitted' } });
    expect(await h.engine.cancel({ ...acme, id: 'other' }, sent)).toEqual({ kind: 'not-found' });
    await h.advance(HOUR - 10_000, 600_000);
    await h.advance(15_000, 1000);
    expect(h.ch('smsvas').sent).toHaveLength(1);
    expect(h.webhooks.posts.map((p) => p.body.state)).toEqual(['cancelled']);
  });

  it('cancels a message waiting for a retry and never sends it again', async () => {
    const h = await createHarness();
    h.ch('smsvas').answer = () => ({ kind: 'rejected', reason: 'queue-full', transient: true, code: '0x14' });
    const [id] = await h.submit({});
    expect(h.ch('smsvas').sent).toHaveLength(1);
    const res = await h.engine.cancel(h.tenant, id);
    expect(res.kind).toBe('cancelled');
    await h.advance(60_000, 1000);
    expect(h.ch('smsvas').sent).toHaveLength(1);
    expect((await h.store.get(id))?.state).toBe('cancelled');
  });

  it('answers an idempotent resubmission with the first id and sends once', async () => {
    const h = await createHarness();
    const [a] = await h.submit({ idempotencyKey: 'k-1' });
    const [b, c] = await h.submit({ idempotencyKey: 'k-1' }, { idempotencyKey: 'k-2' });
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    const tenant = h.tenant;
    const again = await h.engine.submit(tenant, [{ to: '01012340001', from: '15880000', text: 'hello', priority: 'realtime', ad: false, idempotencyKey: 'k-2' }], () => '');
    expect(again).toEqual({ ok: true, items: [{ id: c, state: 'submitted', duplicate: true }] });
    expect(h.ch('smsvas').sent).toHaveLength(2);
    const changed = await h.engine.submit(tenant, [{ to: '01012340001', from: '15880000', text: 'other text', priority: 'realtime', ad: false, idempotencyKey: 'k-1' }], () => '');
    expect(changed).toEqual({ ok: false, errors: [{ field: 'idempotencyKey', code: 'ENGINE_ERR_IDEMPOTENCY_MISMATCH', message: expect.any(String) }] });
  });

  it('finds an idempotency key of an earlier process through the store', async () => {
    const first = await createHarness();
    const [id] = await first.submit({ idempotencyKey: 'order-77' });
    await first.engine.stop();
    const second = await createHarness({ store: first.store, clock: first.clock, seed: 'second' });
    const tenant = second.tenant;
    const res = await second.engine.submit(tenant, [{ to: '01012340001', from: '15880000', text: 'hello', priority: 'realtime', ad: false, idempotencyKey: 'order-77' }], () => '');
    expect(res).toMatchObject({ ok: true, items: [{ id, duplicate: true }] });
  });

  it('names the field of the failing recipient and accepts nothing', async () => {
    const h = await createHarness();
    const tenant = h.tenant;
    const base = { from: '15880000', text: 'hi', priority: 'realtime' as const, ad: false };
    const res = await h.engine.submit(tenant, [{ ...base, to: '01012340001' }, { ...base, to: '12345' }], (i) => `recipients[${i}].`);
    expect(res).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'recipients[1].to', code: 'ENGINE_ERR_BAD_NUMBER' })] });
    expect(await h.store.counts()).toMatchObject({ accepted: 0 });
  });

  it('keeps routing when the number-portability lookup fails, retrying with backoff', async () => {
    const h = await createHarness();
    h.lookup.failNext = 2;
    const [id] = await h.submit({});
    expect((await h.rec(id)).state).toBe('accepted');
    await h.advance(1000);
    expect(h.ch('smsvas').sent).toHaveLength(0);
    await h.advance(2000);
    expect(h.ch('smsvas').sent).toHaveLength(1);
    expect(h.lookup.calls).toHaveLength(3);
  });

  it('retries a status webhook until the tenant acknowledges it', async () => {
    const h = await createHarness();
    h.webhooks.statuses.push(500, 503);
    const [id] = await h.submit({});
    h.ch('smsvas').report(h.ch('smsvas').accepted[0], 'delivered');
    await settle();
    expect(h.webhooks.posts).toHaveLength(1);
    expect((await h.store.get(id))?.notified).toBe(false);
    await h.advance(1000);
    expect(h.webhooks.posts).toHaveLength(2);
    await h.advance(1000);
    expect(h.webhooks.posts).toHaveLength(2);
    await h.advance(1000);
    expect(h.webhooks.posts).toHaveLength(3);
    expect((await h.store.get(id))?.notified).toBe(true);
    expect(h.engine.snapshot().webhooks).toEqual({ ok: 1, retried: 2, failed: 0 });
  });
});

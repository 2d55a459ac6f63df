// The behaviour every Store implementation shares (engine/store/store.ts). Each implementation's test
// file calls describeStoreContract with a factory; `reopen` is given by durable stores only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEngineError } from '../../engine/engine-errors.ts';
import type { MessageRecord, MessageState } from '../../engine/message.ts';
import type { Store } from '../../engine/store/store.ts';
import { T0, makeAttempt, makeRecord, makeTemplate } from './fixtures/store-records.ts';

export interface StoreUnderTest {
  store: Store;
  /** Opens the same data again (call after store.close()). */
  reopen?: () => Promise<Store>;
  /** Closes whatever is still open and removes what the factory created. */
  cleanup: () => Promise<void>;
}

const ids = (rs: MessageRecord[]) => rs.map((r) => r.id);
const pad = (n: number) => String(n).padStart(6, '0');

async function expectCode(p: Promise<unknown>, code: 'ENGINE_ERR_CLOSED' | 'ENGINE_ERR_STORE'): Promise<void> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(isEngineError(e, code), `expected ${code}, got ${String(e)}`).toBe(true);
}

/** `durable`: the store outlives its process, and the reopen test applies (the memory store has nothing to reopen). */
export function describeStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>, opts: { durable?: boolean } = {}): void {
  describe(`${name} (store contract)`, () => {
    let sut: StoreUnderTest;
    let store: Store;
    beforeEach(async () => {
      sut = await makeStore();
      store = sut.store;
    });
    afterEach(async () => {
      await sut.cleanup();
    });

    it('returns a saved record whole, attempts and fallbacks included, and null for an unknown id', async () => {
      const r = makeRecord('m1', {
        state: 'submitted',
        leg: 1,
        carrier: 'KT',
        reason: 'not-capable',
        fallbacks: [{ from: 'rcs', to: 'gmmsc', trigger: 'not-capable' }],
        attempts: [
          makeAttempt('m1', 1, { gateway: 'rcs', contentKind: 'rcs', gatewayIds: ['rcs-1'], outcome: 'not-capable', code: '41004', endedAt: T0 + 50 }),
          makeAttempt('m1', 2, { leg: 1, gateway: 'gmmsc', contentKind: 'mms', gatewayIds: ['mm7-1'], outcome: 'submitted' }),
        ],
        dueAt: T0 + 60_000,
      }, { clientRef: 'order-7', idempotencyKey: 'k-1', webhookUrl: 'http://127.0.0.1:9/hook' });
      await store.save([r]);
      expect(await store.get('m1')).toEqual(r);
      expect(await store.get('nope')).toBeNull();
    });

    it('replaces a record saved again under the same id', async () => {
      await store.save([makeRecord('m1')]);
      const later = makeRecord('m1', { state: 'delivered', updatedAt: T0 + 5, attempts: [makeAttempt('m1', 1, { gatewayIds: ['g1'], outcome: 'delivered' })] });
      await store.save([later]);
      expect(await store.get('m1')).toEqual(later);
      expect((await store.counts()).accepted).toBe(0);
      expect((await store.counts()).delivered).toBe(1);
    });

    it('keeps the last version when one id is saved several times in one tick', async () => {
      const a = store.save([makeRecord('m1', { state: 'accepted' }), makeRecord('m1', { state: 'routed' })]);
      const b = store.save([makeRecord('m1', { state: 'submitted', updatedAt: T0 + 1 })]);
      await Promise.all([a, b]);
      expect((await store.get('m1'))?.state).toBe('submitted');
      const c = await store.counts();
      expect(c.submitted + c.routed + c.accepted).toBe(1);
    });

    it('stores a copy: mutating a saved or returned object changes nothing stored', async () => {
      const r = makeRecord('m1');
      const saving = store.save([r]);
      r.state = 'failed';
      r.attempts.push(makeAttempt('m1', 1));
      await saving;
      const got = (await store.get('m1'))!;
      expect(got.state).toBe('accepted');
      expect(got.attempts).toEqual([]);
      got.state = 'cancelled';
      expect((await store.get('m1'))!.state).toBe('accepted');
    });

    it('finds a record by idempotency key within its tenant only', async () => {
      await store.save([makeRecord('m1', {}, { idempotencyKey: 'K' }), makeRecord('m2', { tenant: 'other' }, { idempotencyKey: 'K' })]);
      expect((await store.findByIdempotencyKey('acme', 'K'))?.id).toBe('m1');
      expect((await store.findByIdempotencyKey('other', 'K'))?.id).toBe('m2');
      expect(await store.findByIdempotencyKey('third', 'K')).toBeNull();
      expect(await store.findByIdempotencyKey('acme', 'k')).toBeNull();
      await store.save([makeRecord('m1', { state: 'delivered' }, { idempotencyKey: 'K' })]);
      expect((await store.findByIdempotencyKey('acme', 'K'))?.state).toBe('delivered');
    });

    it("refuses a second message claiming a tenant's idempotency key, failing only that save() call", async () => {
      await store.save([makeRecord('m1', {}, { idempotencyKey: 'K' })]);
      const bad = store.save([makeRecord('m2', {}, { idempotencyKey: 'K' }), makeRecord('m3')]);
      const good = store.save([makeRecord('m4')]);
      await expectCode(bad, 'ENGINE_ERR_STORE');
      await good;
      expect(await store.get('m4')).not.toBeNull();
      expect(await store.get('m2')).toBeNull();
      expect(await store.get('m3')).toBeNull();
      expect((await store.findByIdempotencyKey('acme', 'K'))?.id).toBe('m1');
    });

    it('finds records by clientRef within a tenant, in the order first saved, up to the limit', async () => {
      const rs = [3, 1, 2, 5, 4].map((n) => makeRecord(`m${n}`, { createdAt: T0 + n }, { clientRef: 'batch-A' }));
      await store.save(rs);
      await store.save([makeRecord('x1', {}, { clientRef: 'batch-B' }), makeRecord('x2', { tenant: 'other' }, { clientRef: 'batch-A' })]);
      await store.save([makeRecord('m3', { state: 'delivered' }, { clientRef: 'batch-A' })]);
      expect(ids(await store.findByClientRef('acme', 'batch-A', 10))).toEqual(['m3', 'm1', 'm2', 'm5', 'm4']);
      expect(ids(await store.findByClientRef('acme', 'batch-A', 2))).toEqual(['m3', 'm1']);
      expect((await store.findByClientRef('acme', 'batch-A', 1))[0].state).toBe('delivered');
      expect(ids(await store.findByClientRef('other', 'batch-A', 10))).toEqual(['x2']);
      expect(await store.findByClientRef('acme', 'batch-C', 10)).toEqual([]);
    });

    it('correlates every gateway id of every attempt, several per attempt, per gateway', async () => {
      await store.save([makeRecord('m1', { attempts: [makeAttempt('m1', 1, { gateway: 'rcs', gatewayIds: ['r-1'] })] })]);
      await store.save([
        makeRecord('m1', {
          attempts: [
            makeAttempt('m1', 1, { gateway: 'rcs', gatewayIds: ['r-1'], outcome: 'not-capable' }),
            makeAttempt('m1', 2, { gateway: 'smsvas', gatewayIds: ['s-1', 's-2', 's-3'], outcome: 'submitted' }),
          ],
        }),
        makeRecord('m2', { attempts: [makeAttempt('m2', 1, { gateway: 'xroshot', gatewayIds: ['s-1'] })] }),
      ]);
      expect(await store.findByGatewayId('rcs', 'r-1')).toBe('m1');
      for (const g of ['s-1', 's-2', 's-3']) expect(await store.findByGatewayId('smsvas', g)).toBe('m1');
      expect(await store.findByGatewayId('xroshot', 's-1')).toBe('m2');
      expect(await store.findByGatewayId('gmmsc', 's-1')).toBeNull();
      expect(await store.findByGatewayId('smsvas', 'unknown')).toBeNull();
    });

    it('pages through non-final records in id order after a given id', async () => {
      const states: MessageState[] = ['accepted', 'delivered', 'held', 'routed', 'failed', 'submitted', 'expired', 'cancelled', 'accepted'];
      await store.save(states.map((state, i) => makeRecord(`m${i}`, { state })).reverse());
      expect(ids(await store.nonFinal(null, 100))).toEqual(['m0', 'm2', 'm3', 'm5', 'm8']);
      expect(ids(await store.nonFinal(null, 2))).toEqual(['m0', 'm2']);
      expect(ids(await store.nonFinal('m2', 2))).toEqual(['m3', 'm5']);
      expect(ids(await store.nonFinal('m5', 2))).toEqual(['m8']);
      expect(await store.nonFinal('m8', 2)).toEqual([]);
      await store.save([makeRecord('m3', { state: 'delivered' })]);
      expect(ids(await store.nonFinal(null, 100))).toEqual(['m0', 'm2', 'm5', 'm8']);
    });

    it('lists non-final records due by a time, earliest first, finals and undated ones excluded', async () => {
      await store.save([
        makeRecord('a', { state: 'held', dueAt: T0 + 300 }),
        makeRecord('b', { state: 'accepted', dueAt: T0 + 100 }),
        makeRecord('c', { state: 'submitted', dueAt: T0 + 200 }),
        makeRecord('d', { state: 'delivered', dueAt: T0 + 50 }),
        makeRecord('e', { state: 'accepted', dueAt: null }),
        makeRecord('f', { state: 'routed', dueAt: T0 + 1_000 }),
        makeRecord('g', { state: 'accepted', dueAt: T0 + 100 }),
      ]);
      expect(ids(await store.due(T0 + 300, 10))).toEqual(['b', 'g', 'c', 'a']);
      expect(ids(await store.due(T0 + 300, 2))).toEqual(['b', 'g']);
      expect(ids(await store.due(T0 + 99, 10))).toEqual([]);
      await store.save([makeRecord('b', { state: 'cancelled', dueAt: T0 + 100 })]);
      expect(ids(await store.due(T0 + 5_000, 10))).toEqual(['g', 'c', 'a', 'f']);
    });

    it('lists final records whose status was not acknowledged, only those', async () => {
      await store.save([
        makeRecord('a', { state: 'delivered', notified: false }),
        makeRecord('b', { state: 'delivered', notified: true }),
        makeRecord('c', { state: 'submitted', notified: false }),
        makeRecord('d', { state: 'failed', notified: false }),
        makeRecord('e', { state: 'expired', notified: false }),
      ]);
      expect(ids(await store.unnotified(10))).toEqual(['a', 'd', 'e']);
      expect(ids(await store.unnotified(1))).toEqual(['a']);
      await store.save([makeRecord('a', { state: 'delivered', notified: true })]);
      expect(ids(await store.unnotified(10))).toEqual(['d', 'e']);
    });

    it('counts records per state, every state present', async () => {
      expect(await store.counts()).toEqual({ accepted: 0, held: 0, routed: 0, submitted: 0, delivered: 0, failed: 0, expired: 0, cancelled: 0 });
      await store.save([makeRecord('a'), makeRecord('b'), makeRecord('c', { state: 'delivered' }), makeRecord('d', { state: 'held' })]);
      expect(await store.counts()).toEqual({ accepted: 2, held: 1, routed: 0, submitted: 0, delivered: 1, failed: 0, expired: 0, cancelled: 0 });
    });

    it('saves, replaces and lists templates per tenant', async () => {
      await store.saveTemplate(makeTemplate('acme', 't2'));
      await store.saveTemplate(makeTemplate('acme', 't1'));
      await store.saveTemplate(makeTemplate('other', 't1', { name: 'theirs' }));
      const approved = makeTemplate('acme', 't1', { state: 'approved', history: [{ state: 'registered', at: T0 }, { state: 'approved', at: T0 + 9, note: 'ok' }] });
      await store.saveTemplate(approved);
      expect(await store.getTemplate('acme', 't1')).toEqual(approved);
      expect((await store.getTemplate('other', 't1'))?.name).toBe('theirs');
      expect(await store.getTemplate('acme', 't3')).toBeNull();
      expect((await store.listTemplates('acme')).map((t) => t.id)).toEqual(['t1', 't2']);
      expect(await store.listTemplates('nobody')).toEqual([]);
    });

    it('resolves and persists every one of many save() calls made in one tick', async () => {
      const calls = Array.from({ length: 500 }, (_, i) => store.save([makeRecord(`m${pad(i)}`, { attempts: [makeAttempt(`m${pad(i)}`, 1, { gatewayIds: [`g${i}`] })] })]));
      await Promise.all(calls);
      expect((await store.counts()).accepted).toBe(500);
      expect(await store.findByGatewayId('smsvas', 'g499')).toBe('m000499');
      expect(ids(await store.nonFinal('m000497', 10))).toEqual(['m000498', 'm000499']);
    });

    it('saves 20,000 records in one call', async () => {
      const rs = Array.from({ length: 20_000 }, (_, i) => makeRecord(`m${pad(i)}`, { dueAt: T0 + (i % 100) }, { clientRef: `c${i % 10}` }));
      await store.save(rs);
      expect((await store.counts()).accepted).toBe(20_000);
      expect(await store.get('m019999')).toEqual(rs[19_999]);
      expect(ids(await store.findByClientRef('acme', 'c3', 3))).toEqual(['m000003', 'm000013', 'm000023']);
      expect(ids(await store.due(T0, 3))).toEqual(['m000000', 'm000100', 'm000200']);
    });

    it('answers reads with records whose save() has not resolved yet', async () => {
      const saving = store.save([makeRecord('m1', { state: 'routed' }, { idempotencyKey: 'K', clientRef: 'R' })]);
      expect((await store.get('m1'))?.state).toBe('routed');
      expect((await store.findByIdempotencyKey('acme', 'K'))?.id).toBe('m1');
      expect(ids(await store.findByClientRef('acme', 'R', 5))).toEqual(['m1']);
      expect(ids(await store.nonFinal(null, 5))).toEqual(['m1']);
      await saving;
      const newer = store.save([makeRecord('m1', { state: 'submitted', attempts: [makeAttempt('m1', 1, { gatewayIds: ['g1'] })] }, { idempotencyKey: 'K', clientRef: 'R' })]);
      expect((await store.findByIdempotencyKey('acme', 'K'))?.state).toBe('submitted');
      expect(await store.findByGatewayId('smsvas', 'g1')).toBe('m1');
      await newer;
    });

    it('rejects every call after close() with ENGINE_ERR_CLOSED, and commits what was queued', async () => {
      const saving = store.save([makeRecord('m1')]);
      await store.close();
      await saving;
      await store.close();
      await expectCode(store.save([makeRecord('m2')]), 'ENGINE_ERR_CLOSED');
      await expectCode(store.get('m1'), 'ENGINE_ERR_CLOSED');
      await expectCode(store.findByIdempotencyKey('acme', 'K'), 'ENGINE_ERR_CLOSED');
      await expectCode(store.nonFinal(null, 1), 'ENGINE_ERR_CLOSED');
      await expectCode(store.counts(), 'ENGINE_ERR_CLOSED');
      await expectCode(store.saveTemplate(makeTemplate('acme', 't1')), 'ENGINE_ERR_CLOSED');
      await expectCode(store.listTemplates('acme'), 'ENGINE_ERR_CLOSED');
    });

    if (opts.durable) it('after reopening, sees every record, index and template saved before close (the resume path)', async () => {
      if (!sut.reopen) throw new Error('a durable store under test must offer reopen()');
      const rs = Array.from({ length: 50 }, (_, i) =>
        makeRecord(`m${pad(i)}`, {
          state: i % 2 ? 'submitted' : 'delivered',
          dueAt: i % 2 ? T0 + i : null,
          attempts: [makeAttempt(`m${pad(i)}`, 1, { gatewayIds: [`g${i}`] })],
        }, { idempotencyKey: `k${i}`, clientRef: 'R' }),
      );
      const saved = Promise.all([store.save(rs.slice(0, 25)), store.save(rs.slice(25))]);
      await store.saveTemplate(makeTemplate('acme', 't1'));
      await store.close();
      await saved;
      const again = await sut.reopen();
      expect(await again.get('m000049')).toEqual(rs[49]);
      expect(ids(await again.nonFinal(null, 100))).toEqual(ids(rs.filter((_, i) => i % 2)));
      expect(ids(await again.due(T0 + 5, 100))).toEqual(['m000001', 'm000003', 'm000005']);
      expect(await again.findByGatewayId('smsvas', 'g17')).toBe('m000017');
      expect((await again.findByIdempotencyKey('acme', 'k30'))?.id).toBe('m000030');
      expect((await again.findByClientRef('acme', 'R', 100)).length).toBe(50);
      expect(ids(await again.unnotified(3))).toEqual(['m000000', 'm000002', 'm000004']);
      expect(await again.getTemplate('acme', 't1')).toEqual(makeTemplate('acme', 't1'));
    });
  });
}

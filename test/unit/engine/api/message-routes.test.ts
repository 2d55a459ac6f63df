import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiErrorBodySchema } from '../../../../engine/api/api-error.ts';
import { batchResultSchema, messageListSchema, messageViewSchema, submitItemSchema } from '../../../../engine/api/message-view.ts';
import { createApiHarness, KEY_A, KEY_B, makeRecord, type ApiHarness } from './api-fakes.ts';

const A = { authorization: `Bearer ${KEY_A}` };
let h: ApiHarness;

beforeEach(() => {
  h = createApiHarness();
});
afterEach(async () => {
  await h.app.close();
});

const post = (url: string, payload: unknown, headers: Record<string, string> = A) => h.app.inject({ method: 'POST', url, headers, payload: payload as object });

describe('POST /v1/messages', () => {
  it('accepts one message with 202 and hands the Intake one realtime, non-ad request for the key owner', async () => {
    const res = await post('/v1/messages', { to: '01012345678', from: '0212345678', text: 'hello' });
    expect(res.statusCode).toBe(202);
    expect(submitItemSchema.strict().parse(res.json())).toEqual({ id: 'msg-1', state: 'accepted', duplicate: false });
    expect(h.intake.calls).toHaveLength(1);
    expect(h.intake.calls[0].tenant).toBe('tenant-a');
    expect(h.intake.calls[0].prefixes).toEqual(['']);
    expect(h.intake.calls[0].requests).toEqual([{ to: '01012345678', from: '0212345678', text: 'hello', priority: 'realtime', ad: false }]);
  });

  it('maps every field: a scheduled ad from a template, with media, RCS, opt-out, clientRef and webhook', async () => {
    const body = {
      to: '+821012345678',
      from: '0212345678',
      type: 'rcs',
      template: { id: 'tpl-1', variables: { name: '김민수' }, language: 'ko' },
      subject: '안내',
      media: [{ contentType: 'image/jpeg', name: 'a.jpg', data: 'AAAA' }],
      rcs: { messagebaseId: 'SS000000', cards: [{ title: 't', media: { url: 'https://x/a.jpg', height: 'TALL_HEIGHT' }, buttons: [{ label: 'open', url: 'https://x' }] }] },
      kind: 'scheduled',
      sendAt: '2026-03-02T09:30:00+09:00',
      ad: true,
      optOut: '0801234567',
      clientRef: 'order-9',
      webhookUrl: 'https://tenant.example/hook',
    };
    expect((await post('/v1/messages', body)).statusCode).toBe(202);
    const { kind: _k, sendAt: _s, ...same } = body;
    expect(h.intake.calls[0].requests[0]).toEqual({ ...same, priority: 'scheduled', sendAt: Date.parse('2026-03-02T00:30:00Z') });
  });

  it('takes the key from X-API-Key too, and each key answers for its own tenant', async () => {
    expect((await post('/v1/messages', { to: '01012345678', from: '0212345678', text: 'x' }, { 'x-api-key': 'tenant-a-key-0002' })).statusCode).toBe(202);
    expect((await post('/v1/messages', { to: '01012345678', from: '0212345678', text: 'x' }, { 'x-api-key': KEY_B })).statusCode).toBe(202);
    expect(h.intake.calls.map((c) => c.tenant)).toEqual(['tenant-a', 'tenant-b']);
  });

  it.each([
    ['no key', {}],
    ['an unknown bearer key', { authorization: 'Bearer nobody-key-0000' }],
    ['an unknown X-API-Key', { 'x-api-key': 'nobody-key-0000' }],
    ['a Basic scheme', { authorization: `Basic ${KEY_A}` }],
  ])('answers 401 with the error body for %s, before reading the body', async (_what, headers) => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/messages', headers: { ...headers, 'content-type': 'application/json' }, payload: '{not json' });
    expect(res.statusCode).toBe(401);
    expect(apiErrorBodySchema.parse(res.json()).error.code).toBe('ENGINE_ERR_UNAUTHORIZED');
    expect(h.intake.calls).toHaveLength(0);
  });

  it('passes the Idempotency-Key header as the idempotency key; a retry answers the original id as a duplicate', async () => {
    const body = { to: '01012345678', from: '0212345678', text: 'hello' };
    const first = await post('/v1/messages', body, { ...A, 'idempotency-key': 'order-42' });
    const again = await post('/v1/messages', body, { ...A, 'idempotency-key': 'order-42' });
    expect(h.intake.calls[0].requests[0].idempotencyKey).toBe('order-42');
    expect(first.json()).toEqual({ id: 'msg-1', state: 'accepted', duplicate: false });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual({ id: 'msg-1', state: 'accepted', duplicate: true });
  });

  it('refuses a body idempotencyKey that contradicts the header, and a header key that is too long', async () => {
    const body = { to: '01012345678', from: '0212345678', text: 'x', idempotencyKey: 'a' };
    const clash = await post('/v1/messages', body, { ...A, 'idempotency-key': 'b' });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().error).toMatchObject({ code: 'ENGINE_ERR_BAD_REQUEST', field: 'idempotencyKey' });
    const long = await post('/v1/messages', { to: '01012345678', from: '0212345678', text: 'x' }, { ...A, 'idempotency-key': 'k'.repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.field).toBe('Idempotency-Key');
    expect(h.intake.calls).toHaveLength(0);
  });
});

describe('POST /v1/messages/batch', () => {
  const batch = {
    from: '0212345678',
    template: { id: 'tpl-1', variables: { shop: '강남점', name: '고객' } },
    recipients: [
      { to: '01011110001', variables: { name: '김' }, clientRef: 'r0' },
      { to: '01011110002' },
      { to: '01011110003', variables: { name: '박', extra: '1' }, idempotencyKey: 'own-key' },
    ],
  };

  it('answers 202 with every item in recipient order and one request per recipient, variables merged over the batch', async () => {
    const res = await post('/v1/messages/batch', batch);
    expect(res.statusCode).toBe(202);
    const out = batchResultSchema.strict().parse(res.json());
    expect(out).toEqual({
      accepted: 3,
      items: [
        { id: 'msg-1', state: 'accepted', duplicate: false },
        { id: 'msg-2', state: 'accepted', duplicate: false },
        { id: 'msg-3', state: 'accepted', duplicate: false },
      ],
    });
    const [call] = h.intake.calls;
    expect(call.prefixes).toEqual(['recipients[0].', 'recipients[1].', 'recipients[2].']);
    expect(call.requests.map((r) => r.template?.variables)).toEqual([
      { shop: '강남점', name: '김' },
      { shop: '강남점', name: '고객' },
      { shop: '강남점', name: '박', extra: '1' },
    ]);
    expect(call.requests[0]).toEqual({ to: '01011110001', from: '0212345678', priority: 'realtime', ad: false, clientRef: 'r0', template: { id: 'tpl-1', variables: { shop: '강남점', name: '김' } } });
    expect(call.requests[1].clientRef).toBeUndefined();
  });

  it('gives recipient i the header key "<key>:<i>" unless it has its own; the same batch again is all duplicates', async () => {
    const first = await post('/v1/messages/batch', batch, { ...A, 'idempotency-key': 'campaign-7' });
    expect(h.intake.calls[0].requests.map((r) => r.idempotencyKey)).toEqual(['campaign-7:0', 'campaign-7:1', 'own-key']);
    const again = await post('/v1/messages/batch', batch, { ...A, 'idempotency-key': 'campaign-7' });
    expect(again.json().items).toEqual(first.json().items.map((it: object) => ({ ...it, duplicate: true })));
  });

  it('refuses two recipients with the same idempotency key, naming the second', async () => {
    const res = await post('/v1/messages/batch', { from: '0212345678', text: 'x', recipients: [{ to: '01011110001', idempotencyKey: 'k' }, { to: '01011110002', idempotencyKey: 'k' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'ENGINE_ERR_BAD_REQUEST', field: 'recipients[1].idempotencyKey' });
  });

  it('refuses recipient variables when the batch has no template', async () => {
    const res = await post('/v1/messages/batch', { from: '0212345678', text: 'x', recipients: [{ to: '01011110001' }, { to: '01011110002', variables: { a: 'b' } }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('recipients[1].variables');
  });
});

describe('reading and cancelling messages', () => {
  beforeEach(() => {
    const t0 = Date.parse('2026-03-01T00:00:00Z');
    h.intake.records.set(
      'm-1',
      makeRecord({
        id: 'm-1',
        tenant: 'tenant-a',
        state: 'delivered',
        reason: 'delivered',
        carrier: 'KT',
        content: { kind: 'rcs', rcs: { messagebaseId: 'SS000000', text: 'hi' } },
        leg: 1,
        fallbacks: [{ from: 'rcs', to: 'gmmsc', trigger: 'not-capable' }],
        attempts: [
          { messageId: 'm-1', seq: 1, leg: 0, gateway: 'rcs', contentKind: 'rcs', gatewayIds: [], outcome: 'not-capable', startedAt: t0, endedAt: t0 + 120 },
          { messageId: 'm-1', seq: 2, leg: 1, gateway: 'gmmsc', contentKind: 'mms', gatewayIds: ['g-77'], outcome: 'delivered', code: '1000', startedAt: t0 + 130 },
        ],
      }),
    );
    h.intake.records.set('m-2', makeRecord({ id: 'm-2', tenant: 'tenant-a', state: 'accepted' }));
    h.intake.records.set('m-3', makeRecord({ id: 'm-3', tenant: 'tenant-b', state: 'accepted' }));
  });

  it('GET /v1/messages/:id shows state, reason, carrier, legs and attempts with ISO times', async () => {
    const res = await h.app.inject({ url: '/v1/messages/m-1', headers: A });
    expect(res.statusCode).toBe(200);
    const view = messageViewSchema.strict().parse(res.json());
    expect(view).toMatchObject({ id: 'm-1', state: 'delivered', reason: 'delivered', carrier: 'KT', contentKind: 'rcs', leg: 1, clientRef: 'order-1', sendAt: null, createdAt: '2026-03-01T00:00:00.000Z' });
    expect(view.fallbacks).toEqual([{ from: 'rcs', to: 'gmmsc', trigger: 'not-capable' }]);
    expect(view.attempts).toEqual([
      { seq: 1, leg: 0, gateway: 'rcs', contentKind: 'rcs', gatewayIds: [], outcome: 'not-capable', code: null, startedAt: '2026-03-01T00:00:00.000Z', endedAt: '2026-03-01T00:00:00.120Z' },
      { seq: 2, leg: 1, gateway: 'gmmsc', contentKind: 'mms', gatewayIds: ['g-77'], outcome: 'delivered', code: '1000', startedAt: '2026-03-01T00:00:00.130Z', endedAt: null },
    ]);
  });

  it("answers 404 for an unknown id and for another tenant's message", async () => {
    for (const url of ['/v1/messages/nope', '/v1/messages/m-3']) {
      const res = await h.app.inject({ url, headers: A });
      expect(res.statusCode).toBe(404);
      expect(apiErrorBodySchema.parse(res.json()).error.code).toBe('ENGINE_ERR_NOT_FOUND');
    }
  });

  it('GET /v1/messages?clientRef= lists the tenant messages with that reference; clientRef is required and limit bounded', async () => {
    const res = await h.app.inject({ url: '/v1/messages?clientRef=order-1&limit=1', headers: A });
    expect(res.statusCode).toBe(200);
    expect(messageListSchema.parse(res.json()).items.map((m) => m.id)).toEqual(['m-1']);
    const all = await h.app.inject({ url: '/v1/messages?clientRef=order-1', headers: A });
    expect(all.json().items.map((m: { id: string }) => m.id)).toEqual(['m-1', 'm-2']);
    const missing = await h.app.inject({ url: '/v1/messages', headers: A });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'ENGINE_ERR_BAD_REQUEST', field: 'clientRef' });
    const badLimit = await h.app.inject({ url: '/v1/messages?clientRef=a&limit=0', headers: A });
    expect(badLimit.json().error.field).toBe('limit');
  });

  it('POST /v1/messages/:id/cancel answers 200 with the cancelled message, 409 when too late, 404 when unknown', async () => {
    const ok = await h.app.inject({ method: 'POST', url: '/v1/messages/m-2/cancel', headers: A });
    expect(ok.statusCode).toBe(200);
    expect(messageViewSchema.parse(ok.json()).state).toBe('cancelled');
    const late = await h.app.inject({ method: 'POST', url: '/v1/messages/m-1/cancel', headers: A });
    expect(late.statusCode).toBe(409);
    expect(apiErrorBodySchema.parse(late.json()).error.code).toBe('ENGINE_ERR_CONFLICT');
    const unknown = await h.app.inject({ method: 'POST', url: '/v1/messages/m-3/cancel', headers: A });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('per-tenant quota', () => {
  const B = { authorization: `Bearer ${KEY_B}` };
  const recipients = (n: number) => Array.from({ length: n }, (_, i) => ({ to: `010${String(20000000 + i)}` }));

  it('charges a batch its recipient count and answers 429 with Retry-After until the bucket refills on the clock', async () => {
    expect((await post('/v1/messages/batch', { from: '0212345678', text: 'x', recipients: recipients(20) }, B)).statusCode).toBe(202);
    const over = await post('/v1/messages', { to: '01012345678', from: '0212345678', text: 'x' }, B);
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBe('1');
    expect(apiErrorBodySchema.parse(over.json()).error.code).toBe('ENGINE_ERR_QUOTA');
    const big = await post('/v1/messages/batch', { from: '0212345678', text: 'x', recipients: recipients(15) }, B);
    expect(big.statusCode).toBe(429);
    expect(big.headers['retry-after']).toBe('2');
    h.clock.advance(100); // rate 10/s: one token
    expect((await post('/v1/messages', { to: '01012345678', from: '0212345678', text: 'x' }, B)).statusCode).toBe(202);
    expect((await post('/v1/messages', { to: '01012345678', from: '0212345678', text: 'x' }, B)).statusCode).toBe(429);
    // Other tenants have their own bucket.
    expect((await post('/v1/messages', { to: '01012345678', from: '0212345678', text: 'x' })).statusCode).toBe(202);
  });

  it('does not charge invalid requests, and refuses a batch larger than the burst outright', async () => {
    for (let i = 0; i < 30; i++) expect((await post('/v1/messages', { to: 1, from: '0212345678' }, B)).statusCode).toBe(400);
    const tooBig = await post('/v1/messages/batch', { from: '0212345678', text: 'x', recipients: recipients(21) }, B);
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error).toMatchObject({ code: 'ENGINE_ERR_BATCH_TOO_LARGE', field: 'recipients' });
    expect((await post('/v1/messages/batch', { from: '0212345678', text: 'x', recipients: recipients(20) }, B)).statusCode).toBe(202);
  });
});

import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorBodySchema } from '../../../../engine/api/api-error.ts';
import { EngineError } from '../../../../engine/engine-errors.ts';
import { createApiHarness, KEY_A, TEST_CONFIG, type ApiHarness } from './api-fakes.ts';

const A = { authorization: `Bearer ${KEY_A}` };
const JSON_A = { ...A, 'content-type': 'application/json' };
const harnesses: ApiHarness[] = [];

function harness(...args: Parameters<typeof createApiHarness>): ApiHarness {
  const h = createApiHarness(...args);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.app.close();
});

async function errorOf(h: ApiHarness, req: { method?: 'GET' | 'POST' | 'DELETE'; url: string; headers?: Record<string, string>; payload?: string | object }) {
  const res = await h.app.inject({ method: req.method ?? 'POST', url: req.url, headers: req.headers ?? A, payload: req.payload as string });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return { status: res.statusCode, error: apiErrorBodySchema.parse(res.json()).error, body: res.body };
}

const valid = { to: '01012345678', from: '0212345678', text: 'hello' };

describe('the one JSON error body', () => {
  it.each([
    ['malformed JSON', '{"to": '],
    ['an empty JSON body', ''],
    ['a __proto__ key', '{"to":"01012345678","from":"0212345678","text":"x","__proto__":{"admin":true}}'],
    ['a constructor.prototype key', '{"to":"01012345678","from":"0212345678","text":"x","constructor":{"prototype":{"admin":true}}}'],
  ])('answers 400 ENGINE_ERR_BAD_JSON for %s', async (_what, payload) => {
    const h = harness();
    const { status, error } = await errorOf(h, { url: '/v1/messages', headers: JSON_A, payload });
    expect(status).toBe(400);
    expect(error.code).toBe('ENGINE_ERR_BAD_JSON');
    expect(h.intake.calls).toHaveLength(0);
  });

  it.each([
    ['/v1/messages', { ...valid, to: 1 }, 'to'],
    ['/v1/messages', { from: '0212345678', text: 'x' }, 'to'],
    ['/v1/messages', { ...valid, media: [{ contentType: 'image/png', name: 'a.png' }] }, 'media[0].data'],
    ['/v1/messages', { ...valid, rcs: { messagebaseId: 'SS', cards: [{}, { media: { height: 'TALL_HEIGHT' } }] } }, 'rcs.cards[1].media.url'],
    ['/v1/messages', { ...valid, template: { id: 't', variables: { name: 3 } } }, 'template.variables.name'],
    ['/v1/messages', { ...valid, type: 'fax' }, 'type'],
    ['/v1/messages', { ...valid, ad: 'yes' }, 'ad'],
    ['/v1/messages', { ...valid, webhookUrl: 'ftp://x/y' }, 'webhookUrl'],
    ['/v1/messages/batch', { from: '0212345678', text: 'x', recipients: [{ to: 'a' }, { to: 'b' }, { to: 'c' }, { to: 7 }] }, 'recipients[3].to'],
    ['/v1/messages/batch', { from: '0212345678', text: 'x', recipients: [] }, 'recipients'],
    ['/v1/messages/batch', { from: '0212345678', text: 'x', recipients: 'all' }, 'recipients'],
    ['/v1/messages/batch', { from: '0212345678', text: 'x', recipients: [null] }, 'recipients[0]'],
  ])('answers 400 ENGINE_ERR_BAD_REQUEST naming the field: %s %j -> %s', async (url, payload, field) => {
    const h = harness();
    const { status, error } = await errorOf(h, { url, payload });
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'ENGINE_ERR_BAD_REQUEST', field });
    expect(error.errors?.[0]).toMatchObject({ field, code: 'ENGINE_ERR_BAD_REQUEST' });
    expect(h.intake.calls).toHaveLength(0);
  });

  it.each([
    ['/v1/messages', { ...valid, colour: 'red' }, 'colour'],
    ['/v1/messages', { ...valid, template: { id: 't', lang: 'ko' } }, 'template.lang'],
    ['/v1/messages', { ...valid, rcs: { messagebaseId: 'SS', cards: [{ title: 't', footer: 'x' }] } }, 'rcs.cards[0].footer'],
    ['/v1/messages/batch', { from: '0212345678', text: 'x', recipients: [{ to: '01011110001' }, { to: '01011110002', name: 'kim' }] }, 'recipients[1].name'],
    ['/v1/messages/batch', { from: '0212345678', text: 'x', to: '01011110001', recipients: [{ to: '01011110002' }] }, 'to'],
    ['/v1/templates', { name: 'n', kind: 'sms', bodies: { ko: { text: 'x' }, fr: { text: 'y' } } }, 'bodies.fr'],
    ['/v1/templates/t/review', { decision: 'pass', reviewer: 'kim' }, 'reviewer'],
  ])('names an unknown field itself: %s -> %s', async (url, payload, field) => {
    const h = harness();
    const { status, error } = await errorOf(h, { url, payload });
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'ENGINE_ERR_BAD_REQUEST', field, message: `${field}: unknown field` });
  });

  it('reports every bad recipient in errors[], capped at 100, the first one at the top', async () => {
    const h = harness();
    const recipients = Array.from({ length: 500 }, (_, i) => ({ to: i % 2 === 0 ? '01011110001' : 5 }));
    const { error } = await errorOf(h, { url: '/v1/messages/batch', payload: { from: '0212345678', text: 'x', recipients } });
    expect(error.field).toBe('recipients[1].to');
    expect(error.errors).toHaveLength(100);
    expect(error.errors?.[99].field).toBe('recipients[199].to');
  });

  it.each([
    [{ ...valid, kind: 'scheduled' }, "required for kind 'scheduled'"],
    [{ ...valid, kind: 'scheduled', sendAt: '2026-03-02T09:30:00' }, 'Invalid ISO datetime'],
    [{ ...valid, kind: 'scheduled', sendAt: 1772400000000 }, 'expected string'],
    [{ ...valid, sendAt: '2026-03-02T09:30:00+09:00' }, "only for kind 'scheduled'"],
  ])('answers ENGINE_ERR_BAD_SCHEDULE on sendAt for %j', async (payload, message) => {
    const { status, error } = await errorOf(harness(), { url: '/v1/messages', payload });
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'ENGINE_ERR_BAD_SCHEDULE', field: 'sendAt' });
    expect(error.message).toContain(message);
  });

  it('answers ENGINE_ERR_BATCH_TOO_LARGE on the count alone, before looking at any recipient', async () => {
    const h = harness({ ...TEST_CONFIG, api: { maxBatch: 5 } });
    const { status, error } = await errorOf(h, { url: '/v1/messages/batch', payload: { from: '0212345678', text: 'x', recipients: [1, 2, 3, 4, 5, 6] } });
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'ENGINE_ERR_BATCH_TOO_LARGE', field: 'recipients' });
    expect(error.message).toContain('at most 5');
  });

  it('answers 413 ENGINE_ERR_BODY_TOO_LARGE over config.api.bodyLimit', async () => {
    const h = harness({ ...TEST_CONFIG, api: { bodyLimit: 1024 } });
    const { status, error } = await errorOf(h, { url: '/v1/messages', headers: JSON_A, payload: JSON.stringify({ ...valid, text: 'x'.repeat(2000) }) });
    expect(status).toBe(413);
    expect(error.code).toBe('ENGINE_ERR_BODY_TOO_LARGE');
  });

  it.each([
    ['text/plain', 'hello'],
    ['application/xml', '<a/>'],
    ['application/x-www-form-urlencoded', 'to=01012345678'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('answers 415 ENGINE_ERR_UNSUPPORTED_MEDIA_TYPE for %s', async (type, payload) => {
    const { status, error } = await errorOf(harness(), { url: '/v1/messages', headers: { ...A, 'content-type': type }, payload });
    expect(status).toBe(415);
    expect(error.code).toBe('ENGINE_ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 400 when a POST has no body at all', async () => {
    const { status, error } = await errorOf(harness(), { url: '/v1/messages/batch' });
    expect(status).toBe(400);
    expect(error.code).toBe('ENGINE_ERR_BAD_REQUEST');
  });

  it.each([
    ['GET', '/v1/nothing-here'],
    ['DELETE', '/v1/messages'],
    ['GET', '/'],
  ] as const)('answers 404 ENGINE_ERR_NOT_FOUND for an unknown route %s %s', async (method, url) => {
    const { status, error } = await errorOf(harness(), { method, url });
    expect(status).toBe(404);
    expect(error.code).toBe('ENGINE_ERR_NOT_FOUND');
  });

  it('answers 400 for a URL that does not decode', async () => {
    const { status, error } = await errorOf(harness(), { method: 'GET', url: '/v1/messages/%E0%A4%A' });
    expect(status).toBe(400);
    expect(error.code).toBe('ENGINE_ERR_BAD_REQUEST');
  });

  it("passes the Intake's FieldErrors on: 400, errors[] capped at 100, the first error's field and code on top", async () => {
    const h = harness();
    h.intake.failNext(Array.from({ length: 150 }, (_, i) => ({ field: `recipients[${i}].to`, code: 'ENGINE_ERR_BAD_NUMBER', message: 'not a Korean mobile number' })));
    const { status, error } = await errorOf(h, { url: '/v1/messages/batch', payload: { from: '0212345678', text: 'x', recipients: [{ to: '0101' }] } });
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'ENGINE_ERR_BAD_NUMBER', field: 'recipients[0].to' });
    expect(error.errors).toHaveLength(100);
    expect(error.message).toContain('149 more');
  });

  it('answers an unknown or unapproved template from the Intake as 400 naming template.id', async () => {
    const h = harness();
    h.intake.failNext([{ field: 'template.id', code: 'ENGINE_ERR_TEMPLATE_NOT_APPROVED', message: 'template t-1 is in wording-review' }]);
    const { status, error } = await errorOf(h, { url: '/v1/messages', payload: { ...valid, text: undefined, template: { id: 't-1' } } });
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'ENGINE_ERR_TEMPLATE_NOT_APPROVED', field: 'template.id' });
  });

  it('answers 422 when the Intake says an idempotency key was reused for another body', async () => {
    const h = harness();
    h.intake.failNext([{ field: 'idempotencyKey', code: 'ENGINE_ERR_IDEMPOTENCY_MISMATCH', message: 'key k was used for another request' }]);
    const { status, error } = await errorOf(h, { url: '/v1/messages', headers: { ...A, 'idempotency-key': 'k' }, payload: valid });
    expect(status).toBe(422);
    expect(error.code).toBe('ENGINE_ERR_IDEMPOTENCY_MISMATCH');
  });

  it.each([
    [false, 0],
    [true, 2],
  ])('logs each request only when asked (logRequests %s)', async (logRequests, expected) => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const h = harness(TEST_CONFIG, { logger: { level: 'info', stream }, logRequests });
    await h.app.inject({ url: '/healthz' });
    expect(lines.filter((l) => /incoming request|request completed/.test(l))).toHaveLength(expected);
  });

  it('answers anything thrown unexpectedly with 500 ENGINE_ERR_INTERNAL, no stack in the body, and logs it', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const h = harness(TEST_CONFIG, { logger: { level: 'error', stream } });
    h.intake.throwNext(new TypeError('cannot read properties of undefined (secret detail)'));
    const { status, error, body } = await errorOf(h, { url: '/v1/messages', payload: valid });
    expect(status).toBe(500);
    expect(error).toEqual({ code: 'ENGINE_ERR_INTERNAL', message: 'internal error' });
    expect(body).not.toContain('secret detail');
    expect(body).not.toContain('at ');
    expect(lines.join('')).toContain('secret detail');
    // And the server keeps answering.
    expect((await h.app.inject({ method: 'POST', url: '/v1/messages', headers: A, payload: valid })).statusCode).toBe(202);
  });

  it('maps EngineErrors thrown by the engine to their status: closed -> 503, store -> 500 without its message', async () => {
    const h = harness();
    h.intake.throwNext(new EngineError('ENGINE_ERR_CLOSED', 'engine is stopping'));
    const closed = await errorOf(h, { url: '/v1/messages', payload: valid });
    expect(closed.status).toBe(503);
    expect(closed.error.code).toBe('ENGINE_ERR_CLOSED');
    h.intake.throwNext(new EngineError('ENGINE_ERR_STORE', 'disk /var/lib/x full'));
    const store = await errorOf(h, { url: '/v1/messages', payload: valid });
    expect(store.status).toBe(500);
    expect(store.body).not.toContain('/var/lib');
  });
});

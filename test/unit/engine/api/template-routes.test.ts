import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiErrorBodySchema } from '../../../../engine/api/api-error.ts';
import { templateListSchema, templateViewSchema } from '../../../../engine/api/template-view.ts';
import { EngineError } from '../../../../engine/engine-errors.ts';
import type { FieldError } from '../../../../engine/intake/intake.ts';
import { createApiHarness, KEY_A, KEY_B, type ApiHarness } from './api-fakes.ts';

const A = { authorization: `Bearer ${KEY_A}` };
let h: ApiHarness;
beforeEach(() => {
  h = createApiHarness();
});
afterEach(async () => {
  await h.app.close();
});

const register = (payload: object, headers = A) => h.app.inject({ method: 'POST', url: '/v1/templates', headers, payload });
const review = (id: string, payload: object) => h.app.inject({ method: 'POST', url: `/v1/templates/${id}/review`, headers: A, payload });
const notice = { name: '배송 안내', kind: 'lms', bodies: { ko: { subject: '배송', text: '{{name}}님, 주문하신 상품이 출발했습니다.' }, en: { text: '{{name}}, your order has shipped.' } } };

describe('/v1/templates', () => {
  it('registers a template (201) for the key owner, ad defaulting to false, and shows it with ISO times', async () => {
    const res = await register(notice);
    expect(res.statusCode).toBe(201);
    const view = templateViewSchema.strict().parse(res.json());
    expect(view).toMatchObject({ id: 'tpl-1', name: '배송 안내', kind: 'lms', state: 'registered', createdAt: '2026-03-01T00:00:00.000Z' });
    expect(view.history).toEqual([{ state: 'registered', at: '2026-03-01T00:00:00.000Z' }]);
    expect(h.templates.registered).toEqual([{ tenant: 'tenant-a', input: { ...notice, ad: false } }]);
  });

  it('lists and reads only the tenant own templates', async () => {
    await register(notice);
    await register({ ...notice, name: 'b', id: 'promo-1' }, { authorization: `Bearer ${KEY_B}` });
    const list = await h.app.inject({ url: '/v1/templates', headers: A });
    expect(templateListSchema.parse(list.json()).items.map((t) => t.id)).toEqual(['tpl-1']);
    expect((await h.app.inject({ url: '/v1/templates/tpl-1', headers: A })).json().name).toBe('배송 안내');
    const other = await h.app.inject({ url: '/v1/templates/promo-1', headers: A });
    expect(other.statusCode).toBe(404);
    expect(apiErrorBodySchema.parse(other.json()).error.code).toBe('ENGINE_ERR_NOT_FOUND');
  });

  it('advances one review stage per pass, with the note in the history, and answers 409 once reviews are over', async () => {
    await register(notice);
    expect((await review('tpl-1', { decision: 'pass' })).json().state).toBe('wording-review');
    expect((await review('tpl-1', { decision: 'pass', note: 'wording ok' })).json().state).toBe('consistency-review');
    const approved = templateViewSchema.parse((await review('tpl-1', { decision: 'pass' })).json());
    expect(approved.state).toBe('approved');
    expect(approved.history.map((x) => x.note)).toEqual([undefined, undefined, 'wording ok', undefined]);
    const over = await review('tpl-1', { decision: 'reject' });
    expect(over.statusCode).toBe(409);
    expect(apiErrorBodySchema.parse(over.json()).error.code).toBe('ENGINE_ERR_CONFLICT');
  });

  it('answers 404 for a review of an unknown template and 400 naming decision for a bad one', async () => {
    expect((await review('nope', { decision: 'pass' })).statusCode).toBe(404);
    const bad = await review('nope', { decision: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'ENGINE_ERR_BAD_REQUEST', field: 'decision' });
  });

  it.each([
    [{ ...notice, kind: 'fax' }, 'kind'],
    [{ ...notice, bodies: {} }, 'bodies'],
    [{ ...notice, bodies: { ko: { text: '' } } }, 'bodies.ko.text'],
    [{ ...notice, id: 'has space' }, 'id'],
    [{ kind: 'sms', bodies: notice.bodies }, 'name'],
  ])('refuses a malformed registration naming the field: %j -> %s', async (payload, field) => {
    const res = await register(payload);
    expect(res.statusCode).toBe(400);
    expect(apiErrorBodySchema.parse(res.json()).error).toMatchObject({ code: 'ENGINE_ERR_BAD_REQUEST', field });
    expect(h.templates.registered).toHaveLength(0);
  });

  it("passes the template service's own field errors on as 400 with errors[], and its conflicts as 409", async () => {
    const errors: FieldError[] = [
      { field: 'bodies.en.text', code: 'ENGINE_ERR_TEMPLATE_VARIABLE', message: 'uses {name} but ko uses {name, shop}' },
      { field: 'bodies.ko.subject', code: 'ENGINE_ERR_CONTENT_TOO_LONG', message: 'subject is 60 bytes' },
    ];
    h.templates.register = async () => {
      throw Object.assign(new EngineError('ENGINE_ERR_BAD_REQUEST', 'invalid template'), { errors });
    };
    const res = await register(notice);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'ENGINE_ERR_TEMPLATE_VARIABLE', field: 'bodies.en.text', errors });
  });

  it('answers 409 when the service refuses a duplicate name', async () => {
    const res = await register({ ...notice, name: 'duplicate' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ENGINE_ERR_CONFLICT');
  });

  it('requires an API key', async () => {
    expect((await h.app.inject({ url: '/v1/templates' })).statusCode).toBe(401);
  });
});

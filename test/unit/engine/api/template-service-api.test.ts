// The template routes over the real template service (memory store): what the API validates and what the
// service checks fit together, and the service's errors come out as the API's statuses and bodies.
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { apiErrorBodySchema } from '../../../../engine/api/api-error.ts';
import { createApiServer } from '../../../../engine/api/api-server.ts';
import { templateViewSchema } from '../../../../engine/api/template-view.ts';
import { engineConfigSchema } from '../../../../engine/engine-config.ts';
import { createMemoryStore } from '../../../../engine/store/memory-store.ts';
import { createTemplateService } from '../../../../engine/templates/template-service.ts';
import type { FastifyInstance } from 'fastify';
import { createFakeIntake, KEY_A, TEST_CONFIG } from './api-fakes.ts';

const A = { authorization: `Bearer ${KEY_A}` };
let app: FastifyInstance;

beforeEach(() => {
  const clock = createManualClock(Date.parse('2026-03-01T00:00:00Z'));
  const templates = createTemplateService({ store: createMemoryStore(), clock });
  app = createApiServer({ intake: createFakeIntake(), templates, config: engineConfigSchema.parse(TEST_CONFIG), registry: new Registry(), clock, logger: false });
});
afterEach(async () => {
  await app.close();
});

const register = (payload: object) => app.inject({ method: 'POST', url: '/v1/templates', headers: A, payload });
const review = (id: string, payload: object) => app.inject({ method: 'POST', url: `/v1/templates/${id}/review`, headers: A, payload });

describe('template routes over the template service', () => {
  it('registers, walks the three reviews to approved, then refuses further reviews with 409', async () => {
    const res = await register({ id: 'ship-1', name: '배송', kind: 'lms', bodies: { ko: { text: '{{name}}님 출발' }, en: { text: '{{name}}, shipped' } } });
    expect(res.statusCode).toBe(201);
    expect(templateViewSchema.parse(res.json())).toMatchObject({ id: 'ship-1', state: 'registered', variables: ['name'], defaultLanguage: 'ko', ad: false });
    for (const state of ['wording-review', 'consistency-review', 'approved']) {
      expect((await review('ship-1', { decision: 'pass' })).json().state).toBe(state);
    }
    const over = await review('ship-1', { decision: 'pass' });
    expect(over.statusCode).toBe(409);
    expect(apiErrorBodySchema.parse(over.json()).error.code).toBe('ENGINE_ERR_CONFLICT');
    expect((await app.inject({ url: '/v1/templates', headers: A })).json().items).toHaveLength(1);
  });

  it("answers the service's field errors with 400, every field listed", async () => {
    const res = await register({ name: 'x', kind: 'sms', bodies: { ko: { text: '{{name}}님' }, en: { text: 'hi {{shop}}' } } });
    expect(res.statusCode).toBe(400);
    const { error } = apiErrorBodySchema.parse(res.json());
    expect(error).toMatchObject({ code: 'ENGINE_ERR_TEMPLATE_VARIABLE', field: 'bodies.en.text' });
    expect(error.errors?.map((e) => e.field)).toEqual(['bodies.en.text']);
  });

  it('answers 404 for reviewing a template that does not exist, and 409 for a name taken twice', async () => {
    expect((await review('nope', { decision: 'pass' })).statusCode).toBe(404);
    const body = { name: 'same', kind: 'sms', bodies: { ko: { text: '안녕' } } };
    expect((await register(body)).statusCode).toBe(201);
    expect((await register(body)).statusCode).toBe(409);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiHarness, KEY_A, TEST_CONFIG, type ApiHarness } from './api-fakes.ts';

let h: ApiHarness;
beforeEach(() => {
  h = createApiHarness({ ...TEST_CONFIG, api: { maxBatch: 2500 } });
});
afterEach(async () => {
  await h.app.close();
});

// Every "$ref" in the document, wherever it sits.
function refs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) refs(x, out);
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.push(x);
      else refs(x, out);
    }
  }
  return out;
}

describe('OpenAPI document and docs', () => {
  it('serves an OpenAPI 3.1 document at /docs/json, without a key, with every /v1 path and its component schemas', async () => {
    const res = await h.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/messages', '/v1/messages/batch', '/v1/messages/{id}', '/v1/messages/{id}/cancel', '/v1/templates', '/v1/templates/{id}', '/v1/templates/{id}/review', '/healthz', '/metrics']),
    );
    expect(Object.keys(doc.paths['/v1/messages'])).toEqual(['post', 'get']);
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['SendMessageRequest', 'BatchMessageRequest', 'BatchRecipient', 'Message', 'Template', 'TemplateRegistration', 'TemplateReview', 'Error']));
    for (const ref of refs(doc)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas[ref.split('/').pop() as string], ref).toBeDefined();
    }
    // The request schemas are the validating ones: strict, with their constraints.
    const send = schemas.SendMessageRequest;
    expect(send.additionalProperties).toBe(false);
    expect(send.required).toEqual(['to', 'from']);
    expect(send.properties.sendAt.format).toBe('date-time');
    expect(send.properties.kind).toMatchObject({ enum: ['realtime', 'scheduled'], default: 'realtime' });
    expect(schemas.BatchMessageRequest.properties.recipients).toMatchObject({ minItems: 1, maxItems: 2500, items: { $ref: '#/components/schemas/BatchRecipient' } });
    expect(schemas.Error.properties.error.properties.errors.maxItems).toBe(100);
    expect(doc.paths['/v1/messages/batch'].post.responses['429'].headers['Retry-After']).toBeDefined();
  });

  it('serves Swagger UI as HTML at /docs with its assets from the package, not a CDN', async () => {
    const page = await h.app.inject({ url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('swagger-ui');
    expect(page.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"']*\.(js|css)/);
    const bundle = await h.app.inject({ url: '/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body.length).toBeGreaterThan(100_000);
  });

  it('answers /healthz without a key, with what the engine reports', async () => {
    const res = await h.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', engine: 'running' });
  });

  it("serves the registry's Prometheus text at /metrics without a key, including the API's request counts", async () => {
    await h.app.inject({ method: 'POST', url: '/v1/messages', headers: { authorization: `Bearer ${KEY_A}` }, payload: { to: '01012345678', from: '0212345678', text: 'x' } });
    await h.app.inject({ url: '/v1/messages/none', headers: { authorization: `Bearer ${KEY_A}` } });
    const res = await h.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('msgsim_engine_api_requests_total{method="POST",route="/v1/messages",status="202"} 1');
    expect(res.body).toContain('msgsim_engine_api_requests_total{method="GET",route="/v1/messages/:id",status="404"} 1');
  });
});

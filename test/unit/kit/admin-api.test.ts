import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createAdminApi } from '../../../gateways/kit/admin-api.ts';
import type { AdminApiOptions } from '../../../gateways/kit/admin-api.ts';
import type { Behaviour } from '../../../gateways/kit/behaviour-schema.ts';
import { createBehaviourModel } from '../../../gateways/kit/behaviour-model.ts';
import type { BehaviourModel, OutageRequest } from '../../../gateways/kit/behaviour-model.ts';
import { parseBehaviour } from '../../../gateways/kit/behaviour-schema.ts';
import { createManualClock } from '../../../gateways/kit/clock.ts';
import { createGatewayStats } from '../../../gateways/kit/gateway-stats.ts';
import { createRecentLog } from '../../../gateways/kit/recent-log.ts';
import { createRng } from '../../../gateways/kit/rng.ts';

interface Harness {
  app: FastifyInstance;
  model(): BehaviourModel;
  outages: (OutageRequest | null)[];
  mo: unknown[];
}

function harness(over: Partial<AdminApiOptions> = {}): Harness {
  const clock = createManualClock(0);
  let model = createBehaviourModel(parseBehaviour('version: 1'), { clock, rng: createRng(1) });
  const stats = createGatewayStats();
  stats.inc('submit_sm', 3);
  const log = createRecentLog<{ n: number }>(10);
  for (let n = 1; n <= 5; n++) log.push({ n });
  const outages: (OutageRequest | null)[] = [];
  const mo: unknown[] = [];
  const app = createAdminApi({
    gateway: 'smsvas',
    stats: () => stats.snapshot(),
    log,
    reloadBehaviour: (spec: Behaviour) => {
      model = createBehaviourModel(spec, { clock, rng: createRng(1) });
    },
    setOutage: (o) => {
      outages.push(o);
      model.setOutage(o);
    },
    outage: () => model.outage(),
    behaviour: () => model.spec,
    injectMo: async (body) => {
      mo.push(body);
      return { messageId: 'mo-1' };
    },
    ...over,
  });
  return { app, model: () => model, outages, mo };
}

let open: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(open.map((a) => a.close()));
  open = [];
});
function start(over: Partial<AdminApiOptions> = {}): Harness {
  const h = harness(over);
  open.push(h.app);
  return h;
}

describe('admin API', () => {
  it('answers health and stats', async () => {
    const { app } = start();
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok', gateway: 'smsvas' });
    expect((await app.inject({ method: 'GET', url: '/admin/stats' })).json()).toEqual({ gateway: 'smsvas', stats: { submit_sm: 3 } });
  });

  it('lists the recent log, newest last, limited on request', async () => {
    const { app } = start();
    expect((await app.inject({ method: 'GET', url: '/admin/log?limit=2' })).json()).toEqual({ gateway: 'smsvas', entries: [{ n: 4 }, { n: 5 }] });
    expect((await app.inject({ method: 'GET', url: '/admin/log' })).json().entries).toHaveLength(5);
    const bad = await app.inject({ method: 'GET', url: '/admin/log?limit=-3' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('KIT_ERR_BAD_REQUEST');
  });

  it('reloads behaviour sent as YAML', async () => {
    const h = start();
    const yaml = "version: 1\nrules:\n  - { name: block, when: { destination: '0109*' }, then: { reject: spam } }\n";
    for (const type of ['application/yaml', 'text/yaml']) {
      const res = await h.app.inject({ method: 'PUT', url: '/admin/behaviour', headers: { 'content-type': type }, payload: yaml });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ reloaded: true, rules: 1 });
    }
    expect(h.model().decide({ operation: 'submit_sm', destination: '01091234567' }).rule).toBe('block');
  });

  it('reloads behaviour sent as JSON', async () => {
    const h = start();
    const res = await h.app.inject({ method: 'PUT', url: '/admin/behaviour', payload: { version: 1, latency: 42 } });
    expect(res.statusCode).toBe(200);
    expect(h.model().spec.latency).toBe(42);
  });

  it('refuses an invalid behaviour with 400 naming the field and line, keeping the old one', async () => {
    const h = start();
    const res = await h.app.inject({
      method: 'PUT',
      url: '/admin/behaviour',
      headers: { 'content-type': 'application/yaml' },
      payload: 'version: 1\nrules:\n  - then: { reject: nope }\n',
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('KIT_ERR_BEHAVIOUR_INVALID');
    expect(error.message).toContain('PUT /admin/behaviour:3: rules[0].then.reject');
    expect(h.model().spec.rules).toHaveLength(0);
  });

  it('serves the behaviour in force as JSON or YAML', async () => {
    const { app } = start();
    expect((await app.inject({ method: 'GET', url: '/admin/behaviour' })).json()).toMatchObject({ version: 1, timezone: 'Asia/Seoul' });
    const yaml = await app.inject({ method: 'GET', url: '/admin/behaviour', headers: { accept: 'application/yaml' } });
    expect(yaml.headers['content-type']).toContain('application/yaml');
    expect(parseBehaviour(yaml.body).timezone).toBe('Asia/Seoul');
  });

  it('starts and ends an outage', async () => {
    const h = start();
    const res = await h.app.inject({ method: 'POST', url: '/admin/outage', payload: { mode: 'refuse', duration: '5m' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ gateway: 'smsvas', outage: { mode: 'refuse', until: 300_000 } });
    expect(h.outages).toEqual([{ mode: 'refuse', durationMs: 300_000 }]);
    expect((await h.app.inject({ method: 'GET', url: '/admin/outage' })).json().outage.mode).toBe('refuse');
    const del = await h.app.inject({ method: 'DELETE', url: '/admin/outage' });
    expect(del.json()).toEqual({ gateway: 'smsvas', outage: null });
    expect(h.model().outage()).toBeNull();
  });

  it('refuses a malformed outage request with 400', async () => {
    const { app } = start();
    const badMode = await app.inject({ method: 'POST', url: '/admin/outage', payload: { mode: 'down' } });
    expect(badMode.statusCode).toBe(400);
    expect(badMode.json().error).toMatchObject({ code: 'KIT_ERR_BAD_REQUEST', message: expect.stringContaining('mode') });
    const badDuration = await app.inject({ method: 'POST', url: '/admin/outage', payload: { mode: 'slow', duration: 'soon' } });
    expect(badDuration.statusCode).toBe(400);
    expect(badDuration.json().error.code).toBe('KIT_ERR_BAD_DURATION');
  });

  it('injects MO messages through the gateway', async () => {
    const h = start();
    const res = await h.app.inject({ method: 'POST', url: '/admin/mo', payload: { from: '01012345678', text: 'STOP' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ messageId: 'mo-1' });
    expect(h.mo).toEqual([{ from: '01012345678', text: 'STOP' }]);
  });

  it('answers 404 with a JSON error when the gateway has no MO', async () => {
    const { app } = start({ injectMo: undefined });
    const res = await app.inject({ method: 'POST', url: '/admin/mo', payload: {} });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('KIT_ERR_NO_MO');
  });

  it('gives every 4xx a JSON error body', async () => {
    const { app } = start();
    const cases = [
      { req: { method: 'GET' as const, url: '/nope' }, status: 404 },
      { req: { method: 'PUT' as const, url: '/admin/behaviour', headers: { 'content-type': 'application/json' }, payload: '{"version": 1' }, status: 400 },
      { req: { method: 'PUT' as const, url: '/admin/behaviour', headers: { 'content-type': 'application/octet-stream' }, payload: 'x' }, status: 415 },
      { req: { method: 'PUT' as const, url: '/admin/behaviour', headers: { 'content-type': 'application/yaml' }, payload: '#'.repeat(1024 * 1024 + 1) }, status: 413 },
      { req: { method: 'PUT' as const, url: '/admin/behaviour', headers: { 'content-type': 'application/yaml' }, payload: '' }, status: 400 },
    ];
    for (const c of cases) {
      const res = await app.inject(c.req);
      expect(res.statusCode, c.req.url).toBe(c.status);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json().error).toEqual({ code: expect.any(String), message: expect.any(String) });
    }
  });

  it('lets a gateway add its own routes', async () => {
    const { app } = start({ extraRoutes: (a) => a.get('/admin/sessions', async () => ({ sessions: [] })) });
    expect((await app.inject({ method: 'GET', url: '/admin/sessions' })).json()).toEqual({ sessions: [] });
  });
});

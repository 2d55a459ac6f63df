// The admin HTTP API every simulator exposes, the same shape for all gateways: health, counters,
// recent log, hot behaviour reload, outages and MO injection. The caller decides where it listens.

import { fastify } from 'fastify';
import type { FastifyError, FastifyInstance } from 'fastify';
import { stringify } from 'yaml';
import { z } from 'zod';
import { latencySchema, OUTAGE_MODES, parseBehaviour } from './behaviour-schema.ts';
import type { Behaviour } from './behaviour-schema.ts';
import { validationError } from './behaviour-issues.ts';
import { parseDuration } from './duration.ts';
import { KitError, isKitError } from './kit-errors.ts';
import type { KitErrorCode } from './kit-errors.ts';
import type { ActiveOutage, OutageRequest } from './outage-state.ts';

export interface AdminApiOptions {
  /** Gateway name as shown to users: 'smsvas', 'gmmsc', 'rcs', 'xroshot'. */
  gateway: string;
  stats(): Record<string, unknown>;
  log: { list(limit?: number): unknown[] };
  /** Called with an already validated behaviour; throw to refuse it (answered 500). */
  reloadBehaviour(spec: Behaviour): void;
  setOutage(o: OutageRequest | null): void;
  /** When given, POST/DELETE answer with the outage now in force and GET /admin/outage exists. */
  outage?(): ActiveOutage | null;
  /** When given, GET /admin/behaviour serves the behaviour in force (YAML if asked for, else JSON). */
  behaviour?(): Behaviour;
  injectMo?(body: unknown): Promise<unknown>;
  extraRoutes?(app: FastifyInstance): void;
  /** Fastify logger option; off by default because simulators log through their own recent log. */
  logger?: boolean;
}

export const ADMIN_BODY_LIMIT = 1024 * 1024;
const YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml', 'text/x-yaml'];

const outageBody = z.strictObject({
  mode: z.enum(OUTAGE_MODES),
  duration: z.union([z.number(), z.string()], { error: "expected a duration such as '5m' or a number of ms" }).optional(),
  latency: latencySchema.optional(),
});

const STATUS_OF: Partial<Record<KitErrorCode, number>> = { KIT_ERR_NOT_FOUND: 404, KIT_ERR_NO_MO: 404, KIT_ERR_INTERNAL: 500 };

function errorBody(code: string, message: string, issues?: readonly unknown[]) {
  return { error: issues && issues.length > 0 ? { code, message, issues } : { code, message } };
}

export function createAdminApi(opts: AdminApiOptions): FastifyInstance {
  const app = fastify({ logger: opts.logger ?? false, bodyLimit: ADMIN_BODY_LIMIT });

  app.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err: FastifyError | KitError, _req, reply) => {
    if (isKitError(err)) {
      const status = STATUS_OF[err.code] ?? 400;
      return reply.status(status).send(errorBody(err.code, err.message, err.issues));
    }
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    const code = err.code ?? (status >= 500 ? 'KIT_ERR_INTERNAL' : 'KIT_ERR_BAD_REQUEST');
    return reply.status(status).send(errorBody(code, err.message));
  });

  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send(errorBody('KIT_ERR_NOT_FOUND', `no admin route ${req.method} ${req.url.split('?')[0]}`)),
  );

  app.get('/healthz', async () => ({ status: 'ok', gateway: opts.gateway }));

  app.get('/admin/stats', async () => ({ gateway: opts.gateway, stats: opts.stats() }));

  app.get('/admin/log', async (req) => {
    const raw = (req.query as Record<string, unknown>).limit;
    let limit: number | undefined;
    if (raw !== undefined) {
      if (typeof raw !== 'string' || !/^[1-9]\d*$/.test(raw)) {
        throw new KitError('KIT_ERR_BAD_REQUEST', `limit must be a positive integer, got '${String(raw)}'`);
      }
      limit = Number(raw);
    }
    return { gateway: opts.gateway, entries: opts.log.list(limit) };
  });

  app.put('/admin/behaviour', async (req) => {
    if (req.body === undefined || req.body === null || req.body === '') {
      throw new KitError('KIT_ERR_BAD_REQUEST', 'send the behaviour as YAML (content-type application/yaml) or JSON');
    }
    const spec = parseBehaviour(req.body, 'PUT /admin/behaviour');
    opts.reloadBehaviour(spec);
    return { gateway: opts.gateway, reloaded: true, rules: spec.rules.length, outages: spec.outages.length };
  });

  const behaviour = opts.behaviour;
  if (behaviour) {
    app.get('/admin/behaviour', async (req, reply) => {
      const spec = behaviour();
      if (/yaml/.test(req.headers.accept ?? '')) return reply.type('application/yaml').send(stringify(spec));
      return spec;
    });
  }

  const outage = opts.outage;
  if (outage) app.get('/admin/outage', async () => ({ gateway: opts.gateway, outage: outage() }));

  app.post('/admin/outage', async (req) => {
    const parsed = outageBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      const e = validationError(parsed.error.issues, req.body, 'POST /admin/outage');
      throw new KitError('KIT_ERR_BAD_REQUEST', e.message, { issues: [...e.issues] });
    }
    const { mode, duration, latency } = parsed.data;
    const request: OutageRequest = { mode };
    if (duration !== undefined) request.durationMs = parseDuration(duration);
    if (latency !== undefined) request.latency = latency;
    opts.setOutage(request);
    return { gateway: opts.gateway, outage: outage ? outage() : request };
  });

  app.delete('/admin/outage', async () => {
    opts.setOutage(null);
    return { gateway: opts.gateway, outage: outage ? outage() : null };
  });

  app.post('/admin/mo', async (req) => {
    if (!opts.injectMo) throw new KitError('KIT_ERR_NO_MO', `gateway ${opts.gateway} has no mobile-originated messages`);
    const result = await opts.injectMo(req.body);
    return result ?? { gateway: opts.gateway, injected: true };
  });

  opts.extraRoutes?.(app);
  return app;
}

// The engine's HTTP API (fastify): /v1 messages and templates behind API-key auth and a per-tenant
// quota, /healthz, /metrics, and the OpenAPI document with Swagger UI at /docs. Every answer that is
// not a success carries the one error body (api-error.ts); nothing a client sends can crash it.
// The caller listens (app.listen) and closes.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { fastify, LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Registry } from 'prom-client';
import type { Clock } from '../../gateways/kit/clock.ts';
import type { EngineConfig, Tenant } from '../engine-config.ts';
import type { Intake } from '../intake/intake.ts';
import { ApiError, errorBody, mapError } from './api-error.ts';
import { createApiMetrics } from './api-metrics.ts';
import { registerMessageRoutes } from './message-routes.ts';
import { buildOpenApiDocument } from './openapi-document.ts';
import { createTenantGate } from './tenant-gate.ts';
import { registerTemplateRoutes, type TemplateApi } from './template-routes.ts';

export interface ApiServerOptions {
  intake: Intake;
  templates: TemplateApi;
  config: EngineConfig;
  registry: Registry;
  clock: Clock;
  /** Merged into the /healthz answer (engine state, store, gateways). */
  health?: () => object;
  /** Log every request (fastify's request logging); off by default, errors are logged either way. */
  logRequests?: boolean;
  /** A fastify logger option, replacing the default (errors only, to stderr); tests pass a stream. */
  logger?: FastifyServerOptions['logger'];
}

// Routes under /v1 that a path parameter can reach; longer ids cannot exist.
const MAX_PARAM_LENGTH = 200;

export function createApiServer(opts: ApiServerOptions): FastifyInstance {
  const { config, clock } = opts;
  const app = fastify({
    logger: opts.logger ?? { level: opts.logRequests === true ? 'info' : 'error' },
    logController: new LogController({ disableRequestLogging: opts.logRequests !== true }),
    bodyLimit: config.api.bodyLimit,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // fastify's closing 503 has its own body; requests arriving while the server drains are answered
    // normally instead (close the API before the engine, and a stopping engine answers ENGINE_ERR_CLOSED).
    return503OnClosing: false,
    // Errors raised before routing (a URL that does not decode) skip the error handler.
    frameworkErrors: (err, _req, reply) => {
      void (reply as FastifyReply).status(400).send(errorBody('ENGINE_ERR_BAD_REQUEST', err.message.slice(0, 300)));
    },
  });
  // Only JSON bodies: text/plain would otherwise reach the handlers as a string.
  app.removeContentTypeParser('text/plain');

  const gate = createTenantGate(config.tenants, clock);
  const metrics = createApiMetrics(opts.registry);
  const tenants = new WeakMap<FastifyRequest, Tenant>();
  const tenantOf = (req: FastifyRequest): Tenant => {
    const t = tenants.get(req);
    if (t === undefined) throw new Error('route reached without authentication');
    return t;
  };

  app.setErrorHandler((err, req, reply) => {
    const mapped = mapError(err);
    if (mapped.internal) req.log.error({ err }, 'engine API request failed');
    if (mapped.headers !== undefined) void reply.headers(mapped.headers);
    return reply.status(mapped.status).send(mapped.body);
  });

  app.setNotFoundHandler((req, reply) => {
    const path = (req.url.split('?')[0] ?? '').slice(0, 200);
    return reply.status(404).send(errorBody('ENGINE_ERR_NOT_FOUND', `no route ${req.method} ${path}`));
  });

  app.addHook('onResponse', async (req, reply) => {
    metrics.request(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode);
  });

  // Authentication runs before the body is read, so an unknown caller cannot make the server parse megabytes.
  app.register(async (v1) => {
    v1.addHook('onRequest', async (req) => {
      const tenant = gate.authenticate(req.headers);
      if (tenant === null) throw new ApiError(401, 'ENGINE_ERR_UNAUTHORIZED', 'missing or unknown API key (Authorization: Bearer <key> or X-API-Key)');
      tenants.set(req, tenant);
    });
    registerMessageRoutes(v1, { intake: opts.intake, gate, maxBatch: config.api.maxBatch, tenantOf });
    registerTemplateRoutes(v1, { templates: opts.templates, tenantOf });
  });

  app.get('/healthz', async () => ({ status: 'ok', ...(opts.health?.() ?? {}) }));

  app.get('/metrics', async (_req, reply) => {
    const text = await opts.registry.metrics();
    return reply.type(opts.registry.contentType).send(text);
  });

  app.register(swagger, { mode: 'static', specification: { document: buildOpenApiDocument({ maxBatch: config.api.maxBatch }) as never } });
  app.register(swaggerUi, { routePrefix: '/docs' });
  return app;
}

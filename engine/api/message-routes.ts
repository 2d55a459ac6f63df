// /v1/messages: send one, send a batch, read one, find by clientRef, cancel. Each body is validated
// and mapped to MessageRequests before the quota is charged and before the Intake sees anything.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Tenant } from '../engine-config.ts';
import type { Intake, SubmitResult } from '../intake/intake.ts';
import { issuesToFieldErrors } from '../intake/issue-field-errors.ts';
import { mapBatch, mapSendMessage } from '../intake/request-mapper.ts';
import { messageQuerySchema, REQUEST_LIMITS } from '../intake/request-schema.ts';
import { ApiError, fieldErrorsToApiError, requireBody } from './api-error.ts';
import { toMessageView } from './message-view.ts';
import type { TenantGate } from './tenant-gate.ts';

export interface MessageRouteDeps {
  intake: Intake;
  gate: TenantGate;
  maxBatch: number;
  tenantOf(req: FastifyRequest): Tenant;
}

function idempotencyHeader(req: FastifyRequest): string | undefined {
  const v = req.headers['idempotency-key'];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length < 1 || v.length > REQUEST_LIMITS.idempotencyKey) {
    throw new ApiError(400, 'ENGINE_ERR_BAD_REQUEST', `Idempotency-Key: 1-${REQUEST_LIMITS.idempotencyKey} characters`, { field: 'Idempotency-Key' });
  }
  return v;
}

function charge(deps: MessageRouteDeps, tenant: Tenant, count: number): void {
  const q = deps.gate.charge(tenant, count);
  if (q.ok) return;
  if (q.reason === 'over-burst') {
    throw new ApiError(400, 'ENGINE_ERR_BATCH_TOO_LARGE', `${count} recipients is more than the tenant's quota burst of ${q.burst}; split the batch`, { field: 'recipients' });
  }
  throw new ApiError(429, 'ENGINE_ERR_QUOTA', `intake quota of ${tenant.quota.rate} messages/s exhausted; retry after ${q.retryAfterSeconds} s`, {
    headers: { 'retry-after': String(q.retryAfterSeconds) },
  });
}

const items = (res: Extract<SubmitResult, { ok: true }>) => res.items.map((it) => ({ id: it.id, state: it.state, duplicate: it.duplicate }));
const BATCH_PREFIX = (i: number): string => `recipients[${i}].`;
const NO_PREFIX = (): string => '';

const notFound = (id: string): ApiError => new ApiError(404, 'ENGINE_ERR_NOT_FOUND', `no message ${id.slice(0, 100)}`);

export function registerMessageRoutes(app: FastifyInstance, deps: MessageRouteDeps): void {
  const { intake } = deps;

  app.post('/v1/messages', async (req, reply) => {
    const tenant = deps.tenantOf(req);
    const mapped = mapSendMessage(requireBody(req.body), { idempotencyKey: idempotencyHeader(req) });
    if (!mapped.ok) throw fieldErrorsToApiError(mapped.errors);
    charge(deps, tenant, 1);
    const res = await intake.submit(tenant, mapped.requests, NO_PREFIX);
    if (!res.ok) throw fieldErrorsToApiError(res.errors);
    return reply.code(202).send(items(res)[0]);
  });

  app.post('/v1/messages/batch', async (req, reply) => {
    const tenant = deps.tenantOf(req);
    const mapped = mapBatch(requireBody(req.body), { maxBatch: deps.maxBatch, idempotencyKey: idempotencyHeader(req) });
    if (!mapped.ok) throw fieldErrorsToApiError(mapped.errors);
    charge(deps, tenant, mapped.requests.length);
    const res = await intake.submit(tenant, mapped.requests, BATCH_PREFIX);
    if (!res.ok) throw fieldErrorsToApiError(res.errors);
    return reply.code(202).send({ accepted: res.items.length, items: items(res) });
  });

  app.get('/v1/messages', async (req) => {
    const tenant = deps.tenantOf(req);
    const q = messageQuerySchema.safeParse(req.query);
    if (!q.success) throw fieldErrorsToApiError(issuesToFieldErrors(q.error.issues));
    const records = await intake.findByClientRef(tenant, q.data.clientRef, q.data.limit);
    return { items: records.filter((r) => r.tenant === tenant.id).map(toMessageView) };
  });

  app.get<{ Params: { id: string } }>('/v1/messages/:id', async (req) => {
    const tenant = deps.tenantOf(req);
    const record = await intake.get(tenant, req.params.id);
    if (record === null || record.tenant !== tenant.id) throw notFound(req.params.id);
    return toMessageView(record);
  });

  app.post<{ Params: { id: string } }>('/v1/messages/:id/cancel', async (req) => {
    const tenant = deps.tenantOf(req);
    const res = await intake.cancel(tenant, req.params.id);
    if (res.kind === 'not-found' || res.record.tenant !== tenant.id) throw notFound(req.params.id);
    if (res.kind === 'too-late') throw new ApiError(409, 'ENGINE_ERR_CONFLICT', `message ${res.record.id} is ${res.record.state}; too late to cancel`);
    return toMessageView(res.record);
  });
}

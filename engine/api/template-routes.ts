// /v1/templates: register, list, read, review. The shape is checked here; the template service checks
// the meaning (placeholders, lengths, review stage) and throws EngineErrors that the error handler maps.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Tenant } from '../engine-config.ts';
import { issuesToFieldErrors } from '../intake/issue-field-errors.ts';
import { templateRegistrationSchema, templateReviewSchema, type TemplateRegistration, type TemplateReview } from '../intake/request-schema.ts';
import type { Template } from '../templates/template.ts';
import { ApiError, fieldErrorsToApiError, requireBody } from './api-error.ts';
import { toTemplateView } from './template-view.ts';

/** What the API needs of the template service (engine/templates/template-service.ts). */
export interface TemplateApi {
  register(tenant: string, input: TemplateRegistration): Promise<Template>;
  review(tenant: string, id: string, input: TemplateReview): Promise<Template>;
  get(tenant: string, id: string): Promise<Template | null>;
  list(tenant: string): Promise<Template[]>;
}

export interface TemplateRouteDeps {
  templates: TemplateApi;
  tenantOf(req: FastifyRequest): Tenant;
}

const notFound = (id: string): ApiError => new ApiError(404, 'ENGINE_ERR_NOT_FOUND', `no template ${id.slice(0, 100)}`);

export function registerTemplateRoutes(app: FastifyInstance, deps: TemplateRouteDeps): void {
  const { templates } = deps;

  app.post('/v1/templates', async (req, reply) => {
    const tenant = deps.tenantOf(req);
    const parsed = templateRegistrationSchema.safeParse(requireBody(req.body));
    if (!parsed.success) throw fieldErrorsToApiError(issuesToFieldErrors(parsed.error.issues));
    const t = await templates.register(tenant.id, parsed.data);
    return reply.code(201).send(toTemplateView(t));
  });

  app.get('/v1/templates', async (req) => {
    const tenant = deps.tenantOf(req);
    return { items: (await templates.list(tenant.id)).map(toTemplateView) };
  });

  app.get<{ Params: { id: string } }>('/v1/templates/:id', async (req) => {
    const tenant = deps.tenantOf(req);
    const t = await templates.get(tenant.id, req.params.id);
    if (t === null) throw notFound(req.params.id);
    return toTemplateView(t);
  });

  app.post<{ Params: { id: string } }>('/v1/templates/:id/review', async (req) => {
    const tenant = deps.tenantOf(req);
    const parsed = templateReviewSchema.safeParse(requireBody(req.body));
    if (!parsed.success) throw fieldErrorsToApiError(issuesToFieldErrors(parsed.error.issues));
    return toTemplateView(await templates.review(tenant.id, req.params.id, parsed.data));
  });
}

// The OpenAPI 3.1 document served at /docs/json. Its schemas come from the same zod schemas the API
// validates with (request-schema.ts) and the views it answers with, so the document cannot drift
// from the code; only the paths (status codes, parameters) are written here.
import { z } from 'zod';
import {
  batchMessageSchema,
  batchRecipientSchema,
  mediaPartSchema,
  rcsButtonSchema,
  rcsCardSchema,
  rcsContentSchema,
  sendMessageSchema,
  templateRefSchema,
  templateRegistrationSchema,
  templateReviewSchema,
} from '../intake/request-schema.ts';
import { apiErrorBodySchema } from './api-error.ts';
import { batchResultSchema, messageListSchema, messageViewSchema, submitItemSchema } from './message-view.ts';
import { templateListSchema, templateViewSchema } from './template-view.ts';

type Json = Record<string, unknown>;

function componentSchemas(maxBatch: number): Record<string, Json> {
  const reg = z.registry<{ id: string }>();
  const named: Array<[string, z.ZodType]> = [
    ['MediaPart', mediaPartSchema],
    ['RcsButton', rcsButtonSchema],
    ['RcsCard', rcsCardSchema],
    ['RcsContent', rcsContentSchema],
    ['TemplateRef', templateRefSchema],
    ['SendMessageRequest', sendMessageSchema],
    ['BatchRecipient', batchRecipientSchema],
    ['BatchMessageRequest', batchMessageSchema(maxBatch)],
    ['TemplateRegistration', templateRegistrationSchema],
    ['TemplateReview', templateReviewSchema],
    ['SubmitResult', submitItemSchema],
    ['BatchResult', batchResultSchema],
    ['Message', messageViewSchema],
    ['MessageList', messageListSchema],
    ['Template', templateViewSchema],
    ['TemplateList', templateListSchema],
    ['Error', apiErrorBodySchema],
  ];
  for (const [id, schema] of named) reg.add(schema, { id });
  const out = z.toJSONSchema(reg, { io: 'input', uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  const schemas: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(out.schemas)) {
    const { $schema: _s, $id: _i, ...rest } = schema as Json;
    schemas[id] = rest;
  }
  return schemas;
}

const ref = (id: string): Json => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string): Json => ({ content: { 'application/json': { schema: ref(id) } } });
const answer = (description: string, id: string): Json => ({ description, ...json(id) });
const err = (description: string): Json => answer(description, 'Error');
const idParam = (what: string): Json => ({ name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 100 }, description: what });

const COMMON_ERRORS = { 401: err('Missing or unknown API key (ENGINE_ERR_UNAUTHORIZED).') };
const BODY_ERRORS = {
  400: err('Malformed JSON (ENGINE_ERR_BAD_JSON), schema violation (ENGINE_ERR_BAD_REQUEST, field names the path), or content the engine refuses (errors[] lists each field).'),
  413: err('Body larger than the configured limit (ENGINE_ERR_BODY_TOO_LARGE).'),
  415: err('Body is not application/json (ENGINE_ERR_UNSUPPORTED_MEDIA_TYPE).'),
};
const QUOTA = {
  429: { ...err("The tenant's intake quota is exhausted (ENGINE_ERR_QUOTA)."), headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } } },
};

export function buildOpenApiDocument(opts: { maxBatch: number; version?: string }): Json {
  const idempotencyHeader = {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    schema: { type: 'string', minLength: 1, maxLength: 200 },
    description: 'A retry with the same key answers the original id (duplicate: true). In a batch, recipient i gets `<key>:<i>` unless it has its own idempotencyKey.',
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'msgsim engine API',
      version: opts.version ?? '1',
      description: 'Submit SMS, LMS, MMS and RCS messages for Korean recipients, one at a time or in batches, and follow each to its final state. Errors are always { error: { code, message, field?, errors? } }.',
    },
    security: [{ bearer: [] }, { apiKey: [] }],
    paths: {
      '/v1/messages': {
        post: {
          summary: 'Send one message',
          operationId: 'sendMessage',
          parameters: [idempotencyHeader],
          requestBody: { required: true, ...json('SendMessageRequest') },
          responses: { 202: answer('Accepted and stored (or a duplicate of an earlier request with the same idempotency key).', 'SubmitResult'), ...BODY_ERRORS, ...COMMON_ERRORS, 422: err('Idempotency key reused with another body.'), ...QUOTA },
        },
        get: {
          summary: 'Find messages by your clientRef',
          operationId: 'findMessages',
          parameters: [
            { name: 'clientRef', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 200 } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          ],
          responses: { 200: answer('Messages with this clientRef, oldest first.', 'MessageList'), 400: err('clientRef missing or a bad limit.'), ...COMMON_ERRORS },
        },
      },
      '/v1/messages/batch': {
        post: {
          summary: `Send one content to up to ${opts.maxBatch} recipients`,
          operationId: 'sendBatch',
          parameters: [idempotencyHeader],
          requestBody: { required: true, ...json('BatchMessageRequest') },
          responses: {
            202: answer('All accepted and stored; items in recipient order. Nothing is accepted when any recipient is invalid.', 'BatchResult'),
            ...BODY_ERRORS,
            400: err('As for one message, with fields named recipients[i].to etc.; more than the allowed recipients: ENGINE_ERR_BATCH_TOO_LARGE.'),
            ...COMMON_ERRORS,
            ...QUOTA,
          },
        },
      },
      '/v1/messages/{id}': {
        get: { summary: 'A message, its state and every attempt', operationId: 'getMessage', parameters: [idParam('Message id')], responses: { 200: answer('The message.', 'Message'), 404: err('No such message.'), ...COMMON_ERRORS } },
      },
      '/v1/messages/{id}/cancel': {
        post: {
          summary: 'Cancel a message not yet submitted to a gateway',
          operationId: 'cancelMessage',
          parameters: [idParam('Message id')],
          responses: { 200: answer('Cancelled.', 'Message'), 404: err('No such message.'), 409: err('Too late: already submitted or final (ENGINE_ERR_CONFLICT).'), ...COMMON_ERRORS },
        },
      },
      '/v1/templates': {
        post: { summary: 'Register a template (starts at registered)', operationId: 'registerTemplate', requestBody: { required: true, ...json('TemplateRegistration') }, responses: { 201: answer('Registered.', 'Template'), ...BODY_ERRORS, 409: err('Name or id already taken.'), ...COMMON_ERRORS } },
        get: { summary: "The tenant's templates", operationId: 'listTemplates', responses: { 200: answer('Templates.', 'TemplateList'), ...COMMON_ERRORS } },
      },
      '/v1/templates/{id}': {
        get: { summary: 'A template and its review history', operationId: 'getTemplate', parameters: [idParam('Template id')], responses: { 200: answer('The template.', 'Template'), 404: err('No such template.'), ...COMMON_ERRORS } },
      },
      '/v1/templates/{id}/review': {
        post: {
          summary: 'Pass or reject the current review stage',
          operationId: 'reviewTemplate',
          parameters: [idParam('Template id')],
          requestBody: { required: true, ...json('TemplateReview') },
          responses: { 200: answer('The template after the review.', 'Template'), ...BODY_ERRORS, 404: err('No such template.'), 409: err('Reviews are over (approved or rejected).'), ...COMMON_ERRORS },
        },
      },
      '/healthz': { get: { summary: 'Liveness and engine status', operationId: 'health', security: [], responses: { 200: { description: 'Up.' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics', operationId: 'metrics', security: [], responses: { 200: { description: 'Prometheus text format.', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
    },
    components: {
      schemas: componentSchemas(opts.maxBatch),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
  };
}

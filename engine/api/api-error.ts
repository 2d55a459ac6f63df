// The one error body of the engine API, whatever went wrong and wherever:
//   { error: { code, message, field?, errors?: [{ field, code, message }] } }
// `code` is an ENGINE_ERR_* code (engine-errors.ts); the top-level field/code are the first error's.
import type { FastifyError } from 'fastify';
import { z } from 'zod';
import { isEngineError, type EngineErrorCode } from '../engine-errors.ts';
import type { FieldError } from '../intake/intake.ts';

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; errors?: FieldError[] };
}

/** Longest errors[] in a body: a 10,000-recipient batch with one bad field everywhere says so in 100. */
export const MAX_REPORTED_ERRORS = 100;

const fieldErrorSchema = z.strictObject({
  field: z.string().describe("Path as written in the request: 'to', 'recipients[3].to', 'media[0].data', 'template.variables.name'."),
  code: z.string(),
  message: z.string(),
});

export const apiErrorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.string().describe('ENGINE_ERR_* code; match on it, never on the message.'),
    message: z.string(),
    field: z.string().optional().describe('The (first) field at fault.'),
    errors: z.array(fieldErrorSchema).max(MAX_REPORTED_ERRORS).optional().describe('Every field at fault (at most 100).'),
  }),
});

/** Thrown by route handlers; the error handler turns it into its status and body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  constructor(status: number, code: EngineErrorCode, message: string, extra: { field?: string; errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = extra.field;
    this.errors = extra.errors;
    this.headers = extra.headers;
  }
}

/** FieldErrors from validation or the Intake -> one 400 (422 when an idempotency key was reused for another body). */
export function fieldErrorsToApiError(errors: readonly FieldError[]): ApiError {
  const list = errors.slice(0, MAX_REPORTED_ERRORS);
  const first = list[0] ?? { field: '', code: 'ENGINE_ERR_BAD_REQUEST', message: 'invalid request' };
  const status = list.some((e) => e.code === 'ENGINE_ERR_IDEMPOTENCY_MISMATCH') ? 422 : 400;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more${errors.length > list.length ? `; ${list.length} listed` : ''})` : '';
  const where = first.field === '' ? '' : `${first.field}: `;
  const err = new ApiError(status, first.code as EngineErrorCode, `${where}${first.message}${more}`, { errors: list });
  return first.field === '' ? err : Object.assign(err, { field: first.field });
}

/** A bodiless POST would otherwise be reported as a schema error on the field ''. */
export function requireBody(body: unknown): unknown {
  if (body === undefined) throw new ApiError(400, 'ENGINE_ERR_BAD_REQUEST', 'a JSON body is required (Content-Type: application/json)');
  return body;
}

export function errorBody(code: string, message: string, extra: { field?: string; errors?: FieldError[] } = {}): ApiErrorBody {
  const error: ApiErrorBody['error'] = { code, message };
  if (extra.field !== undefined && extra.field !== '') error.field = extra.field;
  if (extra.errors !== undefined) error.errors = extra.errors;
  return { error };
}

// Template registration errors from the template service carry every field that failed.
const fieldErrorsOf = (err: unknown): FieldError[] | undefined => {
  const errors = (err as { errors?: unknown }).errors;
  return Array.isArray(errors) && errors.every((e) => typeof e?.field === 'string' && typeof e?.code === 'string') ? (errors as FieldError[]) : undefined;
};

const ENGINE_STATUS: Partial<Record<EngineErrorCode, number>> = {
  ENGINE_ERR_NOT_FOUND: 404,
  ENGINE_ERR_UNKNOWN_TEMPLATE: 404,
  ENGINE_ERR_CONFLICT: 409,
  ENGINE_ERR_IDEMPOTENCY_MISMATCH: 422,
  ENGINE_ERR_CLOSED: 503,
  ENGINE_ERR_CONFIG: 500,
  ENGINE_ERR_STORE: 500,
  ENGINE_ERR_INTERNAL: 500,
  ENGINE_ERR_NP_LOOKUP: 503,
};

export interface MappedError {
  status: number;
  body: ApiErrorBody;
  headers?: Record<string, string>;
  /** A bug or a broken dependency: log it. */
  internal: boolean;
}

/** Any error (ours, fastify's, the engine's, a bug) -> status and body. */
export function mapError(err: unknown): MappedError {
  if (err instanceof ApiError) {
    return { status: err.status, body: errorBody(err.code, err.message, { field: err.field, errors: err.errors }), headers: err.headers, internal: false };
  }
  if (isEngineError(err)) {
    const list = fieldErrorsOf(err);
    if (list !== undefined && list.length > 0) {
      const e = fieldErrorsToApiError(list);
      return { status: e.status, body: errorBody(e.code, e.message, { field: e.field, errors: e.errors }), internal: false };
    }
    // Codes of the content group (bad number, template variable, ...) are the client's mistakes.
    const status = ENGINE_STATUS[err.code] ?? 400;
    if (status >= 500) return { status, body: errorBody(err.code, status === 503 ? err.message : 'internal error'), internal: true };
    return { status, body: errorBody(err.code, err.message), internal: false };
  }
  const f = err as Partial<FastifyError> | null;
  const code = typeof f?.code === 'string' ? f.code : '';
  const status = typeof f?.statusCode === 'number' ? f.statusCode : 500;
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (err instanceof SyntaxError && status === 400)) {
    return client(400, 'ENGINE_ERR_BAD_JSON', 'the request body is not valid JSON (or uses a forbidden __proto__ / constructor.prototype key)');
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) return client(413, 'ENGINE_ERR_BODY_TOO_LARGE', 'the request body is larger than the configured limit');
  if (status === 415) return client(415, 'ENGINE_ERR_UNSUPPORTED_MEDIA_TYPE', 'the request body must be application/json');
  if (status >= 400 && status < 500) return client(status, 'ENGINE_ERR_BAD_REQUEST', String(f?.message ?? 'bad request').slice(0, 300));
  return { status: 500, body: errorBody('ENGINE_ERR_INTERNAL', 'internal error'), internal: true };
}

const client = (status: number, code: EngineErrorCode, message: string): MappedError => ({ status, body: errorBody(code, message), internal: false });

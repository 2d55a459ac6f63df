// The engine's one errors module. Codes are stable: API clients, tools and tests match on `code`, never
// on the message. Every code is documented in engine/README.md. Codes serve two purposes: thrown
// EngineErrors (bad config, bugs, broken streams) and the `code` of a FieldError / API error body.
// Add codes here (append only) rather than inventing them elsewhere.

export const ENGINE_ERROR_CODES = {
  // configuration and start-up
  ENGINE_ERR_CONFIG: 'The engine config file is unreadable or invalid; the message names the field and line.',
  ENGINE_ERR_STORE: 'The store could not be opened or written (disk, permissions, corrupt database).',
  ENGINE_ERR_CLOSED: 'A call was made on an engine, store or channel that is closed.',
  // API request level
  ENGINE_ERR_UNAUTHORIZED: 'Missing or unknown API key (HTTP 401).',
  ENGINE_ERR_QUOTA: "The tenant's intake quota is exhausted; retry after the Retry-After header (HTTP 429).",
  ENGINE_ERR_BAD_JSON: 'The request body is not valid JSON (HTTP 400).',
  ENGINE_ERR_BAD_REQUEST: 'The request does not match the schema: unknown field, wrong type, missing field (HTTP 400).',
  ENGINE_ERR_BODY_TOO_LARGE: 'The request body exceeds the configured limit (HTTP 413).',
  ENGINE_ERR_BATCH_TOO_LARGE: 'A batch has more recipients than allowed (10,000 by default) (HTTP 400).',
  ENGINE_ERR_UNSUPPORTED_MEDIA_TYPE: 'The request body is not application/json (HTTP 415).',
  ENGINE_ERR_NOT_FOUND: 'No such message, template or route (HTTP 404).',
  ENGINE_ERR_CONFLICT: 'The message can no longer be cancelled, or the template is not in a state that allows this review (HTTP 409).',
  ENGINE_ERR_IDEMPOTENCY_MISMATCH: 'An idempotency key was reused with a different request body (HTTP 422).',
  ENGINE_ERR_INTERNAL: 'An unexpected failure inside the engine (HTTP 500); always a bug.',
  // message content and addressing (FieldError codes)
  ENGINE_ERR_BAD_NUMBER: 'A recipient is not a Korean mobile number (01X, 10-11 digits, or +82 form).',
  ENGINE_ERR_BAD_SENDER: 'The callback (sender) number is malformed.',
  ENGINE_ERR_UNREGISTERED_SENDER: "The callback number is not among the tenant's registered senders (Korean anti-spoofing rule).",
  ENGINE_ERR_NO_CONTENT: 'A message has no text, template, media or RCS content.',
  ENGINE_ERR_CONTENT_TOO_LONG: 'Text or subject exceeds what any message type can carry (LMS: 2,000 bytes EUC-KR; subject 40 bytes).',
  ENGINE_ERR_TYPE_MISMATCH: 'The asked-for type does not fit the content (e.g. type sms with 200 bytes of text, mms without media).',
  ENGINE_ERR_BAD_MEDIA: 'A media part is not valid base64, has an unsupported content type, or is too large.',
  ENGINE_ERR_BAD_RCS: 'RCS content is malformed (message base id, cards, buttons).',
  ENGINE_ERR_UNKNOWN_TEMPLATE: 'No template with this id for this tenant.',
  ENGINE_ERR_TEMPLATE_NOT_APPROVED: 'The template has not passed every review (registered -> wording review -> consistency review -> approved).',
  ENGINE_ERR_TEMPLATE_VARIABLE: 'A template variable is missing, or the language has no body.',
  ENGINE_ERR_AD_OPT_OUT: 'An advertisement needs a free 080 opt-out number.',
  ENGINE_ERR_BAD_SCHEDULE: 'sendAt is missing for a scheduled message, or is not a valid time.',
  // delivery (final reason codes on a message)
  ENGINE_ERR_NO_ROUTE: 'No route plan matches the recipient network and content type.',
  ENGINE_ERR_AD_BLOCKED: 'An advertisement was refused in the night window (21:00-08:00 KST) by policy block.',
  ENGINE_ERR_NP_LOOKUP: 'The number-portability lookup failed (NP API down, timed out or answered malformed); routing is retried later.',
} as const;

export type EngineErrorCode = keyof typeof ENGINE_ERROR_CODES;

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string, opts?: { cause?: unknown }) {
    super(message, opts?.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'EngineError';
    this.code = code;
  }
}

export function isEngineError(e: unknown, code?: EngineErrorCode): e is EngineError {
  return e instanceof EngineError && (code === undefined || e.code === code);
}

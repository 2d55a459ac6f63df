// JSON bodies -> MessageRequests: one for a single message, one per recipient for a batch (batch
// fields shared, recipient template variables merged over the batch's). Shape errors come back as
// FieldErrors naming the field as the client wrote it; nothing invalid reaches the Intake.
import type { MessageRequest } from '../message.ts';
import type { FieldError } from './intake.ts';
import { issuesToFieldErrors } from './issue-field-errors.ts';
import { checkRecipients } from './recipient-check.ts';
import { batchEnvelopeSchema, sendMessageSchema, type BatchEnvelopeBody, type SendMessageBody } from './request-schema.ts';

export type MapResult = { ok: true; requests: MessageRequest[] } | { ok: false; errors: FieldError[] };

export interface MapOptions {
  /** The Idempotency-Key header, when the request had one. */
  idempotencyKey?: string;
  /** Most errors reported (the rest are not even looked for). */
  errorLimit?: number;
}

const DEFAULT_ERROR_LIMIT = 100;
const codeFor = (field: string): string => (field === 'sendAt' ? 'ENGINE_ERR_BAD_SCHEDULE' : 'ENGINE_ERR_BAD_REQUEST');
const fail = (errors: FieldError[]): MapResult => ({ ok: false, errors });

type ContentBody = Omit<BatchEnvelopeBody, 'recipients'>;

// Everything but the recipient: the fields a batch shares (objects are shared, never copied per recipient).
function sharedRequest(b: ContentBody): Omit<MessageRequest, 'to'> | FieldError {
  if (b.kind === 'scheduled' && b.sendAt === undefined) return { field: 'sendAt', code: 'ENGINE_ERR_BAD_SCHEDULE', message: "required for kind 'scheduled'" };
  if (b.kind === 'realtime' && b.sendAt !== undefined) return { field: 'sendAt', code: 'ENGINE_ERR_BAD_SCHEDULE', message: "only for kind 'scheduled' (kind defaults to 'realtime')" };
  const req: Omit<MessageRequest, 'to'> = { from: b.from, priority: b.kind, ad: b.ad };
  if (b.sendAt !== undefined) req.sendAt = Date.parse(b.sendAt);
  if (b.type !== undefined) req.type = b.type;
  if (b.text !== undefined) req.text = b.text;
  if (b.template !== undefined) {
    req.template = { id: b.template.id, variables: b.template.variables ?? {} };
    if (b.template.language !== undefined) req.template.language = b.template.language;
  }
  if (b.subject !== undefined) req.subject = b.subject;
  if (b.media !== undefined) req.media = b.media;
  if (b.rcs !== undefined) req.rcs = b.rcs;
  if (b.optOut !== undefined) req.optOut = b.optOut;
  if (b.webhookUrl !== undefined) req.webhookUrl = b.webhookUrl;
  return req;
}

const isFieldError = (v: object): v is FieldError => 'code' in v && 'field' in v;

// A literal plus conditional adds: ~40x cheaper than an object spread per recipient on 10,000 of them.
function forRecipient(s: Omit<MessageRequest, 'to'>, to: string): MessageRequest {
  const r: MessageRequest = { to, from: s.from, priority: s.priority, ad: s.ad };
  if (s.type !== undefined) r.type = s.type;
  if (s.text !== undefined) r.text = s.text;
  if (s.template !== undefined) r.template = s.template;
  if (s.subject !== undefined) r.subject = s.subject;
  if (s.media !== undefined) r.media = s.media;
  if (s.rcs !== undefined) r.rcs = s.rcs;
  if (s.sendAt !== undefined) r.sendAt = s.sendAt;
  if (s.optOut !== undefined) r.optOut = s.optOut;
  if (s.webhookUrl !== undefined) r.webhookUrl = s.webhookUrl;
  return r;
}

function merged(base: Record<string, string>, over: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(base)) out[k] = base[k];
  for (const k of Object.keys(over)) out[k] = over[k];
  return out;
}

export function mapSendMessage(body: unknown, opts: MapOptions = {}): MapResult {
  const parsed = sendMessageSchema.safeParse(body);
  if (!parsed.success) return fail(issuesToFieldErrors(parsed.error.issues, { codeFor, limit: opts.errorLimit ?? DEFAULT_ERROR_LIMIT }));
  const b: SendMessageBody = parsed.data;
  const shared = sharedRequest(b);
  if (isFieldError(shared)) return fail([shared]);
  const req = forRecipient(shared, b.to);
  if (b.clientRef !== undefined) req.clientRef = b.clientRef;
  const key = b.idempotencyKey ?? opts.idempotencyKey;
  if (b.idempotencyKey !== undefined && opts.idempotencyKey !== undefined && b.idempotencyKey !== opts.idempotencyKey) {
    return fail([{ field: 'idempotencyKey', code: 'ENGINE_ERR_BAD_REQUEST', message: 'differs from the Idempotency-Key header' }]);
  }
  if (key !== undefined) req.idempotencyKey = key;
  return { ok: true, requests: [req] };
}

export function mapBatch(body: unknown, opts: MapOptions & { maxBatch: number }): MapResult {
  const limit = opts.errorLimit ?? DEFAULT_ERROR_LIMIT;
  // Counted before anything else so that an oversized batch costs no validation at all.
  const count = typeof body === 'object' && body !== null && Array.isArray((body as { recipients?: unknown }).recipients) ? (body as { recipients: unknown[] }).recipients.length : 0;
  if (count > opts.maxBatch) {
    return fail([{ field: 'recipients', code: 'ENGINE_ERR_BATCH_TOO_LARGE', message: `${count} recipients; at most ${opts.maxBatch} per batch` }]);
  }
  const parsed = batchEnvelopeSchema.safeParse(body);
  if (!parsed.success) return fail(issuesToFieldErrors(parsed.error.issues, { codeFor, limit }));
  const b = parsed.data;
  if (b.recipients.length === 0) return fail([{ field: 'recipients', code: 'ENGINE_ERR_BAD_REQUEST', message: 'at least one recipient is required' }]);
  const shared = sharedRequest(b);
  if (isFieldError(shared)) return fail([shared]);
  const checked = checkRecipients(b.recipients, limit);
  if (checked.errors.length > 0) return fail(checked.errors);

  const errors: FieldError[] = [];
  const recipients = checked.recipients;
  // Keys derived from the header (key:i) are unique among themselves; only recipients' own keys can repeat one.
  const keys = recipients.some((r) => r.idempotencyKey !== undefined) ? new Map<string, number>() : null;
  const template = shared.template;
  const requests: MessageRequest[] = new Array(recipients.length);
  for (let i = 0; i < recipients.length && errors.length < limit; i++) {
    const r = recipients[i];
    const req = forRecipient(shared, r.to);
    if (r.variables !== undefined) {
      if (template === undefined) {
        errors.push({ field: `recipients[${i}].variables`, code: 'ENGINE_ERR_BAD_REQUEST', message: 'variables need a template' });
        continue;
      }
      req.template = { id: template.id, variables: merged(template.variables, r.variables) };
      if (template.language !== undefined) req.template.language = template.language;
    }
    if (r.clientRef !== undefined) req.clientRef = r.clientRef;
    const key = r.idempotencyKey ?? (opts.idempotencyKey === undefined ? undefined : `${opts.idempotencyKey}:${i}`);
    if (key !== undefined) {
      const first = keys?.get(key);
      if (first !== undefined) {
        errors.push({ field: `recipients[${i}].idempotencyKey`, code: 'ENGINE_ERR_BAD_REQUEST', message: `repeats the key of recipients[${first}]` });
        continue;
      }
      keys?.set(key, i);
      req.idempotencyKey = key;
    }
    requests[i] = req;
  }
  return errors.length > 0 ? fail(errors) : { ok: true, requests };
}

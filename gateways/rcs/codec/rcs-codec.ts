// The RCS codec's entry point: decode a request body into a typed record (or a result code saying
// why not) and the shared shapes, so the simulator, the client and the conformance suite agree.
import type { z } from 'zod';
import { errorBody, type ErrorBody } from './error-body.ts';
import { RCS_RESULT } from './rcs-result-codes.ts';
import { sendMessageRequestSchema, type SendMessageRequest } from './send-message-schema.ts';
import { webhookEventSchema, type WebhookEvent } from './webhook-event-schema.ts';

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** First schema issue as `path: message`, for error bodies people can act on. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return `${path || 'body'}: ${issue.message}`;
}

export function decodeSendMessage(body: unknown): Decoded<SendMessageRequest> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, error: errorBody(RCS_RESULT.MESSAGE_SYNTAX, 'body must be a JSON object') };
  }
  const parsed = sendMessageRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: errorBody(RCS_RESULT.MESSAGE_SYNTAX, describeIssue(parsed.error)) };
  return { ok: true, value: parsed.data };
}

export function decodeWebhookEvent(body: unknown): Decoded<WebhookEvent> {
  const parsed = webhookEventSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: errorBody(RCS_RESULT.MESSAGE_SYNTAX, describeIssue(parsed.error)) };
  return { ok: true, value: parsed.data };
}

/** RFC 3339 with +09:00 (Korean carriers stamp local time), from simulated epoch ms. */
export function kstTimestamp(ms: number): string {
  const whole = Math.floor(ms);
  // Events come in bursts within one millisecond; formatting a Date for each was a measurable cost.
  if (whole !== lastMs) {
    lastMs = whole;
    lastStamp = `${new Date(whole + 9 * 3_600_000).toISOString().slice(0, 23)}+09:00`;
  }
  return lastStamp;
}
let lastMs = Number.NaN;
let lastStamp = '';

// A message record as the API shows it: state, reason, carrier, legs and every attempt, times as ISO
// strings. The zod schema documents it (OpenAPI) and the tests hold the view to it.
import { z } from 'zod';
import { GATEWAY_NAMES } from '../channel.ts';
import { CONTENT_KINDS } from '../intake/request-schema.ts';
import { FALLBACK_TRIGGERS, MESSAGE_STATES, type MessageRecord } from '../message.ts';

const gateway = z.enum(GATEWAY_NAMES as ['smsvas', 'gmmsc', 'rcs', 'xroshot']);
const isoTime = z.string().describe('ISO 8601 time (UTC).');

export const attemptViewSchema = z.object({
  seq: z.number().int().describe('1-based over the whole message (retries and legs).'),
  leg: z.number().int().describe('Index of the route-plan leg.'),
  gateway,
  contentKind: z.enum(CONTENT_KINDS),
  gatewayIds: z.array(z.string()),
  outcome: z.enum(['pending', 'submitted', 'rejected', 'timeout', 'unavailable', 'delivered', 'failed', 'expired', 'not-capable', 'no-report']),
  code: z.string().nullable().describe('Gateway code or canonical reason.'),
  startedAt: isoTime,
  endedAt: isoTime.nullable(),
});

export const messageViewSchema = z.object({
  id: z.string(),
  state: z.enum(MESSAGE_STATES),
  reason: z.string().nullable().describe('Final (or current) reason code: canonical reject reason, fallback trigger, or ENGINE_ERR_* code.'),
  carrier: z.string().nullable().describe('Recipient carrier as the number-portability lookup said.'),
  contentKind: z.enum(CONTENT_KINDS),
  to: z.string(),
  from: z.string(),
  priority: z.enum(['realtime', 'scheduled']),
  ad: z.boolean(),
  clientRef: z.string().nullable(),
  sendAt: isoTime.nullable(),
  leg: z.number().int(),
  fallbacks: z.array(z.object({ from: gateway, to: gateway, trigger: z.enum(FALLBACK_TRIGGERS) })),
  attempts: z.array(attemptViewSchema),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type MessageView = z.infer<typeof messageViewSchema>;

export const messageListSchema = z.object({ items: z.array(messageViewSchema) });

export const submitItemSchema = z.object({
  id: z.string(),
  state: z.enum(MESSAGE_STATES),
  duplicate: z.boolean().describe('True when the idempotency key matched an earlier message: this is its id and nothing new was sent.'),
});

export const batchResultSchema = z.object({
  accepted: z.number().int().describe('Number of items (recipients).'),
  items: z.array(submitItemSchema).describe('In recipient order.'),
});

const iso = (ms: number): string => new Date(ms).toISOString();

export function toMessageView(r: MessageRecord): MessageView {
  return {
    id: r.id,
    state: r.state,
    reason: r.reason ?? null,
    carrier: r.carrier ?? null,
    contentKind: r.content.kind,
    to: r.request.to,
    from: r.request.from,
    priority: r.request.priority,
    ad: r.request.ad,
    clientRef: r.request.clientRef ?? null,
    sendAt: r.request.sendAt === undefined ? null : iso(r.request.sendAt),
    leg: r.leg,
    fallbacks: r.fallbacks.map((f) => ({ from: f.from, to: f.to, trigger: f.trigger })),
    attempts: r.attempts.map((a) => ({
      seq: a.seq,
      leg: a.leg,
      gateway: a.gateway,
      contentKind: a.contentKind,
      gatewayIds: a.gatewayIds,
      outcome: a.outcome,
      code: a.code ?? null,
      startedAt: iso(a.startedAt),
      endedAt: a.endedAt === undefined ? null : iso(a.endedAt),
    })),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

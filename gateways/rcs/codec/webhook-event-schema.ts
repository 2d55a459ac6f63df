// What the gateway POSTs to the chatbot's registered webhook URL: status of a sent message
// (messageStatus), a user's free text (message) and a user's tap on a suggestion (response).
import { z } from 'zod';

export const WEBHOOK_STATUSES = ['sent', 'delivered', 'displayed', 'failed'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

const contact = z.object({ userContact: z.string() });

export const messageStatusEventSchema = z.object({
  event: z.literal('messageStatus'),
  botId: z.string(),
  messageContact: contact,
  RCSMessage: z.object({
    msgId: z.string(),
    status: z.enum(WEBHOOK_STATUSES),
    /** RFC 3339 with offset, simulator clock. */
    timestamp: z.string(),
    /** Present on 'failed' only: 54001 other carrier, 54002 not RCS-capable, 54003 undeliverable, 54004 internal, 56007 expired. */
    error: z.object({ code: z.number().int(), message: z.string() }).optional(),
  }),
  clientMsgId: z.string().optional(),
});
export type MessageStatusEvent = z.infer<typeof messageStatusEventSchema>;

export const messageEventSchema = z.object({
  event: z.literal('message'),
  botId: z.string(),
  messageContact: contact,
  RCSMessage: z.object({ msgId: z.string(), timestamp: z.string(), textMessage: z.string() }),
});
export type MessageEvent = z.infer<typeof messageEventSchema>;

const tapped = z.object({ displayText: z.string(), postback: z.object({ data: z.string() }).optional() });

export const responseEventSchema = z.object({
  event: z.literal('response'),
  botId: z.string(),
  messageContact: contact,
  RCSMessage: z.object({
    msgId: z.string(),
    timestamp: z.string(),
    /** The message whose suggestion was tapped, when known. */
    replyToMsgId: z.string().optional(),
    suggestedResponse: z.object({ response: z.object({ reply: tapped.optional(), action: tapped.optional() }) }),
  }),
});
export type ResponseEvent = z.infer<typeof responseEventSchema>;

export const webhookEventSchema = z.discriminatedUnion('event', [messageStatusEventSchema, messageEventSchema, responseEventSchema]);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

// POST /rcs/bot/v1/{botId}/messages: the FNW.11 body (RCSMessage + messageContact) plus the Korean
// RCS Biz Center fields the carrier MaaP-FE needs (messagebaseId, header, footer, expiryOption, ...).
// Fields whose bad values have their own result code (header, expiryOption) are typed loosely here
// so the simulator can answer that code instead of a generic syntax error.
import { z } from 'zod';
import { richcardMessageSchema } from './richcard-schema.ts';
import { suggestionSchema } from './suggestion-schema.ts';

export const messageContactSchema = z.object({
  /** Recipient: +8210..., 8210... or 010... (hyphens allowed). */
  userContact: z.string().min(1).max(32),
  chatId: z.string().optional(),
});
export type MessageContact = z.infer<typeof messageContactSchema>;

/** Content kinds FNW.11 defines; this gateway carries textMessage and richcardMessage. */
export const CONTENT_KINDS = ['textMessage', 'richcardMessage', 'fileMessage', 'audioMessage', 'geolocationPushMessage', 'openrichcardMessage', 'isTyping'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export const rcsMessageSchema = z.object({
  /** Chatbot-chosen message id; the gateway assigns one when absent. */
  msgId: z.string().min(1).max(100).optional(),
  textMessage: z.string().optional(),
  richcardMessage: richcardMessageSchema.optional(),
  fileMessage: z.unknown().optional(),
  audioMessage: z.unknown().optional(),
  geolocationPushMessage: z.unknown().optional(),
  openrichcardMessage: z.unknown().optional(),
  isTyping: z.unknown().optional(),
  suggestedChipList: z.object({ suggestions: z.array(suggestionSchema) }).optional(),
  trafficType: z.string().optional(),
});
export type RcsMessage = z.infer<typeof rcsMessageSchema>;

export const sendMessageRequestSchema = z.object({
  RCSMessage: rcsMessageSchema,
  messageContact: messageContactSchema,
  /** Korean product/format id, e.g. SS000000 (RCS SMS), CMwMhM0300 (3-card medium carousel). */
  messagebaseId: z.string().min(1).max(40),
  /** '0' informational, '1' advertisement (number accepted too). */
  header: z.union([z.string(), z.number()]).optional(),
  /** 080 opt-out number, mandatory when header is 1. */
  footer: z.string().optional(),
  /** 1: result within days; 2: carrier policy window (minutes). */
  expiryOption: z.union([z.string(), z.number()]).optional(),
  copyAllowed: z.boolean().optional(),
  clientMsgId: z.string().max(100).optional(),
  groupId: z.string().max(100).optional(),
});
export type SendMessageRequest = z.infer<typeof sendMessageRequestSchema>;

/** 202 Accepted body: the message id every later status webhook names. */
export const sendMessageResponseSchema = z.object({
  msgId: z.string().min(1),
  status: z.literal('pending'),
  clientMsgId: z.string().optional(),
});
export type SendMessageResponse = z.infer<typeof sendMessageResponseSchema>;

/** GET /rcs/bot/v1/{botId}/messages/{msgId}/status */
export const MESSAGE_STATUSES = ['pending', 'sent', 'delivered', 'displayed', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const messageStatusResponseSchema = z.object({
  RCSMessage: z.object({ msgId: z.string(), status: z.enum(MESSAGE_STATUSES) }),
});
export type MessageStatusResponse = z.infer<typeof messageStatusResponseSchema>;

/** The content kinds present in a message, in CONTENT_KINDS order. */
export function contentKinds(m: RcsMessage): ContentKind[] {
  return CONTENT_KINDS.filter((k) => m[k] !== undefined);
}

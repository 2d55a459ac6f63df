// Suggestions (chips and card buttons) as GSMA FNW.11 writes them: either a reply or an action with
// exactly one action kind. Korea adds clipboardAction. Limits (label length, count) depend on the
// messagebase and are checked by the simulator, not here.
import { z } from 'zod';

const postback = z.object({ data: z.string() });
const empty = z.object({});

export const replySchema = z.object({ displayText: z.string(), postback: postback.optional() });

export const ACTION_KINDS = [
  'urlAction',
  'dialerAction',
  'mapAction',
  'calendarAction',
  'composeAction',
  'deviceAction',
  'settingsAction',
  'clipboardAction',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const actionSchema = z
  .object({
    displayText: z.string(),
    postback: postback.optional(),
    urlAction: z.object({ openUrl: z.object({ url: z.string().min(1) }) }).optional(),
    dialerAction: z
      .object({
        dialPhoneNumber: z.object({ phoneNumber: z.string().min(1), fallbackUrl: z.string().optional() }).optional(),
        dialEnrichedCall: z.object({ phoneNumber: z.string().min(1), subject: z.string().max(60).optional(), fallbackUrl: z.string().optional() }).optional(),
        dialVideoCall: z.object({ phoneNumber: z.string().min(1), fallbackUrl: z.string().optional() }).optional(),
      })
      .optional(),
    mapAction: z
      .object({
        showLocation: z
          .object({
            location: z.object({ latitude: z.number().optional(), longitude: z.number().optional(), label: z.string().optional(), query: z.string().optional() }),
            fallbackUrl: z.string().optional(),
          })
          .optional(),
        requestLocationPush: empty.optional(),
      })
      .optional(),
    calendarAction: z
      .object({
        createCalendarEvent: z.object({
          startTime: z.string(),
          endTime: z.string(),
          title: z.string().min(1).max(100),
          description: z.string().min(1).max(500),
          fallbackUrl: z.string().optional(),
        }),
      })
      .optional(),
    composeAction: z
      .object({
        composeTextMessage: z.object({ phoneNumber: z.string().min(1), text: z.string().min(1).max(100) }).optional(),
        composeRecordingMessage: z.object({ phoneNumber: z.string().min(1), type: z.enum(['AUDIO', 'VIDEO']) }).optional(),
      })
      .optional(),
    deviceAction: z.object({ requestDeviceSpecifics: empty }).optional(),
    settingsAction: z.object({ disableAnonymization: empty.optional(), enableDisplayedNotifications: empty.optional() }).optional(),
    clipboardAction: z.object({ copyToClipboard: z.object({ text: z.string() }) }).optional(),
  })
  .refine((a) => ACTION_KINDS.filter((k) => a[k] !== undefined).length === 1, { message: `an action needs exactly one of ${ACTION_KINDS.join(', ')}` });

export const suggestionSchema = z
  .object({ reply: replySchema.optional(), action: actionSchema.optional() })
  .refine((s) => (s.reply === undefined) !== (s.action === undefined), { message: 'a suggestion is exactly one of reply or action' });

export type Reply = z.infer<typeof replySchema>;
export type Action = z.infer<typeof actionSchema>;
export type Suggestion = z.infer<typeof suggestionSchema>;

/** Label shown on the chip or button. */
export function suggestionText(s: Suggestion): string {
  return s.reply?.displayText ?? s.action?.displayText ?? '';
}

/** Postback data, when the suggestion carries one. */
export function suggestionPostback(s: Suggestion): string | undefined {
  return s.reply?.postback?.data ?? s.action?.postback?.data;
}

// The JSON bodies the HTTP API takes (one message, a batch, a template, a review), written once in zod:
// the API validates with these and the OpenAPI document is generated from them (z.toJSONSchema).
// Only the shape is checked here; what the content means (numbers, senders, lengths in EUC-KR bytes,
// media, RCS rules) is compose's job, which answers with FieldErrors of its own.
import { z } from 'zod';

export const LANGUAGES = ['ko', 'en', 'zh', 'vi', 'ru'] as const;
export const CONTENT_KINDS = ['sms', 'lms', 'mms', 'rcs'] as const;

/** Bounds the API itself enforces; shared by the zod schemas and the hand-written recipient check. */
export const REQUEST_LIMITS = {
  number: 32,
  variableName: 64,
  variableValue: 2000,
  clientRef: 200,
  idempotencyKey: 200,
} as const;

const language = z.enum(LANGUAGES).describe('Body language of the template.');
const number = (what: string) => z.string().min(1).max(REQUEST_LIMITS.number).describe(what);

/** Template variables. zod drops a `__proto__` key (the hand-written recipient check does the same). */
export const templateVariablesSchema = z
  .record(z.string().min(1).max(REQUEST_LIMITS.variableName), z.string().max(REQUEST_LIMITS.variableValue))
  .describe('Placeholder values: {{name}} in the template body is replaced by variables.name.');

export const mediaPartSchema = z.strictObject({
  contentType: z.string().min(1).max(100).describe('image/jpeg, image/png, image/gif, audio/..., video/...'),
  name: z.string().min(1).max(200),
  data: z.string().min(1).describe('The bytes, base64.'),
});

export const rcsButtonSchema = z.strictObject({
  label: z.string().min(1).max(100),
  url: z.string().max(2000).optional().describe('Open this URL.'),
  postback: z.string().max(1000).optional().describe('Reply button: sent back as the postback data.'),
  dial: z.string().max(REQUEST_LIMITS.number).optional().describe('Dial this number.'),
});

export const rcsCardSchema = z.strictObject({
  title: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  media: z
    .strictObject({
      url: z.string().min(1).max(2000),
      contentType: z.string().max(100).optional(),
      height: z.enum(['SHORT_HEIGHT', 'MEDIUM_HEIGHT', 'TALL_HEIGHT']).optional(),
    })
    .optional(),
  buttons: z.array(rcsButtonSchema).max(10).optional(),
});

export const rcsContentSchema = z
  .strictObject({
    messagebaseId: z.string().min(1).max(100).describe('The RCS message base (product) registered for the brand.'),
    text: z.string().optional(),
    cards: z.array(rcsCardSchema).max(10).optional().describe('One card, or a carousel of several.'),
    buttons: z.array(rcsButtonSchema).max(10).optional(),
  })
  .describe('RCS content; iOS and other-carrier recipients get a replacement MMS/LMS.');

export const templateRefSchema = z.strictObject({
  id: z.string().min(1).max(100),
  variables: templateVariablesSchema.optional(),
  language: language.optional(),
});

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

// Fields a single message and a batch share: the content and how it is delivered.
const contentFields = {
  from: number('Callback (sender) number; must be registered for the tenant.'),
  type: z.enum(CONTENT_KINDS).optional().describe('Asked-for type; by default the content decides (SMS <= 90 bytes EUC-KR, LMS, MMS with media, RCS).'),
  text: z.string().optional(),
  template: templateRefSchema.optional(),
  subject: z.string().optional().describe('LMS/MMS subject (<= 40 bytes EUC-KR).'),
  media: z.array(mediaPartSchema).min(1).max(20).optional(),
  rcs: rcsContentSchema.optional(),
  kind: z.enum(['realtime', 'scheduled']).default('realtime').describe('Real-time messages go ahead of scheduled ones.'),
  sendAt: z.iso.datetime({ offset: true }).optional().describe('When to send (ISO 8601 with offset); required for and only for kind scheduled.'),
  ad: z.boolean().default(false).describe('Advertisement: gets the (광고) prefix and opt-out footer, held in the 21:00-08:00 KST night window.'),
  optOut: z.string().min(1).max(REQUEST_LIMITS.number).optional().describe('Free 080 opt-out number for the ad footer.'),
  webhookUrl: httpUrl.optional().describe("Where the final status is posted (default: the tenant's webhook)."),
};

const clientRef = z.string().min(1).max(REQUEST_LIMITS.clientRef).describe('Your reference; GET /v1/messages?clientRef= finds the message by it.');
const idempotencyKey = z
  .string()
  .min(1)
  .max(REQUEST_LIMITS.idempotencyKey)
  .describe('A retry with the same key answers the original message id (duplicate: true) instead of sending again.');

export const sendMessageSchema = z.strictObject({
  to: number('Recipient: Korean mobile number (01X..., or +82 form).'),
  ...contentFields,
  clientRef: clientRef.optional(),
  idempotencyKey: idempotencyKey.optional(),
});
export type SendMessageBody = z.output<typeof sendMessageSchema>;

export const batchRecipientSchema = z.strictObject({
  to: number('Recipient: Korean mobile number (01X..., or +82 form).'),
  variables: templateVariablesSchema.optional().describe("Merged over the batch template's variables for this recipient."),
  clientRef: clientRef.optional(),
  idempotencyKey: idempotencyKey.optional(),
});
export type BatchRecipientBody = z.output<typeof batchRecipientSchema>;

/** The batch as documented: recipients in full. */
export function batchMessageSchema(maxBatch: number) {
  return z.strictObject({ ...contentFields, recipients: z.array(batchRecipientSchema).min(1).max(maxBatch) });
}

/**
 * The batch as validated at run time: the envelope by zod, the recipients by checkRecipients
 * (recipient-check.ts), which reports the same field paths ~10x faster on 10,000 items.
 */
export const batchEnvelopeSchema = z.strictObject({ ...contentFields, recipients: z.array(z.unknown()) });
export type BatchEnvelopeBody = z.output<typeof batchEnvelopeSchema>;

const templateBodySchema = z.strictObject({
  subject: z.string().max(200).optional(),
  text: z.string().min(1).max(20_000).describe('Text with {{name}} placeholders.'),
});

/** The shape of TemplateInput (engine/templates/template-input.ts); the template service checks the meaning. */
export const templateRegistrationSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .describe('Your id for the template (1-64 letters, digits, _ or -); generated when absent.'),
  name: z.string().min(1).max(100),
  kind: z.enum(CONTENT_KINDS).describe('Content kind the template is meant for.'),
  ad: z.boolean().default(false).describe('Written without "(광고)" and the opt-out footer: compose adds both at send.'),
  bodies: z
    .strictObject(Object.fromEntries(LANGUAGES.map((l) => [l, templateBodySchema.optional()])) as Record<(typeof LANGUAGES)[number], z.ZodOptional<typeof templateBodySchema>>)
    .refine((b) => Object.values(b).some((v) => v !== undefined), 'at least one language body is required')
    .describe('One body per language; at least one.'),
  defaultLanguage: language.optional().describe('Default: ko when given, else the first body.'),
});
export type TemplateRegistration = z.output<typeof templateRegistrationSchema>;

export const templateReviewSchema = z.strictObject({
  decision: z.enum(['pass', 'reject']).describe('pass advances one stage (registered -> wording-review -> consistency-review -> approved).'),
  note: z.string().max(2000).optional(),
});
export type TemplateReview = z.output<typeof templateReviewSchema>;

export const messageQuerySchema = z.strictObject({
  clientRef,
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

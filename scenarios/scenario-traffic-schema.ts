// The `traffic` section: what the runner submits to the engine and when. Each step is a one-key mapping
// (send, batch, scheduled, stream); its content mirrors the engine API's message fields so a step turns
// into POST /v1/messages or /v1/messages/batch without translation.
import { z } from 'zod';
import { CARRIERS, DEVICES, LANGUAGES, REACHABILITIES } from '../gateways/network/subscriber.ts';
import type { RcsContentInput } from '../engine/message.ts';
import {
  durationField,
  knownSubscriberField,
  offsetField,
  positiveInt,
  recipientField,
  senderField,
  sizeField,
  strictShape,
  weightField,
  whenField,
} from './scenario-fields.ts';

export const CONTENT_KINDS = ['sms', 'lms', 'mms', 'rcs'] as const;
export const STEP_KINDS = ['send', 'batch', 'scheduled', 'stream'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Sender used when a step names none. */
export const DEFAULT_SENDER = '15880000';

const mediaPart = strictShape({
  contentType: z.string().min(1).describe('image/jpeg, image/png, image/gif, audio/..., video/...'),
  name: z.string().min(1).optional().describe('File name; default media-<n> with the type\'s extension.'),
  data: z.string().min(1).optional().describe('The bytes, base64.'),
  size: sizeField.optional().describe("Synthetic bytes of this size instead of data, e.g. '300KB'."),
}).superRefine((m, ctx) => {
  if ((m.data === undefined) === (m.size === undefined)) ctx.addIssue({ code: 'custom', message: 'give data (base64) or size, exactly one' });
}).meta({ id: 'ScenarioMediaPart' });

const rcsButton = strictShape({ label: z.string().min(1), url: z.string().optional(), postback: z.string().optional(), dial: z.string().optional() });
const rcsCard = strictShape({
  title: z.string().optional(),
  description: z.string().optional(),
  media: strictShape({ url: z.string().min(1), contentType: z.string().optional(), height: z.enum(['SHORT_HEIGHT', 'MEDIUM_HEIGHT', 'TALL_HEIGHT']).optional() }).optional(),
  buttons: z.array(rcsButton).optional(),
});
const rcsContent = strictShape({
  messagebaseId: z.string().min(1).describe('The RCS message base (product) registered for the brand.'),
  text: z.string().optional(),
  cards: z.array(rcsCard).min(1).optional().describe('One card, or a carousel of several.'),
  buttons: z.array(rcsButton).optional(),
}).meta({ id: 'ScenarioRcsContent' });

const templateRef = strictShape({
  id: z.string().min(1).describe('A template from the `templates` section.'),
  variables: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).default({}),
  language: z.enum(LANGUAGES).optional(),
}).meta({ id: 'ScenarioTemplateRef' });

// Content and delivery options, as the engine API takes them; the engine (compose) judges the content,
// so a scenario may send content the engine must refuse.
const contentFields = {
  from: senderField.default(DEFAULT_SENDER).describe(`Callback (sender) number; default ${DEFAULT_SENDER}.`),
  type: z.enum(CONTENT_KINDS).optional().describe('Asked-for type; by default the engine classifies the content.'),
  text: z.string().optional(),
  subject: z.string().optional(),
  template: templateRef.optional(),
  media: z.array(mediaPart).min(1).optional(),
  rcs: rcsContent.optional(),
  ad: z.boolean().default(false),
  optOut: senderField.optional().describe('080 opt-out number for the ad footer.'),
  priority: z.enum(['realtime', 'scheduled']).optional().describe("The API's kind: real-time goes ahead of scheduled; scheduled steps are always scheduled."),
  clientRef: z.string().min(1).optional(),
};

const needsContent = (c: { text?: string; template?: unknown; media?: unknown; rcs?: unknown }, ctx: z.RefinementCtx): void => {
  if (c.text === undefined && c.template === undefined && c.media === undefined && c.rcs === undefined) {
    ctx.addIssue({ code: 'custom', message: 'give the content: text, template, media or rcs' });
  }
};

/** Who gets a generated message: attributes of the simulated network, or one well-known subscriber. */
const recipientSelector = strictShape({
  weight: weightField,
  subscriber: knownSubscriberField.optional().describe('One well-known subscriber (KNOWN_SUBSCRIBERS key).'),
  carrier: z.enum(CARRIERS).optional(),
  device: z.enum(DEVICES).optional(),
  rcs: z.boolean().optional(),
  language: z.enum(LANGUAGES).optional(),
  reachability: z.enum(REACHABILITIES).optional(),
}).superRefine((s, ctx) => {
  const attrs = (['carrier', 'device', 'rcs', 'language', 'reachability'] as const).filter((k) => s[k] !== undefined);
  if (s.subscriber !== undefined && attrs.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['subscriber'], message: `a selector names one subscriber or attributes (${attrs.join(', ')}), not both` });
  }
}).meta({ id: 'ScenarioRecipientSelector' });
export type RecipientSelector = z.output<typeof recipientSelector>;

const recipientMix = z.array(recipientSelector).min(1).describe('Weighted selectors; numbers are drawn from the simulated network.');

const recipients = z.union(
  [
    z.array(recipientField).min(1),
    strictShape({ count: positiveInt, mix: recipientMix.default([{ weight: 1 }]).describe('Default: anyone in the network.') }),
  ],
  { error: 'expected a list of recipients or { count, mix? }' },
);
export type Recipients = z.output<typeof recipients>;

const sendStep = strictShape({ at: offsetField, to: recipientField, ...contentFields }).superRefine(needsContent);
const batchShape = { at: offsetField, recipients, ...contentFields };
const batchStep = strictShape(batchShape).superRefine(needsContent);
const scheduledStep = strictShape({
  ...batchShape,
  sendAt: whenField.describe('When the engine should send: an offset on the scenario clock or an ISO time.'),
}).superRefine(needsContent);

const contentWeight = strictShape({
  type: z.enum(CONTENT_KINDS),
  weight: weightField,
  ad: z.boolean().default(false),
});

const streamStep = strictShape({
  at: offsetField.describe('When the stream starts.'),
  for: durationField.describe('How long it runs (simulated time).'),
  rate: z.number({ error: 'expected messages per simulated second (> 0)' }).positive({ error: 'expected messages per simulated second (> 0)' }),
  from: senderField.default(DEFAULT_SENDER),
  mix: strictShape({
    recipients: recipientMix.default([{ weight: 1 }]),
    content: z.array(contentWeight).min(1),
  }),
});

type Content = z.output<typeof sendStep>;
export type SendStep = { kind: 'send' } & Content;
export type BatchStep = { kind: 'batch' } & z.output<typeof batchStep>;
/** `sendAt` is an offset (ms) on the scenario clock once the scenario is loaded. */
export type ScheduledStep = { kind: 'scheduled' } & Omit<z.output<typeof scheduledStep>, 'sendAt'> & { sendAt: number };
export type StreamStep = { kind: 'stream' } & z.output<typeof streamStep>;
export type TrafficStep = SendStep | BatchStep | ScheduledStep | StreamStep;

export const trafficStepSchema = strictShape(
  { send: sendStep.optional(), batch: batchStep.optional(), scheduled: scheduledStep.optional(), stream: streamStep.optional() },
  'step kind',
)
  .meta({ minProperties: 1, maxProperties: 1 })
  .superRefine((s, ctx) => {
    const given = STEP_KINDS.filter((k) => s[k] !== undefined);
    if (given.length !== 1) {
      const got = given.length === 0 ? 'none' : given.join(', ');
      ctx.addIssue({ code: 'custom', message: `a step is exactly one of ${STEP_KINDS.join(', ')} (got ${got})` });
    }
  });

export type TrafficStepInput = z.input<typeof trafficStepSchema>;
export type ParsedTrafficStep = z.output<typeof trafficStepSchema>;

export const trafficSchema = z.array(trafficStepSchema).min(1, { error: 'a scenario needs at least one traffic step' });

// Compile-time check that scenario RCS content is what the engine takes.
export type RcsContent = z.output<typeof rcsContent>;
const _rcsFits = (c: RcsContent): RcsContentInput => c;
void _rcsFits;

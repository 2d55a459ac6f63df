// A template as the API shows it (times as ISO strings), with its zod schema for the OpenAPI document.
import { z } from 'zod';
import { CONTENT_KINDS, LANGUAGES } from '../intake/request-schema.ts';
import { TEMPLATE_STATES, type Template } from '../templates/template.ts';

const isoTime = z.string().describe('ISO 8601 time (UTC).');
const body = z.object({ subject: z.string().optional(), text: z.string() });

export const templateViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CONTENT_KINDS),
  ad: z.boolean(),
  bodies: z.object(Object.fromEntries(LANGUAGES.map((l) => [l, body.optional()])) as Record<(typeof LANGUAGES)[number], z.ZodOptional<typeof body>>),
  defaultLanguage: z.enum(LANGUAGES),
  variables: z.array(z.string()).describe('Placeholders every body uses.'),
  state: z.enum(TEMPLATE_STATES).describe('registered -> wording-review -> consistency-review -> approved, or rejected; only approved templates can be sent.'),
  history: z.array(z.object({ state: z.enum(TEMPLATE_STATES), at: isoTime, note: z.string().optional() })),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type TemplateView = z.infer<typeof templateViewSchema>;

export const templateListSchema = z.object({ items: z.array(templateViewSchema) });

const iso = (ms: number): string => new Date(ms).toISOString();

export function toTemplateView(t: Template): TemplateView {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    ad: t.ad,
    bodies: t.bodies,
    defaultLanguage: t.defaultLanguage,
    variables: t.variables,
    state: t.state,
    history: t.history.map((h) => (h.note === undefined ? { state: h.state, at: iso(h.at) } : { state: h.state, at: iso(h.at), note: h.note })),
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
  };
}

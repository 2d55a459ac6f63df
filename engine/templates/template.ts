// A message template and its review lifecycle: registered -> wording-review -> consistency-review ->
// approved (or rejected at any review). Only approved templates can be sent.
import type { ContentKind, Language } from '../message.ts';

export const TEMPLATE_STATES = ['registered', 'wording-review', 'consistency-review', 'approved', 'rejected'] as const;
export type TemplateState = (typeof TEMPLATE_STATES)[number];

export interface TemplateBody {
  subject?: string;
  /** Text with {{name}} placeholders. */
  text: string;
}

export interface Template {
  id: string;
  tenant: string;
  name: string;
  /** Content kind the template is meant for (compose still classifies the rendered text). */
  kind: ContentKind;
  ad: boolean;
  /** One body per language; at least one. */
  bodies: Partial<Record<Language, TemplateBody>>;
  defaultLanguage: Language;
  /** Placeholders every body uses. */
  variables: string[];
  state: TemplateState;
  history: Array<{ state: TemplateState; at: number; note?: string }>;
  createdAt: number;
  updatedAt: number;
}

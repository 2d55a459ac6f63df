// What a tenant gives to register a template, and its validation: a name, a content kind, one body
// per language (ko, en, zh, vi, ru), every language using the same placeholders. An ad template is
// written without "(광고)" and without the opt-out footer: compose adds both at send.
import { LMS_MAX_BYTES, SUBJECT_MAX_BYTES } from '../compose/classify-content.ts';
import { startsWithAdMarker } from '../compose/ad-decoration.ts';
import { carrierTextBytes } from '../compose/euc-kr-length.ts';
import type { EngineErrorCode } from '../engine-errors.ts';
import type { FieldError } from '../intake/intake.ts';
import type { ContentKind, Language } from '../message.ts';
import type { TemplateBody } from './template.ts';
import { parseTemplateText, placeholderNames, type ParsedText } from './template-text.ts';

export const LANGUAGES: readonly Language[] = ['ko', 'en', 'zh', 'vi', 'ru'];
const KINDS: readonly ContentKind[] = ['sms', 'lms', 'mms', 'rcs'];
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface TemplateInput {
  /** Tenant-chosen id; generated when absent. */
  id?: string;
  name: string;
  kind: ContentKind;
  ad?: boolean;
  bodies: Partial<Record<Language, TemplateBody>>;
  /** Default: ko when there is a Korean body, else the first language given. */
  defaultLanguage?: Language;
}

export interface ParsedBody {
  text: ParsedText;
  subject?: ParsedText;
}

export interface ValidTemplateInput {
  id?: string;
  name: string;
  kind: ContentKind;
  ad: boolean;
  bodies: Partial<Record<Language, TemplateBody>>;
  defaultLanguage: Language;
  variables: string[];
  parsed: Map<Language, ParsedBody>;
}

export type TemplateInputCheck = { ok: true; value: ValidTemplateInput } | { ok: false; errors: FieldError[] };

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** Parses every body; placeholders of subject and text together must be the same set in every language. */
export function checkTemplateInput(input: unknown): TemplateInputCheck {
  const errors: FieldError[] = [];
  const err = (field: string, code: EngineErrorCode, message: string): void => {
    errors.push({ field, code, message });
  };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', code: 'ENGINE_ERR_BAD_REQUEST', message: 'a template is an object with name, kind and bodies' }] };
  }
  const i = input as Record<string, unknown>;
  if (i.id !== undefined && (typeof i.id !== 'string' || !ID.test(i.id))) err('id', 'ENGINE_ERR_BAD_REQUEST', 'id is 1-64 letters, digits, _ or -');
  const name = typeof i.name === 'string' ? i.name.trim() : '';
  if (name.length === 0 || name.length > 100) err('name', 'ENGINE_ERR_BAD_REQUEST', 'name is 1-100 characters');
  if (!KINDS.includes(i.kind as ContentKind)) err('kind', 'ENGINE_ERR_BAD_REQUEST', `kind is one of ${KINDS.join(', ')}`);
  if (i.ad !== undefined && typeof i.ad !== 'boolean') err('ad', 'ENGINE_ERR_BAD_REQUEST', 'ad is true or false');
  const ad = i.ad === true;

  const bodies: Partial<Record<Language, TemplateBody>> = {};
  const parsed = new Map<Language, ParsedBody>();
  let reference: { language: Language; names: string[] } | null = null;
  if (i.bodies === null || typeof i.bodies !== 'object' || Array.isArray(i.bodies)) {
    err('bodies', 'ENGINE_ERR_BAD_REQUEST', 'bodies maps a language (ko, en, zh, vi, ru) to { subject?, text }');
  } else {
    for (const [language, raw] of Object.entries(i.bodies as Record<string, unknown>)) {
      // A schema-parsed body map may hold a key for every language, undefined where none was given.
      if (raw === undefined) continue;
      const at = `bodies.${language}`;
      if (!isLanguage(language)) {
        err(at, 'ENGINE_ERR_BAD_REQUEST', `unknown language ${language.slice(0, 10)}; one of ${LANGUAGES.join(', ')}`);
        continue;
      }
      const body = raw as Record<string, unknown> | null;
      if (body === null || typeof body !== 'object' || typeof body.text !== 'string' || body.text.trim().length === 0) {
        err(`${at}.text`, 'ENGINE_ERR_BAD_REQUEST', 'a body needs non-empty text');
        continue;
      }
      if (body.subject !== undefined && typeof body.subject !== 'string') {
        err(`${at}.subject`, 'ENGINE_ERR_BAD_REQUEST', 'subject is a string');
        continue;
      }
      const text = parseTemplateText(body.text);
      const subject = typeof body.subject === 'string' && body.subject.length > 0 ? parseTemplateText(body.subject) : undefined;
      if (!text.ok) err(`${at}.text`, 'ENGINE_ERR_TEMPLATE_VARIABLE', text.message);
      if (subject !== undefined && !subject.ok) err(`${at}.subject`, 'ENGINE_ERR_TEMPLATE_VARIABLE', subject.message);
      if (!text.ok || (subject !== undefined && !subject.ok)) continue;
      if (ad && (startsWithAdMarker(body.text) || (typeof body.subject === 'string' && startsWithAdMarker(body.subject)))) {
        err(`${at}.text`, 'ENGINE_ERR_BAD_REQUEST', 'write an ad template without "(광고)": it is added at send, with the opt-out footer');
      }
      // Placeholders only add to the length, so the literal text already shows a body that can never fit.
      const literalBytes = carrierTextBytes(text.parsed.literals.join(''));
      if (literalBytes > LMS_MAX_BYTES) err(`${at}.text`, 'ENGINE_ERR_CONTENT_TOO_LONG', `text is ${literalBytes} bytes in EUC-KR without its variables, over ${LMS_MAX_BYTES}`);
      if (subject?.ok) {
        const subjectBytes = carrierTextBytes(subject.parsed.literals.join(''));
        if (subjectBytes > SUBJECT_MAX_BYTES) err(`${at}.subject`, 'ENGINE_ERR_CONTENT_TOO_LONG', `subject is ${subjectBytes} bytes in EUC-KR, over ${SUBJECT_MAX_BYTES}`);
        if (i.kind === 'sms') err(`${at}.subject`, 'ENGINE_ERR_TYPE_MISMATCH', 'an SMS template has no subject');
      }
      const names = [...new Set([...(subject?.ok ? placeholderNames(subject.parsed) : []), ...placeholderNames(text.parsed)])].sort();
      if (reference === null) reference = { language, names };
      else if (names.join('\u0000') !== reference.names.join('\u0000')) {
        err(`${at}.text`, 'ENGINE_ERR_TEMPLATE_VARIABLE', `uses {${names.join(', ')}} but ${reference.language} uses {${reference.names.join(', ')}}: every language needs the same placeholders`);
      }
      bodies[language] = typeof body.subject === 'string' && body.subject.length > 0 ? { subject: body.subject, text: body.text } : { text: body.text };
      parsed.set(language, subject?.ok ? { text: text.parsed, subject: subject.parsed } : { text: text.parsed });
    }
    if (parsed.size === 0 && !errors.some((e) => e.field.startsWith('bodies'))) err('bodies', 'ENGINE_ERR_BAD_REQUEST', 'a template needs at least one body');
  }
  let defaultLanguage: Language | undefined;
  if (i.defaultLanguage !== undefined) {
    if (!isLanguage(i.defaultLanguage) || !parsed.has(i.defaultLanguage)) err('defaultLanguage', 'ENGINE_ERR_TEMPLATE_VARIABLE', 'defaultLanguage must be one of the languages given a body');
    else defaultLanguage = i.defaultLanguage;
  } else {
    defaultLanguage = parsed.has('ko') ? 'ko' : LANGUAGES.find((l) => parsed.has(l));
  }
  if (errors.length > 0 || defaultLanguage === undefined || reference === null) return { ok: false, errors };
  const value: ValidTemplateInput = { name, kind: i.kind as ContentKind, ad, bodies, defaultLanguage, variables: reference.names, parsed };
  if (typeof i.id === 'string') value.id = i.id;
  return { ok: true, value };
}

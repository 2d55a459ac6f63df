// Turns one MessageRequest into the content a channel sends, or the first FieldError that stops it.
// Order (the first problem answers): to, from (format, then the tenant's registered senders),
// type/priority/sendAt/ad flags, content present, text/template, media, RCS, the ad opt-out, then
// classification with the byte limits applied to the text AFTER ad decoration. The engine composes
// every message of every batch here, so the common path (ASCII or Hangul text, no template) makes no
// regex compilation, no iconv call for ASCII and no allocation beyond the result.
import type { Clock } from '../../gateways/kit/clock.ts';
import type { Tenant } from '../engine-config.ts';
import type { EngineErrorCode } from '../engine-errors.ts';
import type { FieldError } from '../intake/intake.ts';
import type { ComposedContent, ContentKind, Language, MediaPart, MessageRequest, RcsContentInput } from '../message.ts';
import type { TemplateService } from '../templates/template-service.ts';
import { decorateAd, isOptOutNumber } from './ad-decoration.ts';
import { classifyContent } from './classify-content.ts';
import { normalizeMobile, normalizeSender } from './korean-number.ts';
import { checkMedia } from './media-check.ts';
import { checkRcs } from './rcs-check.ts';

export type ComposeResult =
  | {
      ok: true;
      content: ComposedContent;
      /** Recipient in national form (01012345678). */
      to: string;
      /** Callback number, digits only. */
      from: string;
      /** Advertisement (asked for, or the template is one). */
      ad: boolean;
    }
  | { ok: false; error: FieldError };

export interface Composer {
  compose(tenant: Tenant, req: MessageRequest): Promise<ComposeResult>;
}

/** A scheduled send may be at most this far ahead. */
export const MAX_SCHEDULE_AHEAD_MS = 366 * 86_400_000;

const KINDS: ReadonlySet<unknown> = new Set<ContentKind>(['sms', 'lms', 'mms', 'rcs']);
const registered = new WeakMap<readonly string[], ReadonlySet<string>>();

function sendersOf(tenant: Tenant): ReadonlySet<string> {
  let set = registered.get(tenant.senders);
  if (set === undefined) {
    set = new Set(tenant.senders.map((s) => normalizeSender(s) ?? s));
    registered.set(tenant.senders, set);
  }
  return set;
}

const failure = (field: string, code: EngineErrorCode, message: string): ComposeResult => ({ ok: false, error: { field, code, message } });

export function createComposer(opts: { templates: Pick<TemplateService, 'render'>; clock: Clock }): Composer {
  const { templates, clock } = opts;

  async function compose(tenant: Tenant, req: MessageRequest): Promise<ComposeResult> {
    if (req === null || typeof req !== 'object') return failure('', 'ENGINE_ERR_BAD_REQUEST', 'a message is an object');
    const to = normalizeMobile(req.to);
    if (to === null) return failure('to', 'ENGINE_ERR_BAD_NUMBER', 'to must be a Korean mobile number (01X and 7-8 digits, or +82)');
    const from = normalizeSender(req.from);
    if (from === null) return failure('from', 'ENGINE_ERR_BAD_SENDER', 'from must be a callback number of 8-12 digits');
    if (tenant.senders.length > 0 && !sendersOf(tenant).has(from)) {
      return failure('from', 'ENGINE_ERR_UNREGISTERED_SENDER', `${from} is not a registered callback number of tenant ${tenant.id}`);
    }

    const type = req.type;
    if (type !== undefined && !KINDS.has(type)) return failure('type', 'ENGINE_ERR_BAD_REQUEST', 'type is one of sms, lms, mms, rcs');
    if (req.priority !== undefined && req.priority !== 'realtime' && req.priority !== 'scheduled') {
      return failure('priority', 'ENGINE_ERR_BAD_REQUEST', 'priority is realtime or scheduled');
    }
    if (req.sendAt !== undefined || req.priority === 'scheduled') {
      const at = req.sendAt;
      if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) return failure('sendAt', 'ENGINE_ERR_BAD_SCHEDULE', 'a scheduled message needs sendAt (epoch ms)');
      if (at > clock.now() + MAX_SCHEDULE_AHEAD_MS) return failure('sendAt', 'ENGINE_ERR_BAD_SCHEDULE', 'sendAt is more than 366 days ahead');
    }
    if (req.ad !== undefined && typeof req.ad !== 'boolean') return failure('ad', 'ENGINE_ERR_BAD_REQUEST', 'ad is true or false');

    // Content: text, a template, media, RCS.
    if (req.text !== undefined && typeof req.text !== 'string') return failure('text', 'ENGINE_ERR_BAD_REQUEST', 'text is a string');
    if (req.subject !== undefined && typeof req.subject !== 'string') return failure('subject', 'ENGINE_ERR_BAD_REQUEST', 'subject is a string');
    if (req.media !== undefined && !Array.isArray(req.media)) return failure('media', 'ENGINE_ERR_BAD_MEDIA', 'media is a list of { contentType, name, data }');
    const hasText = req.text !== undefined && req.text.length > 0;
    const hasMedia = req.media !== undefined && req.media.length > 0;
    const hasRcs = req.rcs !== undefined && req.rcs !== null;
    const hasTemplate = req.template !== undefined && req.template !== null;
    if (!hasText && !hasTemplate && !hasMedia && !hasRcs) return failure('text', 'ENGINE_ERR_NO_CONTENT', 'a message needs text, a template, media or rcs content');
    if (hasText && hasTemplate) return failure('template', 'ENGINE_ERR_BAD_REQUEST', 'give text or a template, not both');
    if (hasRcs) {
      // RCS content carries its own text, cards and media; anything beside it would be silently dropped.
      const extra = hasText ? 'text' : hasTemplate ? 'template' : hasMedia ? 'media' : req.subject !== undefined && req.subject !== '' ? 'subject' : null;
      if (extra !== null) return failure(extra, 'ENGINE_ERR_BAD_REQUEST', `${extra} cannot go with rcs content: put it in rcs (text, cards)`);
    }

    let ad = req.ad === true;
    let text = hasText ? req.text : undefined;
    let subject = req.subject;
    let preferLms = false;
    let textField = 'text';
    if (hasTemplate) {
      const t = req.template as unknown as Record<string, unknown>;
      if (typeof t !== 'object') return failure('template', 'ENGINE_ERR_BAD_REQUEST', 'template is { id, variables, language? }');
      if (typeof t.id !== 'string' || t.id.length === 0) return failure('template.id', 'ENGINE_ERR_UNKNOWN_TEMPLATE', 'template.id is a template id');
      const rendered = await templates.render(tenant.id, t.id, t.language as Language | undefined, (t.variables ?? {}) as Record<string, string>);
      if (!rendered.ok) return { ok: false, error: rendered.error };
      if (rendered.ad && !ad) return failure('ad', 'ENGINE_ERR_BAD_REQUEST', `template ${t.id} is an advertisement: send it with ad: true`);
      ad ||= rendered.ad;
      text = rendered.text;
      if (subject === undefined || subject === '') subject = rendered.subject;
      preferLms = rendered.kind === 'lms';
      textField = 'template';
    }

    let media: MediaPart[] | undefined;
    if (hasMedia) {
      const problem = checkMedia(req.media as unknown[]);
      if (problem !== null) return failure(`media${problem.at}`, problem.code, problem.message);
      media = req.media;
    }

    let rcs: RcsContentInput | undefined;
    if (hasRcs) {
      const checked = checkRcs(req.rcs);
      if (!checked.ok) return failure(`rcs${checked.problem.at}`, 'ENGINE_ERR_BAD_RCS', checked.problem.message);
      rcs = checked.rcs;
    }

    if (ad) {
      if (!isOptOutNumber(req.optOut)) {
        return failure('optOut', 'ENGINE_ERR_AD_OPT_OUT', 'an advertisement needs optOut, a free 080 opt-out number (080-XXX-XXXX)');
      }
      // RCS marks an ad with its header and footer fields (set by the channel), never in the text.
      if (rcs === undefined) text = decorateAd(text ?? '', req.optOut);
    }

    const classified = classifyContent({ type, text, subject, media, rcs, preferLms, textField });
    if (!classified.ok) return { ok: false, error: classified.error };
    return { ok: true, content: classified.content, to, from, ad };
  }

  return { compose };
}

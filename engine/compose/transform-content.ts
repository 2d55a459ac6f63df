// Content for one route leg. Most legs send what compose made; a replacement leg turns RCS content
// into the MMS or LMS sent to a handset without RCS (iOS, other carriers): the first card image that
// can be resolved becomes the MMS image (none -> LMS), the first card title the subject, and every
// text, card title/description and button ("label: url") the body. A replacement is a legacy message,
// so an ad gets "(광고)" and the 080 footer in its text (protocols.md §3c, last fallback rule) although
// the RCS original carried neither. The result always fits the LMS/MMS limits: the body is cut on a
// character boundary with a trailing '…', before the footer so the footer survives.
import type { RouteLeg } from '../engine-config.ts';
import type { ComposedContent, MediaPart, RcsButton, RcsContentInput } from '../message.ts';
import { AD_PREFIX, decorateAd, isOptOutNumber } from './ad-decoration.ts';
import { LMS_MAX_BYTES, SUBJECT_MAX_BYTES } from './classify-content.ts';
import { carrierTextBytes, truncateToBytes } from './euc-kr-length.ts';
import { checkMedia, mediaTypeOf } from './media-check.ts';

export interface TransformOptions {
  /** Fetches a card's media URL (maapfile://, https://) as an MMS part; `data:` URLs are read without it. */
  resolveMedia?: (url: string) => MediaPart | null;
  /** The message is an advertisement: the replacement text gets the prefix and the opt-out footer. */
  ad?: boolean;
  optOut?: string;
}

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif' };

/** A `data:` URL as a media part; null when it is not one. */
export function mediaFromDataUrl(url: string, name?: string): MediaPart | null {
  if (!url.startsWith('data:')) return null;
  const comma = url.indexOf(',');
  if (comma < 0) return null;
  const meta = url.slice(5, comma).split(';');
  const contentType = meta[0] === '' ? 'text/plain' : mediaTypeOf(meta[0]);
  const payload = url.slice(comma + 1);
  let data: string;
  if (meta.slice(1).some((p) => p.toLowerCase() === 'base64')) data = payload;
  else {
    try {
      data = Buffer.from(decodeURIComponent(payload), 'latin1').toString('base64');
    } catch {
      return null;
    }
  }
  return { contentType, name: name ?? `image.${EXTENSIONS[contentType] ?? 'bin'}`, data };
}

function resolve(url: string, opts: TransformOptions): MediaPart | null {
  let part: MediaPart | null;
  try {
    part = url.startsWith('data:') ? mediaFromDataUrl(url) : (opts.resolveMedia?.(url) ?? null);
  } catch {
    // A media store that cannot answer is the same as no image: the replacement goes as LMS.
    part = null;
  }
  // What the MMSC would refuse (a PNG, an oversized image) is not worth a failed MMS either.
  return part !== null && checkMedia([part]) === null ? part : null;
}

function buttonLine(b: RcsButton): string | null {
  const target = b.url ?? b.dial;
  // Reply (postback) buttons mean nothing outside RCS.
  return target === undefined ? null : `${b.label}: ${target}`;
}

/** The replacement body: rcs text, then each card (title, description, buttons), then chips; blocks separated by a blank line. */
export function replacementText(rcs: RcsContentInput): string {
  const blocks: string[] = [];
  if (rcs.text !== undefined && rcs.text !== '') blocks.push(rcs.text);
  for (const card of rcs.cards ?? []) {
    const lines: string[] = [];
    if (card.title) lines.push(card.title);
    if (card.description) lines.push(card.description);
    for (const b of card.buttons ?? []) {
      const line = buttonLine(b);
      if (line !== null) lines.push(line);
    }
    if (lines.length > 0) blocks.push(lines.join('\n'));
  }
  const chips = (rcs.buttons ?? []).map(buttonLine).filter((l): l is string => l !== null);
  if (chips.length > 0) blocks.push(chips.join('\n'));
  return blocks.join('\n\n');
}

function replacement(rcs: RcsContentInput, asMms: boolean, opts: TransformOptions): ComposedContent {
  const body = replacementText(rcs);
  let text: string;
  if (opts.ad === true) {
    const decorated = isOptOutNumber(opts.optOut) ? (b: string) => decorateAd(b, opts.optOut as string) : (b: string) => AD_PREFIX + b;
    const overhead = carrierTextBytes(decorated(''));
    text = decorated(truncateToBytes(body, LMS_MAX_BYTES - overhead));
  } else {
    text = truncateToBytes(body, LMS_MAX_BYTES);
  }
  const title = rcs.cards?.[0]?.title;
  const subject = title ? truncateToBytes(title, SUBJECT_MAX_BYTES, '') : undefined;

  if (asMms) {
    for (const card of rcs.cards ?? []) {
      if (card.media === undefined) continue;
      const part = resolve(card.media.url, opts);
      if (part === null) break;
      const out: ComposedContent = { kind: 'mms', media: [part] };
      if (subject) out.subject = subject;
      if (text !== '') out.text = text;
      return out;
    }
  }
  const out: ComposedContent = { kind: 'lms', text };
  if (subject) out.subject = subject;
  return out;
}

/**
 * The content to send on `leg`. 'rcs-to-mms' / 'rcs-to-lms' replace RCS content (other content is
 * sent as it is); a leg with transform 'none' that names another kind converts where that loses
 * nothing: rcs -> mms/lms (as the matching replacement; rcs -> sms becomes LMS, an RCS body rarely
 * fits 90 bytes) and sms -> lms. Anything else is returned unchanged: routing chose the leg.
 */
export function transformForLeg(content: ComposedContent, leg: Pick<RouteLeg, 'as' | 'transform'>, opts: TransformOptions = {}): ComposedContent {
  if (content.kind === 'rcs') {
    if (leg.transform === 'rcs-to-mms' || (leg.transform === 'none' && leg.as === 'mms')) return replacement(content.rcs, true, opts);
    if (leg.transform === 'rcs-to-lms' || (leg.transform === 'none' && (leg.as === 'lms' || leg.as === 'sms'))) return replacement(content.rcs, false, opts);
    return content;
  }
  if (leg.transform === 'none' && content.kind === 'sms' && leg.as === 'lms') return { kind: 'lms', text: content.text };
  return content;
}

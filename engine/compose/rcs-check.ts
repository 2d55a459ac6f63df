// RCS content checked against its Korean messagebase before it is accepted, with the limits the RCS
// codec's messagebase table holds (cards per product, title/description characters, buttons per card,
// label length, chips, postback size), so a message the carrier MaaP-FE would refuse is refused at
// intake with the field named. Lengths are in characters (code points), as the MaaP-FE counts them.
import { MAX_CHIPS, MAX_POSTBACK, messagebase, type MessagebaseSpec } from '../../gateways/rcs/codec/messagebase-table.ts';
import type { RcsButton, RcsCardInput, RcsContentInput } from '../message.ts';
import { startsWithAdMarker } from './ad-decoration.ts';

export interface RcsProblem {
  /** Relative to `rcs`: '' , '.messagebaseId', '.cards[1].title', '.buttons[0].label'. */
  at: string;
  message: string;
}

export type RcsCheck = { ok: true; rcs: RcsContentInput } | { ok: false; problem: RcsProblem };

const DIAL = /^\+?[\d-]{3,20}$/;
const HTTP_URL = /^https?:\/\//i;
const HEIGHTS: ReadonlySet<string> = new Set(['SHORT_HEIGHT', 'MEDIUM_HEIGHT', 'TALL_HEIGHT']);

class Refusal {
  constructor(
    readonly at: string,
    readonly message: string,
  ) {}
}

function chars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else {
      n++;
      i++;
    }
  }
  return n;
}

function optionalString(v: unknown, at: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new Refusal(at, 'must be a string');
  return v;
}

function text(v: unknown, at: string, max: number | null, what: string): string | undefined {
  const s = optionalString(v, at);
  if (s === undefined) return undefined;
  if (max === null) throw new Refusal(at, `${what} has no ${at.slice(at.lastIndexOf('.') + 1)}`);
  if (chars(s) > max) throw new Refusal(at, `over ${max} characters`);
  // The ad marker comes from the RCS header; the MaaP-FE refuses a body that writes it (protocols.md §3c).
  if (startsWithAdMarker(s)) throw new Refusal(at, 'must not start with "(광고)": an RCS ad is marked by its header, the engine sets it from `ad`');
  return s;
}

function button(v: unknown, at: string, mb: MessagebaseSpec): RcsButton {
  if (v === null || typeof v !== 'object') throw new Refusal(at, 'a button is an object with a label');
  const b = v as Record<string, unknown>;
  if (typeof b.label !== 'string' || b.label.length === 0) throw new Refusal(`${at}.label`, 'a button needs a label');
  if (chars(b.label) > mb.buttonLabelMax) throw new Refusal(`${at}.label`, `${mb.id} button labels are at most ${mb.buttonLabelMax} characters`);
  const out: RcsButton = { label: b.label };
  const url = optionalString(b.url, `${at}.url`);
  const dial = optionalString(b.dial, `${at}.dial`);
  const postback = optionalString(b.postback, `${at}.postback`);
  if (url !== undefined && dial !== undefined) throw new Refusal(at, 'a button opens a url or dials a number, not both');
  if (url !== undefined) {
    if (!HTTP_URL.test(url) || !URL.canParse(url) || url.length > MAX_POSTBACK) throw new Refusal(`${at}.url`, `must be an http(s) URL of at most ${MAX_POSTBACK} characters`);
    out.url = url;
  }
  if (dial !== undefined) {
    if (!DIAL.test(dial)) throw new Refusal(`${at}.dial`, 'must be a phone number');
    out.dial = dial;
  }
  if (postback !== undefined) {
    if (postback.length > MAX_POSTBACK) throw new Refusal(`${at}.postback`, `over ${MAX_POSTBACK} characters`);
    out.postback = postback;
  }
  return out;
}

function buttons(v: unknown, at: string, max: number, mb: MessagebaseSpec): RcsButton[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw new Refusal(at, 'must be a list of buttons');
  if (v.length > max) throw new Refusal(at, `${mb.id} takes at most ${max} button(s) here, got ${v.length}`);
  return v.map((b, i) => button(b, `${at}[${i}]`, mb));
}

function card(v: unknown, at: string, mb: MessagebaseSpec, maxButtons: number): RcsCardInput {
  if (v === null || typeof v !== 'object') throw new Refusal(at, 'a card is an object');
  const c = v as Record<string, unknown>;
  const out: RcsCardInput = {};
  const title = text(c.title, `${at}.title`, mb.titleMax, mb.id);
  if (title !== undefined) out.title = title;
  const description = text(c.description, `${at}.description`, mb.descriptionMax, mb.id);
  if (description !== undefined) out.description = description;
  if (c.media !== undefined) {
    if (mb.kind === 'text') throw new Refusal(`${at}.media`, `${mb.id} (${mb.product}) carries no media`);
    const m = c.media as Record<string, unknown> | null;
    if (m === null || typeof m !== 'object') throw new Refusal(`${at}.media`, 'media is an object with a url');
    if (typeof m.url !== 'string' || m.url.length === 0) throw new Refusal(`${at}.media.url`, 'media needs a url (maapfile://, https:// or data:)');
    const media: NonNullable<RcsCardInput['media']> = { url: m.url };
    const contentType = optionalString(m.contentType, `${at}.media.contentType`);
    if (contentType !== undefined) media.contentType = contentType;
    if (m.height !== undefined) {
      if (typeof m.height !== 'string' || !HEIGHTS.has(m.height)) throw new Refusal(`${at}.media.height`, 'must be SHORT_HEIGHT, MEDIUM_HEIGHT or TALL_HEIGHT');
      if (mb.mediaHeight !== null && m.height !== mb.mediaHeight) throw new Refusal(`${at}.media.height`, `${mb.id} needs ${mb.mediaHeight}`);
      media.height = m.height as NonNullable<typeof media.height>;
    }
    out.media = media;
  } else if (mb.mediaRequired) {
    throw new Refusal(`${at}.media`, `${mb.id} needs media on every card`);
  }
  if (out.title === undefined && out.description === undefined && out.media === undefined) throw new Refusal(at, 'a card needs a title, description or media');
  const bs = buttons(c.buttons, `${at}.buttons`, maxButtons, mb);
  if (bs !== undefined) out.buttons = bs;
  return out;
}

function check(input: unknown): RcsContentInput {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Refusal('', 'rcs is an object with messagebaseId and text or cards');
  const r = input as Record<string, unknown>;
  if (typeof r.messagebaseId !== 'string') throw new Refusal('.messagebaseId', 'rcs needs a messagebaseId');
  const mb = messagebase(r.messagebaseId);
  if (mb === undefined) throw new Refusal('.messagebaseId', `unknown messagebase ${r.messagebaseId.slice(0, 40)}`);
  const out: RcsContentInput = { messagebaseId: mb.id };
  const cardList = r.cards;
  if (cardList !== undefined && !Array.isArray(cardList)) throw new Refusal('.cards', 'must be a list of cards');
  const hasCards = cardList !== undefined && cardList.length > 0;

  if (mb.kind === 'text') {
    // Text products: the text (SMS, LMS) or, for LMS, one card without media so a title can travel.
    if (hasCards) {
      if (mb.titleMax === null) throw new Refusal('.cards', `${mb.id} (${mb.product}) takes text, not cards`);
      if (cardList.length !== 1) throw new Refusal('.cards', `${mb.id} takes one card, got ${cardList.length}`);
      if (r.text !== undefined) throw new Refusal('.text', `${mb.id} takes text or one card, not both`);
      out.cards = [card(cardList[0], '.cards[0]', mb, mb.maxButtons)];
    } else {
      const t = text(r.text, '.text', mb.descriptionMax, mb.id);
      if (t === undefined || t.length === 0) throw new Refusal('.text', `${mb.id} (${mb.product}) needs text`);
      out.text = t;
    }
    const used = out.cards?.[0].buttons?.length ?? 0;
    const chips = buttons(r.buttons, '.buttons', mb.maxButtons - used, mb);
    if (chips !== undefined) out.buttons = chips;
    return out;
  }

  if (r.text !== undefined) throw new Refusal('.text', `${mb.id} carries cards: put the text in a card's description`);
  if (!hasCards || cardList.length !== mb.cards) throw new Refusal('.cards', `${mb.id} takes exactly ${mb.cards} card(s), got ${hasCards ? cardList.length : 0}`);
  out.cards = cardList.map((c, i) => card(c, `.cards[${i}]`, mb, mb.maxButtons));
  let total = 0;
  for (const c of out.cards) total += c.description === undefined ? 0 : chars(c.description);
  if (total > mb.totalDescriptionMax) throw new Refusal('.cards', `descriptions over ${mb.totalDescriptionMax} characters in total`);
  const chips = buttons(r.buttons, '.buttons', MAX_CHIPS, mb);
  if (chips !== undefined) out.buttons = chips;
  return out;
}

/** Validates RCS content; on success returns a clean copy holding only the known fields. */
export function checkRcs(input: unknown): RcsCheck {
  try {
    return { ok: true, rcs: check(input) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, problem: { at: e.at, message: e.message } };
    throw e;
  }
}

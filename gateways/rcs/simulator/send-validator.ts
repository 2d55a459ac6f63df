// Checks a decoded send request against its Korean messagebase (product kind, card count, lengths,
// buttons, media) and the advertising rules, the way the carrier MaaP-FE does before accepting.
// The first problem answers; each has its own 55xxx result code.
import { MAX_CHIPS, MAX_MEDIA_BYTES, MAX_POSTBACK, type MessagebaseSpec } from '../codec/messagebase-table.ts';
import { RCS_RESULT, type RcsResultCode } from '../codec/rcs-result-codes.ts';
import type { CardContent } from '../codec/richcard-schema.ts';
import { contentKinds, type SendMessageRequest } from '../codec/send-message-schema.ts';
import { suggestionPostback, suggestionText, type Suggestion } from '../codec/suggestion-schema.ts';

export interface Violation {
  result: RcsResultCode;
  message: string;
}

const v = (result: RcsResultCode, message: string): Violation => ({ result, message });

// The ad marker comes from header=1; a body that writes it itself (any common spelling) is refused.
const AD_PREFIX = /^\s*[([]?\s*광\s*고\s*[)\]]?/;
// An opt-out number: 080 then digits, hyphens allowed, at most 20 characters.
const FOOTER = /^080-?\d{3,4}-?\d{4}$/;

/** The cards of a message in order; a text message is one card holding only a description. */
export function cardsOf(req: SendMessageRequest): CardContent[] {
  const m = req.RCSMessage;
  if (m.textMessage !== undefined) return [{ description: m.textMessage }];
  const rc = m.richcardMessage?.message;
  if (rc?.generalPurposeCard) return [rc.generalPurposeCard.content];
  return rc?.generalPurposeCardCarousel?.content ?? [];
}

/** All text a message shows, for behaviour `content` rules and logs. */
export function messageText(req: SendMessageRequest): string {
  return cardsOf(req)
    .map((c) => [c.title, c.description].filter((s) => s !== undefined).join('\n'))
    .join('\n');
}

export function checkContent(req: SendMessageRequest, mb: MessagebaseSpec): Violation | null {
  const m = req.RCSMessage;
  const kinds = contentKinds(m);
  if (kinds.length === 0) return v(RCS_RESULT.MISSING_CONTENT, 'RCSMessage has no content (textMessage or richcardMessage)');
  if (kinds.length > 1) return v(RCS_RESULT.INVALID_CONTENT, `RCSMessage has more than one content: ${kinds.join(', ')}`);
  const kind = kinds[0];
  if (kind !== 'textMessage' && kind !== 'richcardMessage') return v(RCS_RESULT.INVALID_CONTENT, `${kind} is not carried by this gateway`);

  const rc = m.richcardMessage?.message;
  const want = mb.kind === 'text' ? (mb.titleMax === null ? 'a textMessage' : 'a textMessage or a card without media') : mb.kind === 'standalone' ? 'a generalPurposeCard' : 'a generalPurposeCardCarousel';
  // An LMS may also go as a titled card without media (its title has nowhere else to go).
  const textCard = mb.titleMax !== null && rc?.generalPurposeCard !== undefined && rc.generalPurposeCard.content.media === undefined;
  const fits = mb.kind === 'text' ? kind === 'textMessage' || textCard : mb.kind === 'standalone' ? !!rc?.generalPurposeCard : !!rc?.generalPurposeCardCarousel;
  if (!fits) return v(RCS_RESULT.PRODUCT_TYPE_MISMATCH, `messagebase ${mb.id} (${mb.product}) takes ${want}`);

  const carousel = rc?.generalPurposeCardCarousel;
  if (carousel && carousel.layout.cardWidth !== mb.cardWidth) {
    return v(RCS_RESULT.INVALID_MESSAGEBASE_ATTRIBUTE, `messagebase ${mb.id} needs cardWidth ${mb.cardWidth}`);
  }
  const cards = cardsOf(req);
  if (cards.length !== mb.cards) return v(RCS_RESULT.CAROUSEL_CARD_COUNT, `messagebase ${mb.id} takes exactly ${mb.cards} card(s), got ${cards.length}`);

  let totalDescription = 0;
  let totalMedia = 0;
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i];
    const at = mb.kind === 'carousel' ? `card ${i + 1}: ` : '';
    if (card.title === undefined && card.description === undefined && card.media === undefined) {
      return v(RCS_RESULT.MISSING_CONTENT, `${at}a card needs a title, description or media`);
    }
    if (mb.kind === 'text' && card.description === '') return v(RCS_RESULT.MISSING_CONTENT, 'textMessage is empty');
    if (card.title !== undefined && (mb.titleMax === null || [...card.title].length > mb.titleMax)) {
      return v(RCS_RESULT.TITLE_TOO_LONG, mb.titleMax === null ? `messagebase ${mb.id} has no title` : `${at}title over ${mb.titleMax} characters`);
    }
    const dLen = card.description === undefined ? 0 : [...card.description].length;
    if (dLen > mb.descriptionMax) return v(RCS_RESULT.DESCRIPTION_TOO_LONG, `${at}${mb.kind === 'text' ? 'textMessage' : 'description'} over ${mb.descriptionMax} characters`);
    totalDescription += dLen;
    if (mb.kind !== 'text') {
      const media = card.media;
      if (media === undefined) {
        if (mb.mediaRequired) return v(RCS_RESULT.MISSING_CONTENT, `${at}messagebase ${mb.id} needs media on every card`);
      } else {
        if (media.height !== mb.mediaHeight) return v(RCS_RESULT.INVALID_MESSAGEBASE_ATTRIBUTE, `${at}messagebase ${mb.id} needs media height ${mb.mediaHeight}`);
        if (mb.image && ((media.imageWidth ?? 0) > mb.image.width || (media.imageHeight ?? 0) > mb.image.height)) {
          return v(RCS_RESULT.MEDIA_TOO_LARGE, `${at}image over ${mb.image.width}x${mb.image.height} px`);
        }
        totalMedia += media.mediaFileSize + (media.thumbnailFileSize ?? 0);
      }
    }
    const buttons = mb.kind === 'text' ? [...(m.suggestedChipList?.suggestions ?? []), ...(card.suggestions ?? [])] : (card.suggestions ?? []);
    const problem = checkButtons(buttons, mb, at);
    if (problem) return problem;
  }
  if (totalDescription > mb.totalDescriptionMax) return v(RCS_RESULT.DESCRIPTION_TOO_LONG, `descriptions over ${mb.totalDescriptionMax} characters in total`);
  if (totalMedia > MAX_MEDIA_BYTES) return v(RCS_RESULT.MEDIA_TOO_LARGE, `media over ${MAX_MEDIA_BYTES} bytes in total`);
  if (mb.kind !== 'text') {
    const chips = m.suggestedChipList?.suggestions ?? [];
    if (chips.length > MAX_CHIPS) return v(RCS_RESULT.TOO_MANY_BUTTONS, `suggestedChipList over ${MAX_CHIPS} chips`);
    return checkButtons(chips, { ...mb, maxButtons: MAX_CHIPS }, 'chip list: ');
  }
  return null;
}

function checkButtons(buttons: Suggestion[], mb: MessagebaseSpec, at: string): Violation | null {
  if (buttons.length > mb.maxButtons) return v(RCS_RESULT.TOO_MANY_BUTTONS, `${at}messagebase ${mb.id} takes at most ${mb.maxButtons} button(s)`);
  for (const b of buttons) {
    const label = [...suggestionText(b)].length;
    if (label === 0 || label > mb.buttonLabelMax) return v(RCS_RESULT.BUTTON_TEXT_TOO_LONG, `${at}button label must be 1-${mb.buttonLabelMax} characters`);
    if ((suggestionPostback(b)?.length ?? 0) > MAX_POSTBACK) return v(RCS_RESULT.MESSAGE_SYNTAX, `${at}postback data over ${MAX_POSTBACK}`);
  }
  return null;
}

/** header / footer / "(광고)" rules of the Korean advertising law as RCS applies them. */
export function checkAdRules(req: SendMessageRequest): Violation | null {
  const header = req.header === undefined ? '0' : String(req.header);
  if (header !== '0' && header !== '1') return v(RCS_RESULT.PROHIBITED_HEADER, `header must be "0" (information) or "1" (advertisement), got "${header.slice(0, 20)}"`);
  if (header === '1') {
    if (req.footer === undefined || req.footer === '') return v(RCS_RESULT.MISSING_FOOTER, 'an advertisement (header 1) needs a footer with an 080 opt-out number');
    if (req.footer.length > 20 || !FOOTER.test(req.footer)) return v(RCS_RESULT.FOOTER_SYNTAX, 'footer must be an 080 number (digits and -, at most 20 characters)');
  } else if (req.footer !== undefined) {
    return v(RCS_RESULT.PROHIBITED_FOOTER, 'footer is only allowed on advertisements (header 1)');
  }
  for (const card of cardsOf(req)) {
    for (const text of [card.title, card.description]) {
      if (text !== undefined && AD_PREFIX.test(text)) return v(RCS_RESULT.PROHIBITED_TEXT, 'the body must not write "(광고)": the ad marker comes from header 1');
    }
  }
  return null;
}

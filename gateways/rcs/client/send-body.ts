// RcsSubmitMessage -> the codec's SendMessageRequest (FNW.11 RCSMessage + Korean MaaP-FE fields).
// Keys without a value are left out: the MaaP-FE refuses null.
import { messagebase } from '../codec/messagebase-table.ts';
import type { CardContent } from '../codec/richcard-schema.ts';
import type { RcsMessage, SendMessageRequest } from '../codec/send-message-schema.ts';
import type { RcsCard, RcsSubmitMessage } from './rcs-message.ts';

/** 01012340001 / 821012340001 / +82 10-1234-0001 -> +821012340001; anything else is sent as given. */
export function toUserContact(msisdn: string): string {
  const digits = msisdn.replace(/[\s-]/g, '');
  if (/^\+\d+$/.test(digits)) return digits;
  if (/^82\d{9,10}$/.test(digits)) return `+${digits}`;
  if (/^0\d{9,10}$/.test(digits)) return `+82${digits.slice(1)}`;
  return msisdn;
}

function cardContent(card: RcsCard): CardContent {
  const out: CardContent = {};
  if (card.media !== undefined) out.media = card.media;
  if (card.title !== undefined) out.title = card.title;
  if (card.description !== undefined) out.description = card.description;
  if (card.buttons && card.buttons.length > 0) out.suggestions = card.buttons;
  return out;
}

export function buildSendBody(msg: RcsSubmitMessage): SendMessageRequest {
  const c = msg.content;
  const rcs: RcsMessage = {};
  if (c.kind === 'text') rcs.textMessage = c.text;
  else if (c.kind === 'card') {
    rcs.richcardMessage = { message: { generalPurposeCard: { layout: { cardOrientation: c.orientation ?? 'VERTICAL' }, content: cardContent(c.card) } } };
  } else {
    // The messagebase fixes the card width; an explicit one wins so a caller can send what it means.
    const cardWidth = c.cardWidth ?? messagebase(msg.messagebaseId)?.cardWidth ?? 'MEDIUM_WIDTH';
    rcs.richcardMessage = { message: { generalPurposeCardCarousel: { layout: { cardWidth }, content: c.cards.map(cardContent) } } };
  }
  if (msg.chips && msg.chips.length > 0) rcs.suggestedChipList = { suggestions: msg.chips };
  const body: SendMessageRequest = {
    RCSMessage: rcs,
    messageContact: { userContact: toUserContact(msg.destination) },
    messagebaseId: msg.messagebaseId,
    header: msg.header === 'ad' ? '1' : '0',
  };
  if (msg.footer !== undefined) body.footer = msg.footer;
  if (msg.expiryOption !== undefined) body.expiryOption = String(msg.expiryOption);
  if (msg.copyAllowed !== undefined) body.copyAllowed = msg.copyAllowed;
  if (msg.clientMsgId !== undefined) body.clientMsgId = msg.clientMsgId;
  return body;
}

// The send bodies the suite uses, written out in wire form (FNW.11 RCSMessage + Korean MaaP-FE fields)
// so each check shows exactly what it sent. Valid ones fit their common messagebase; the invalid ones
// break exactly one rule each.
import { toUserContact } from '../client/send-body.ts';

const media = { mediaUrl: 'maapfile://conformance-image', mediaContentType: 'image/jpeg', mediaFileSize: 60_000, height: 'MEDIUM_HEIGHT' };
const reply = (text: string) => ({ reply: { displayText: text, postback: { data: `conformance:${text}` } } });
const openUrl = { action: { displayText: '자세히', urlAction: { openUrl: { url: 'https://example.com/' } }, postback: { data: 'conformance:url' } } };
const dial = { action: { displayText: '전화', dialerAction: { dialPhoneNumber: { phoneNumber: '15880000' } }, postback: { data: 'conformance:dial' } } };

const card = (n: number, buttons: unknown[] = [reply(`선택${n}`)], title = `카드 ${n}`) => ({ media, title, description: `설명 ${n}`, suggestions: buttons });

export function textMessage(contact: string, text = 'msgsim conformance 안내'): Record<string, unknown> {
  return { RCSMessage: { textMessage: text }, messageContact: { userContact: toUserContact(contact) }, messagebaseId: 'SS000000', header: '0' };
}

export function chipsMessage(contact: string): Record<string, unknown> {
  return {
    RCSMessage: { textMessage: 'msgsim conformance LMS 본문', suggestedChipList: { suggestions: [reply('예'), openUrl, dial] } },
    messageContact: { userContact: toUserContact(contact) },
    messagebaseId: 'SL000000',
    header: '0',
  };
}

export function standaloneMessage(contact: string, o: { buttons?: unknown[]; title?: string } = {}): Record<string, unknown> {
  return {
    RCSMessage: { richcardMessage: { message: { generalPurposeCard: { layout: { cardOrientation: 'VERTICAL' }, content: card(1, o.buttons ?? [reply('예'), openUrl], o.title) } } } },
    messageContact: { userContact: toUserContact(contact) },
    messagebaseId: 'SMwThM00',
    header: '0',
  };
}

export function carouselMessage(contact: string, cards: number, messagebaseId = `CMwMhM0${Math.min(cards, 6)}00`): Record<string, unknown> {
  const content = Array.from({ length: cards }, (_, i) => card(i + 1));
  return {
    RCSMessage: { richcardMessage: { message: { generalPurposeCardCarousel: { layout: { cardWidth: 'MEDIUM_WIDTH' }, content } } } },
    messageContact: { userContact: toUserContact(contact) },
    messagebaseId,
    header: '0',
  };
}

export function advertisementMessage(contact: string, o: { footer?: string | null; text?: string } = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { ...textMessage(contact, o.text ?? '이번 주 할인 안내'), header: '1', expiryOption: '2' };
  if (o.footer !== null) body.footer = o.footer ?? '080-123-4567';
  return body;
}

/** A 31-character title: one over the 30 every MMS messagebase allows. */
export const LONG_TITLE = '가'.repeat(31);

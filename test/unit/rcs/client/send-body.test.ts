import { describe, expect, it } from 'vitest';
import { decodeSendMessage } from '../../../../gateways/rcs/codec/rcs-codec.ts';
import { messagebase } from '../../../../gateways/rcs/codec/messagebase-table.ts';
import { buildSendBody, toUserContact } from '../../../../gateways/rcs/client/send-body.ts';
import type { RcsSubmitMessage } from '../../../../gateways/rcs/client/rcs-message.ts';
import { checkAdRules, checkContent } from '../../../../gateways/rcs/simulator/send-validator.ts';

const media = { mediaUrl: 'maapfile://f1', mediaContentType: 'image/jpeg', mediaFileSize: 100_000, height: 'MEDIUM_HEIGHT' as const };
const reply = (text: string) => ({ reply: { displayText: text, postback: { data: text } } });
const openUrl = { action: { displayText: '열기', urlAction: { openUrl: { url: 'https://example.com' } } } };

const MESSAGES: Record<string, RcsSubmitMessage> = {
  text: { destination: '01012340001', messagebaseId: 'SS000000', content: { kind: 'text', text: '안녕하세요' } },
  'text with chips and expiry': {
    destination: '010-1234-0001',
    messagebaseId: 'SL000000',
    content: { kind: 'text', text: '긴 본문' },
    chips: [reply('예'), openUrl],
    expiryOption: 2,
    clientMsgId: 'c-1',
  },
  'rich card': {
    destination: '+821012340001',
    messagebaseId: 'SMwThM00',
    content: { kind: 'card', card: { title: '제목', description: '설명', media, buttons: [reply('예'), openUrl] } },
  },
  carousel: {
    destination: '01012340001',
    messagebaseId: 'CMwMhM0300',
    content: { kind: 'carousel', cards: [1, 2, 3].map((n) => ({ title: `카드 ${n}`, description: '설명', media, buttons: [reply(`선택 ${n}`)] })) },
  },
  advertisement: {
    destination: '01012340001',
    messagebaseId: 'SS000000',
    content: { kind: 'text', text: '할인 안내' },
    header: 'ad',
    footer: '080-123-4567',
    copyAllowed: true,
  },
};

describe('send body', () => {
  for (const [name, msg] of Object.entries(MESSAGES)) {
    it(`${name}: decodes with the codec and passes the messagebase and ad rules`, () => {
      const decoded = decodeSendMessage(JSON.parse(JSON.stringify(buildSendBody(msg))));
      expect(decoded.ok, JSON.stringify(decoded)).toBe(true);
      if (!decoded.ok) return;
      expect(checkContent(decoded.value, messagebase(msg.messagebaseId)!)).toBeNull();
      expect(checkAdRules(decoded.value)).toBeNull();
      expect(decoded.value.messageContact.userContact).toBe('+821012340001');
    });
  }

  it('writes the Korean fields only when given, header "1" for ads', () => {
    const plain = buildSendBody(MESSAGES.text);
    expect(plain).toEqual({ RCSMessage: { textMessage: '안녕하세요' }, messageContact: { userContact: '+821012340001' }, messagebaseId: 'SS000000', header: '0' });
    expect(buildSendBody(MESSAGES.advertisement)).toMatchObject({ header: '1', footer: '080-123-4567', copyAllowed: true });
    expect(buildSendBody(MESSAGES['text with chips and expiry'])).toMatchObject({ expiryOption: '2', clientMsgId: 'c-1', RCSMessage: { suggestedChipList: { suggestions: [reply('예'), openUrl] } } });
  });

  it('takes the carousel card width from the messagebase', () => {
    const small = buildSendBody({ ...MESSAGES.carousel, messagebaseId: 'CMwShS0300' });
    expect(small.RCSMessage.richcardMessage?.message.generalPurposeCardCarousel?.layout.cardWidth).toBe('SMALL_WIDTH');
    const medium = buildSendBody(MESSAGES.carousel);
    expect(medium.RCSMessage.richcardMessage?.message.generalPurposeCardCarousel?.layout.cardWidth).toBe('MEDIUM_WIDTH');
  });

  it('writes contacts in +82 form and leaves what it cannot read alone', () => {
    expect(toUserContact('01012340001')).toBe('+821012340001');
    expect(toUserContact('821012340001')).toBe('+821012340001');
    expect(toUserContact('+82 10-1234-0001')).toBe('+821012340001');
    expect(toUserContact('NOT-A-NUMBER')).toBe('NOT-A-NUMBER');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { sendMessageResponseSchema } from '../../../../gateways/rcs/codec/send-message-schema.ts';
import { carousel, createHarness, media, reply, standalone, textMessage, type Harness } from './rcs-harness.ts';

let h: Harness;
afterEach(() => h?.close());

const U = '01012340001';
const cards = (n: number, card: (i: number) => Record<string, unknown>) => Array.from({ length: n }, (_, i) => card(i));
const mediumCard = (i: number) => ({ media: media('MEDIUM_HEIGHT'), title: `카드 ${i + 1}`, description: '설명', suggestions: [reply('보기')] });
const smallCard = () => ({ media: media('SHORT_HEIGHT'), title: '작은', suggestions: [reply('보기')] });
const chips = (n: number, label = '확인') => ({ suggestedChipList: { suggestions: cards(n, () => reply(label)) } });
const withRcs = (body: ReturnType<typeof textMessage>, extra: object) => ({ ...body, RCSMessage: { ...body.RCSMessage, ...extra } });

describe('accepted message kinds', () => {
  it.each([
    ['RCS SMS with one chip', withRcs(textMessage(U, '가'.repeat(100)), chips(1))],
    ['RCS LMS with three chips', withRcs({ ...textMessage(U, '나'.repeat(1300)), messagebaseId: 'SL000000' }, chips(3))],
    ['LMS as a titled card without media', standalone('SL000000', { title: '제목'.repeat(15), description: '본문' })],
    ['MMS tall standalone, 2 buttons, 1 MB media at 568x528', standalone('SMwThT00', { media: media('TALL_HEIGHT', 1024 * 1024, { imageWidth: 568, imageHeight: 528 }), title: 't', suggestions: [reply('a'), reply('b')] })],
    ['MMS medium standalone', standalone('SMwThM00', { media: media('MEDIUM_HEIGHT'), description: 'd' })],
    ['a 2-card medium carousel', carousel('CMwMhM0200', 'MEDIUM_WIDTH', cards(2, mediumCard))],
    ['a 6-card medium carousel', carousel('CMwMhM0600', 'MEDIUM_WIDTH', cards(6, mediumCard))],
    ['a 4-card small carousel', carousel('CMwShS0400', 'SMALL_WIDTH', cards(4, smallCard))],
  ])('%s -> 202 with a message id', async (_name, body) => {
    h = createHarness();
    const res = await h.send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(sendMessageResponseSchema.parse(res.body).msgId).not.toBe('');
  });

  it('carries every suggestion kind the gateway knows', async () => {
    h = createHarness();
    const actions = [
      { urlAction: { openUrl: { url: 'https://example.com' } } },
      { dialerAction: { dialPhoneNumber: { phoneNumber: '15880000' } } },
      { mapAction: { showLocation: { location: { latitude: 37.5, longitude: 127 } } } },
      { calendarAction: { createCalendarEvent: { startTime: '2026-12-01T10:00:00+09:00', endTime: '2026-12-01T11:00:00+09:00', title: '예약', description: '방문' } } },
      { composeAction: { composeTextMessage: { phoneNumber: '15880000', text: '문의' } } },
      { clipboardAction: { copyToClipboard: { text: 'COUPON' } } },
    ].map((a) => ({ action: { displayText: '실행', ...a } }));
    const body = withRcs({ ...textMessage(U), messagebaseId: 'SL000000' }, { suggestedChipList: { suggestions: actions.slice(0, 3) } });
    expect((await h.send(body)).status).toBe(202);
    const rest = withRcs({ ...textMessage(U), messagebaseId: 'SL000000' }, { suggestedChipList: { suggestions: actions.slice(3) } });
    expect((await h.send(rest)).status).toBe(202);
  });
});

describe('messagebase limits', () => {
  it.each([
    ['an SMS over 100 characters', textMessage(U, '가'.repeat(101)), 55709],
    ['an LMS over 1300 characters', { ...textMessage(U, 'a'.repeat(1301)), messagebaseId: 'SL000000' }, 55709],
    ['an SMS with two chips', withRcs(textMessage(U), chips(2)), 55710],
    ['a button label over 17 characters', withRcs(textMessage(U), chips(1, 'x'.repeat(18))), 55813],
    ['a rich card on the SMS product', { ...standalone('SS000000', { description: 'x' }) }, 55509],
    ['a text on an MMS product', { ...textMessage(U), messagebaseId: 'SMwThT00' }, 55509],
    ['a standalone MMS without media', standalone('SMwThT00', { title: 't' }), 55804],
    ['a title over 30 characters', standalone('SMwThT00', { media: media('TALL_HEIGHT'), title: 'x'.repeat(31) }), 55708],
    ['a title on the SMS product', standalone('SS000000', { title: 'x' }), 55509],
    ['three buttons on an MMS card', standalone('SMwThT00', { media: media('TALL_HEIGHT'), suggestions: [reply('a'), reply('b'), reply('c')] }), 55710],
    ['media over 1 MB', standalone('SMwThT00', { media: media('TALL_HEIGHT', 1024 * 1024 + 1) }), 55712],
    ['an image larger than the product size', standalone('SMwThM00', { media: media('MEDIUM_HEIGHT', 1000, { imageWidth: 568, imageHeight: 528 }) }), 55712],
    ['the wrong media height', standalone('SMwThT00', { media: media('MEDIUM_HEIGHT') }), 55507],
    ['a carousel with fewer cards than its id', carousel('CMwMhM0300', 'MEDIUM_WIDTH', cards(2, mediumCard)), 55711],
    ['a 7-card carousel', carousel('CMwMhM0600', 'MEDIUM_WIDTH', cards(7, mediumCard)), 55711],
    ['a medium carousel card description over 60', carousel('CMwMhM0200', 'MEDIUM_WIDTH', [mediumCard(0), { ...mediumCard(1), description: 'x'.repeat(61) }]), 55709],
    ['a small carousel card description over 30', carousel('CMwShS0200', 'SMALL_WIDTH', [smallCard(), { ...smallCard(), description: 'x'.repeat(31) }]), 55709],
    ['the wrong card width', carousel('CMwMhM0200', 'SMALL_WIDTH', cards(2, mediumCard)), 55507],
    ['a small carousel card without media', carousel('CMwShS0200', 'SMALL_WIDTH', [smallCard(), { title: 'no media' }]), 55804],
    ['a small carousel button label over 5', carousel('CMwShS0200', 'SMALL_WIDTH', [smallCard(), { ...smallCard(), suggestions: [reply('여섯글자버튼')] }]), 55813],
    ['carousel media over 1 MB in total', carousel('CMwMhM0200', 'MEDIUM_WIDTH', cards(2, () => ({ media: media('MEDIUM_HEIGHT', 600_000) }))), 55712],
    ['an unknown messagebase', { ...textMessage(U), messagebaseId: 'XX000000' }, 55502],
    ['no content', { messagebaseId: 'SS000000', messageContact: { userContact: U }, RCSMessage: {} }, 55804],
    ['an empty text', textMessage(U, ''), 55804],
    ['two contents', withRcs(textMessage(U), { fileMessage: { fileUrl: 'x' } }), 55805],
    ['a file message', { messagebaseId: 'SS000000', messageContact: { userContact: U }, RCSMessage: { fileMessage: {} } }, 55805],
    ['a wrong-typed field', { ...textMessage(U), RCSMessage: { textMessage: 42 } }, 55803],
    ['a recipient that is not a mobile number', textMessage('0212345678'), 55817],
    ['an unknown expiryOption', textMessage(U, 'x', { expiryOption: 3 }), 55810],
  ])('refuses %s with 4xx and its code', async (_name, body, code) => {
    h = createHarness();
    const res = await h.send(body);
    expect(res.body.error?.code, JSON.stringify(res.body)).toBe(code);
    expect(res.status).toBe(400);
    expect(res.body.error.status).toBe(400);
  });

  it('refuses a paused messagebase with 403 52023', async () => {
    h = createHarness({ pausedMessagebases: ['SS000000'] });
    const res = await h.send(textMessage(U));
    expect([res.status, res.body.error.code]).toEqual([403, 52023]);
  });

  it('refuses a msgId the bot already used with 55806', async () => {
    h = createHarness();
    const body = { ...textMessage(U), RCSMessage: { msgId: 'order-1', textMessage: 'x' } };
    expect((await h.send(body)).body.msgId).toBe('order-1');
    const again = await h.send(body);
    expect([again.status, again.body.error.code]).toEqual([400, 55806]);
  });

  it('answers malformed JSON with 400 51005', async () => {
    h = createHarness();
    const token = await h.token();
    const res = await h.sim.app.inject({ method: 'POST', url: '/rcs/bot/v1/15880000/messages', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{"RCSMessage":' });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 51005]);
  });
});

describe('advertising rules', () => {
  it.each([
    ['an ad without a footer', textMessage(U, '세일', { header: '1' }), 55705],
    ['an ad whose footer is not an 080 number', textMessage(U, '세일', { header: '1', footer: '02-123-4567' }), 55706],
    ['a footer on an informational message', textMessage(U, '안내', { header: '0', footer: '080-123-4567' }), 55704],
    ['a header other than 0 or 1', textMessage(U, '안내', { header: '2' }), 55703],
    ['a body that writes (광고) itself', textMessage(U, '(광고) 겨울 세일', { header: '1', footer: '0801234567' }), 55701],
    ['a card title that writes [광고]', standalone('SMwThT00', { media: media('TALL_HEIGHT'), title: '[광고] 세일' }), 55701],
  ])('refuses %s', async (_name, body, code) => {
    h = createHarness();
    const res = await h.send(body);
    expect([res.status, res.body.error?.code]).toEqual([400, code]);
  });

  it('accepts an ad marked by header 1 with an 080 footer', async () => {
    h = createHarness();
    expect((await h.send(textMessage(U, '겨울 세일', { header: 1, footer: '080-123-4567' }))).status).toBe(202);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_CHIPS } from '../../../../gateways/rcs/codec/messagebase-table.ts';
import { checkRcs } from '../../../../engine/compose/rcs-check.ts';

const at = (input: unknown) => {
  const r = checkRcs(input);
  return r.ok ? 'ok' : r.problem.at;
};

describe('checkRcs', () => {
  it('takes an RCS LMS as text or as one titled card without media, not both', () => {
    expect(at({ messagebaseId: 'SL000000', text: '본문', buttons: [{ label: '웹', url: 'https://a.kr' }] })).toBe('ok');
    expect(at({ messagebaseId: 'SL000000', cards: [{ title: '제목', description: '본문' }] })).toBe('ok');
    expect(at({ messagebaseId: 'SL000000', text: 'x', cards: [{ title: '제목' }] })).toBe('.text');
    expect(at({ messagebaseId: 'SL000000', cards: [{ title: '제목', media: { url: 'maapfile://1' } }] })).toBe('.cards[0].media');
    expect(at({ messagebaseId: 'SL000000', cards: [{ title: 'a' }, { title: 'b' }] })).toBe('.cards');
  });

  it('refuses cards and titles on an RCS SMS', () => {
    expect(at({ messagebaseId: 'SS000000', cards: [{ title: 't' }] })).toBe('.cards');
  });

  it('counts the buttons of a text product across its card and chips', () => {
    const b = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `b${i}`, url: 'https://a.kr' }));
    expect(at({ messagebaseId: 'SL000000', cards: [{ title: 't', buttons: b(2) }], buttons: b(1) })).toBe('ok');
    expect(at({ messagebaseId: 'SL000000', cards: [{ title: 't', buttons: b(2) }], buttons: b(2) })).toBe('.buttons');
  });

  it('takes up to MAX_CHIPS chips under a card message', () => {
    const chips = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `c${i}`, postback: 'p' }));
    const card = { messagebaseId: 'SMwThT00', cards: [{ title: 't', media: { url: 'maapfile://1' } }] };
    expect(at({ ...card, buttons: chips(MAX_CHIPS) })).toBe('ok');
    expect(at({ ...card, buttons: chips(MAX_CHIPS + 1) })).toBe('.buttons');
  });

  it('counts characters, not bytes or UTF-16 units, against the limits', () => {
    expect(at({ messagebaseId: 'SS000000', text: '😀'.repeat(100) })).toBe('ok');
    expect(at({ messagebaseId: 'SS000000', text: '😀'.repeat(101) })).toBe('.text');
  });

  it('checks the description total of a carousel', () => {
    const cards = (n: number, len: number) => Array.from({ length: n }, () => ({ description: 'a'.repeat(len) }));
    // Medium carousel: 60 per card; six cards of 60 stay under the 1,300 total.
    expect(at({ messagebaseId: 'CMwMhM0600', cards: cards(6, 60) })).toBe('ok');
  });

  it('refuses a button that both links and dials, and a malformed dial number', () => {
    const card = (button: unknown) => ({ messagebaseId: 'SMwThT00', cards: [{ title: 't', media: { url: 'maapfile://1' }, buttons: [button] }] });
    expect(at(card({ label: 'x', url: 'https://a.kr', dial: '1588-1234' }))).toBe('.cards[0].buttons[0]');
    expect(at(card({ label: 'x', dial: 'call me' }))).toBe('.cards[0].buttons[0].dial');
    expect(at(card({ label: '' }))).toBe('.cards[0].buttons[0].label');
    expect(at(card({ label: 'x', postback: 'p'.repeat(2049) }))).toBe('.cards[0].buttons[0].postback');
  });

  it('refuses the ad marker in any common spelling in RCS text', () => {
    for (const text of ['(광고)세일', '[광고] 세일', '(광 고) 세일', ' 광고 세일']) expect(at({ messagebaseId: 'SS000000', text })).toBe('.text');
    expect(at({ messagebaseId: 'SS000000', text: '오늘의 광고 없는 세일' })).toBe('ok');
  });
});

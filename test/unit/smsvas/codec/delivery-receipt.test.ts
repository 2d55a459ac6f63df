import { describe, expect, it } from 'vitest';
import {
  formatReceiptText, MESSAGE_STATE, parseReceiptText, RECEIPT_STATS, stateForStat, statForState, type ReceiptFields,
} from '../../../../gateways/smsvas/codec/delivery-receipt.ts';

const SUBMIT = Date.UTC(2026, 10, 20, 6, 30, 0); // 15:30 in Seoul
const DONE = Date.UTC(2026, 10, 20, 6, 31, 0);
const FIELDS: ReceiptFields = { id: 'a1b2c3', sub: 1, dlvrd: 1, submitDate: SUBMIT, doneDate: new Date(DONE), stat: 'DELIVRD', err: '000', text: '안녕하세요고객님주문하신상품이발송되었습니다' };
const GOOD = 'id:a1b2c3 sub:001 dlvrd:001 submit date:2611201530 done date:2611201531 stat:DELIVRD err:000 text:hello';

describe('formatReceiptText', () => {
  it('renders the Appendix B form with dates in Asia/Seoul and the first 20 characters of text', () => {
    expect(formatReceiptText(FIELDS)).toBe(
      'id:a1b2c3 sub:001 dlvrd:001 submit date:2611201530 done date:2611201531 stat:DELIVRD err:000 text:안녕하세요고객님주문하신상품이발송되었습',
    );
  });
  it('renders dates in another zone when asked', () => {
    expect(formatReceiptText({ ...FIELDS, text: '' }, { timezone: 'UTC' })).toContain('submit date:2611200630 done date:2611200631');
  });
  it('zero-pads short numeric err', () => {
    expect(formatReceiptText({ ...FIELDS, err: '1' })).toContain(' err:001 ');
  });
});

describe('parseReceiptText', () => {
  it('round trips what formatReceiptText writes', () => {
    const r = parseReceiptText(formatReceiptText(FIELDS));
    expect(r).toEqual({
      ok: true,
      fields: {
        id: 'a1b2c3', sub: 1, dlvrd: 1, submitDate: '2611201530', doneDate: '2611201531', submitAt: SUBMIT, doneAt: DONE,
        stat: 'DELIVRD', err: '000', text: '안녕하세요고객님주문하신상품이발송되었습',
      },
    });
  });
  it("accepts 12-digit dates and the spec's 'Text:' spelling", () => {
    const r = parseReceiptText(GOOD.replace('2611201530', '261120153007').replace('text:', 'Text:'));
    expect(r).toMatchObject({ ok: true, fields: { submitAt: SUBMIT + 7000, text: 'hello' } });
  });

  const deviations: [string, string, RegExp][] = [
    ['missing field', GOOD.replace(' dlvrd:001', ''), /missing field 'dlvrd'/],
    ['missing text', GOOD.replace(' text:hello', ''), /missing field 'text'/],
    ['fields out of order', 'id:a1 dlvrd:001 sub:001 submit date:2611201530 done date:2611201531 stat:DELIVRD err:000 text:x', /'dlvrd' is out of order/],
    ['sub not 3 digits', GOOD.replace('sub:001', 'sub:1'), /sub '1' is not 3 digits/],
    ['dlvrd not 3 digits', GOOD.replace('dlvrd:001', 'dlvrd:0001'), /dlvrd '0001' is not 3 digits/],
    ['date of 8 digits', GOOD.replace('2611201530', '26112015'), /submit date '26112015' is not YYMMDDhhmm/],
    ['date of 11 digits', GOOD.replace('2611201531', '26112015310'), /done date '26112015310'/],
    ['impossible date', GOOD.replace('2611201530', '2613201530'), /not a calendar date/],
    ['stat not in the list', GOOD.replace('DELIVRD', 'DELIVERED'), /stat 'DELIVERED' is not one of/],
    ['err not 3 characters', GOOD.replace('err:000', 'err:0'), /err '0' is not 3/],
    ['text over 20 characters', GOOD.replace('text:hello', `text:${'x'.repeat(21)}`), /text is 21 characters/],
    ['empty id', GOOD.replace('id:a1b2c3', 'id:'), /id '' is empty/],
    ['double space between fields', GOOD.replace(' stat:', '  stat:'), /done date '2611201531 '/],
    ['prefix before id', `receipt ${GOOD}`, /does not start with id:/],
  ];
  for (const [name, text, problem] of deviations) {
    it(`names the deviation: ${name}`, () => {
      const r = parseReceiptText(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.join('\n')).toMatch(problem);
    });
  }
  it('reports every deviation at once', () => {
    const r = parseReceiptText('id:x sub:1 dlvrd:1 submit date:26 done date:26 stat:OK err:1 text:x');
    expect(r.ok ? [] : r.problems).toHaveLength(6);
  });
});

describe('message_state and stat', () => {
  it('maps both ways for every 3.4 state', () => {
    for (const [state, stat] of [[1, 'ENROUTE'], [2, 'DELIVRD'], [3, 'EXPIRED'], [4, 'DELETED'], [5, 'UNDELIV'], [6, 'ACCEPTD'], [7, 'UNKNOWN'], [8, 'REJECTD']] as const) {
      expect(statForState(state)).toBe(stat);
      expect(stateForStat(stat)).toBe(state);
    }
    expect(RECEIPT_STATS).toHaveLength(8);
    expect(MESSAGE_STATE.UNDELIVERABLE).toBe(5);
    expect(statForState(0)).toBe('UNKNOWN');
    expect(stateForStat('DELIVERED')).toBe(MESSAGE_STATE.UNKNOWN);
  });
});

import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../../../../gateways/kit/canonical-reason.ts';
import { REJECT_RESULT, RESULT_CODES, isTransientResult, rejectReasonOf, reportOutcomeOf, resultName } from '../../../../gateways/xroshot/codec/result-code.ts';
import { formatMasTime, parseMasTime } from '../../../../gateways/xroshot/codec/mas-time.ts';
import { messageKindOf } from '../../../../gateways/xroshot/codec/message-type.ts';

describe('Xroshot Result table', () => {
  it('answers every canonical reject reason with a code that reads back as that reason', () => {
    for (const reason of REJECT_REASONS) {
      const code = REJECT_RESULT[reason];
      expect(RESULT_CODES[code], reason).toBeDefined();
      expect(rejectReasonOf(code), reason).toBe(reason);
    }
  });

  it('holds the codes the relay sheet lists with their report meaning', () => {
    expect(reportOutcomeOf(0)).toBe('delivered');
    expect(reportOutcomeOf(204)).toBe('expired');
    expect(reportOutcomeOf(212)).toBe('undeliverable');
    expect(reportOutcomeOf(2103)).toBe('undeliverable');
    expect(reportOutcomeOf(101)).toBe('rejected');
    expect(reportOutcomeOf(207)).toBe('unknown');
    expect(reportOutcomeOf(123456)).toBe('unknown');
    expect(resultName(115)).toBe('UNREGISTERED_CALLBACK');
    expect(resultName(9999)).toBe('RESULT_9999');
  });

  it('marks rate and system codes transient, client mistakes not', () => {
    expect(isTransientResult(33)).toBe(true);
    expect(isTransientResult(503)).toBe(true);
    expect(isTransientResult(115)).toBe(false);
    expect(isTransientResult(2)).toBe(false);
    expect(isTransientResult(0)).toBe(false);
  });
});

describe('MAS time and message types', () => {
  it('writes and reads KST timestamps', () => {
    const at = Date.parse('2026-11-20T00:30:05Z');
    expect(formatMasTime(at)).toBe('20261120093005');
    expect(parseMasTime('20261120093005')).toBe(at);
    expect(parseMasTime('20261131093005')).toBeNull();
    expect(parseMasTime('2026112009300')).toBeNull();
  });

  it('names SMS, LMS and MMS from type and subtype', () => {
    expect(messageKindOf(1, 1)).toBe('SMS');
    expect(messageKindOf(4, 1)).toBe('LMS');
    expect(messageKindOf(4, 3)).toBe('MMS');
    expect(messageKindOf(3, 1)).toBeNull();
    expect(messageKindOf(1, 3)).toBeNull();
  });
});

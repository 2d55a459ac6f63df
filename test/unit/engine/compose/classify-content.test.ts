import { describe, expect, it } from 'vitest';
import { classifyContent, LMS_MAX_BYTES, SMS_MAX_BYTES, SMS_UCS2_MAX_CHARS, SUBJECT_MAX_BYTES } from '../../../../engine/compose/classify-content.ts';
import type { MediaPart } from '../../../../engine/message.ts';

const jpeg: MediaPart = { contentType: 'image/jpeg', name: 'a.jpg', data: '/9j/4AAQ' };
const hangul = (bytes: number) => '가'.repeat(bytes / 2);
const kindOf = (r: ReturnType<typeof classifyContent>) => (r.ok ? r.content.kind : r.error.code);

describe('classifyContent without an asked-for type', () => {
  it('sends up to 90 EUC-KR bytes as SMS and 91 as LMS', () => {
    expect(SMS_MAX_BYTES).toBe(90);
    expect(classifyContent({ text: 'a'.repeat(90) })).toEqual({ ok: true, content: { kind: 'sms', text: 'a'.repeat(90), encoding: 'euc-kr' } });
    expect(kindOf(classifyContent({ text: 'a'.repeat(91) }))).toBe('lms');
    expect(kindOf(classifyContent({ text: hangul(90) }))).toBe('sms');
    expect(kindOf(classifyContent({ text: `${hangul(88)}ab` }))).toBe('sms');
    expect(kindOf(classifyContent({ text: `${hangul(90)}a` }))).toBe('lms');
  });

  it('takes 2000 bytes as LMS and refuses 2001 as too long', () => {
    expect(LMS_MAX_BYTES).toBe(2000);
    expect(kindOf(classifyContent({ text: hangul(2000) }))).toBe('lms');
    const r = classifyContent({ text: `${hangul(2000)}a` });
    expect(r).toMatchObject({ ok: false, error: { field: 'text', code: 'ENGINE_ERR_CONTENT_TOO_LONG' } });
  });

  it('names the template as the field when the text came from one', () => {
    expect(classifyContent({ text: 'a'.repeat(2001), textField: 'template' })).toMatchObject({ ok: false, error: { field: 'template' } });
  });

  it('makes any message with a subject an LMS; subject 40 bytes fits, 41 does not', () => {
    expect(SUBJECT_MAX_BYTES).toBe(40);
    expect(classifyContent({ text: 'hi', subject: hangul(40) })).toEqual({ ok: true, content: { kind: 'lms', text: 'hi', subject: hangul(40) } });
    expect(classifyContent({ text: 'hi', subject: `${hangul(40)}a` })).toMatchObject({ ok: false, error: { field: 'subject', code: 'ENGINE_ERR_CONTENT_TOO_LONG' } });
  });

  it('sends text EUC-KR cannot encode as a UCS-2 SMS while it fits one segment (70 units) and the SMSC\'s 90 bytes', () => {
    expect(SMS_UCS2_MAX_CHARS).toBe(70);
    // 'ế' is not in EUC-KR: the SMSC counts its UCS-2 size, 2 bytes.
    const fortyFive = 'ế'.repeat(45);
    expect(classifyContent({ text: fortyFive })).toEqual({ ok: true, content: { kind: 'sms', text: fortyFive, encoding: 'ucs2' } });
    expect(kindOf(classifyContent({ text: `${fortyFive}a` }))).toBe('lms');
    // Mostly ASCII: the 70-unit segment is the limit, at 71 bytes.
    const seventy = `ế${'a'.repeat(69)}`;
    expect(kindOf(classifyContent({ text: seventy }))).toBe('sms');
    expect(kindOf(classifyContent({ text: `${seventy}a` }))).toBe('lms');
    expect(classifyContent({ text: `${fortyFive}a`, type: 'sms' })).toMatchObject({ ok: false, error: { field: 'text', code: 'ENGINE_ERR_TYPE_MISMATCH' } });
  });

  it('counts an emoji as two UCS-2 units and four bytes', () => {
    expect(kindOf(classifyContent({ text: '😀'.repeat(22) }))).toBe('sms');
    expect(kindOf(classifyContent({ text: `${'😀'.repeat(22)}ab` }))).toBe('sms');
    expect(kindOf(classifyContent({ text: `${'😀'.repeat(22)}abc` }))).toBe('lms');
  });

  it('sends content with media as MMS and limits its text to 2000 bytes', () => {
    expect(classifyContent({ text: 'hi', subject: 's', media: [jpeg] })).toEqual({ ok: true, content: { kind: 'mms', subject: 's', text: 'hi', media: [jpeg] } });
    expect(classifyContent({ media: [jpeg] })).toEqual({ ok: true, content: { kind: 'mms', media: [jpeg] } });
    expect(classifyContent({ text: 'a'.repeat(2001), media: [jpeg] })).toMatchObject({ ok: false, error: { field: 'text', code: 'ENGINE_ERR_CONTENT_TOO_LONG' } });
  });

  it('sends RCS content as RCS', () => {
    const rcs = { messagebaseId: 'SS000000', text: 'hi' };
    expect(classifyContent({ rcs })).toEqual({ ok: true, content: { kind: 'rcs', rcs } });
  });

  it('goes as LMS for a template made for LMS even when the text is short', () => {
    expect(kindOf(classifyContent({ text: 'short', preferLms: true }))).toBe('lms');
  });
});

describe('classifyContent with an asked-for type', () => {
  it('refuses type sms for text over 90 bytes, naming the text', () => {
    expect(classifyContent({ type: 'sms', text: 'a'.repeat(91) })).toMatchObject({ ok: false, error: { field: 'text', code: 'ENGINE_ERR_TYPE_MISMATCH' } });
    expect(classifyContent({ type: 'sms', text: 'ế'.repeat(71) })).toMatchObject({ ok: false, error: { field: 'text', code: 'ENGINE_ERR_TYPE_MISMATCH' } });
    expect(kindOf(classifyContent({ type: 'sms', text: 'a'.repeat(90) }))).toBe('sms');
  });

  it('refuses type sms with a subject', () => {
    expect(classifyContent({ type: 'sms', text: 'a', subject: 's' })).toMatchObject({ ok: false, error: { field: 'subject', code: 'ENGINE_ERR_TYPE_MISMATCH' } });
  });

  it('allows type lms for tiny text', () => {
    expect(classifyContent({ type: 'lms', text: 'ok' })).toEqual({ ok: true, content: { kind: 'lms', text: 'ok' } });
  });

  it('refuses type mms without media, naming media', () => {
    expect(classifyContent({ type: 'mms', text: 'x' })).toMatchObject({ ok: false, error: { field: 'media', code: 'ENGINE_ERR_TYPE_MISMATCH' } });
  });

  it('refuses type rcs without rcs content, naming rcs', () => {
    expect(classifyContent({ type: 'rcs', text: 'x' })).toMatchObject({ ok: false, error: { field: 'rcs', code: 'ENGINE_ERR_TYPE_MISMATCH' } });
  });

  it('refuses a text type for media or RCS content, naming the type', () => {
    expect(classifyContent({ type: 'lms', media: [jpeg] })).toMatchObject({ ok: false, error: { field: 'type', code: 'ENGINE_ERR_TYPE_MISMATCH' } });
    expect(classifyContent({ type: 'sms', rcs: { messagebaseId: 'SS000000', text: 'x' } })).toMatchObject({ ok: false, error: { field: 'type', code: 'ENGINE_ERR_TYPE_MISMATCH' } });
  });

  it('keeps an explicit sms for a template made for LMS', () => {
    expect(kindOf(classifyContent({ type: 'sms', text: 'short', preferLms: true }))).toBe('sms');
  });
});

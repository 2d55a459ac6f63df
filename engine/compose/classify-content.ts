// Which message type content goes as, by Korean carrier limits (protocols.md §5.1): SMS up to 90
// bytes EUC-KR, LMS up to 2,000 bytes with a subject up to 40, MMS when there is media, RCS when
// there is RCS content. Text EUC-KR cannot encode (emoji, Vietnamese) goes as a UCS-2 SMS when it
// is at most 70 UTF-16 units and 90 bytes as the SMSC counts them, else as LMS (MM7 and MAS carry UTF-8). An asked-for type is checked
// against the content, never trusted: LMS for short text is allowed (a tenant may prefer it), SMS
// for long text, MMS without media and RCS without RCS content are refused.
import type { EngineErrorCode } from '../engine-errors.ts';
import type { ComposedContent, ContentKind, MediaPart, RcsContentInput } from '../message.ts';
import { carrierTextBytes, eucKrLength, smsTextBytes } from './euc-kr-length.ts';

export const SMS_MAX_BYTES = 90;
export const SMS_UCS2_MAX_CHARS = 70;
export const LMS_MAX_BYTES = 2000;
export const SUBJECT_MAX_BYTES = 40;

export interface ClassifyInput {
  type?: ContentKind;
  /** Final text (ad decoration already applied); '' or undefined = none. */
  text?: string;
  subject?: string;
  /** Checked media; undefined or empty = none. */
  media?: MediaPart[];
  /** Checked RCS content. */
  rcs?: RcsContentInput;
  /** Go as LMS even when the text would fit an SMS (a template made for LMS). */
  preferLms?: boolean;
  /** Where the text came from, for errors: 'text' or 'template'. */
  textField?: string;
}

export interface ClassifyError {
  field: string;
  code: EngineErrorCode;
  message: string;
}

export type Classification = { ok: true; content: ComposedContent } | { ok: false; error: ClassifyError };

const fail = (field: string, code: EngineErrorCode, message: string): Classification => ({ ok: false, error: { field, code, message } });

export function classifyContent(input: ClassifyInput): Classification {
  const { type, rcs } = input;
  const textField = input.textField ?? 'text';
  const text = input.text === '' ? undefined : input.text;
  const subject = input.subject === '' ? undefined : input.subject;
  const media = input.media !== undefined && input.media.length > 0 ? input.media : undefined;

  if (rcs !== undefined) {
    if (type !== undefined && type !== 'rcs') return fail('type', 'ENGINE_ERR_TYPE_MISMATCH', `RCS content is sent as type rcs, not ${type}`);
    return { ok: true, content: { kind: 'rcs', rcs } };
  }
  if (type === 'rcs') return fail('rcs', 'ENGINE_ERR_TYPE_MISMATCH', 'type rcs needs rcs content');

  if (subject !== undefined) {
    if (type === 'sms') return fail('subject', 'ENGINE_ERR_TYPE_MISMATCH', 'an SMS has no subject; use type lms');
    const n = carrierTextBytes(subject);
    if (n > SUBJECT_MAX_BYTES) return fail('subject', 'ENGINE_ERR_CONTENT_TOO_LONG', `subject is ${n} bytes in EUC-KR, over ${SUBJECT_MAX_BYTES}`);
  }

  if (media !== undefined) {
    if (type === 'sms' || type === 'lms') return fail('type', 'ENGINE_ERR_TYPE_MISMATCH', `content with media is sent as type mms, not ${type}`);
    if (text !== undefined) {
      const n = carrierTextBytes(text);
      if (n > LMS_MAX_BYTES) return fail(textField, 'ENGINE_ERR_CONTENT_TOO_LONG', `text is ${n} bytes in EUC-KR, over the MMS limit of ${LMS_MAX_BYTES}`);
    }
    const content: ComposedContent = { kind: 'mms', media };
    if (subject !== undefined) content.subject = subject;
    if (text !== undefined) content.text = text;
    return { ok: true, content };
  }
  if (type === 'mms') return fail('media', 'ENGINE_ERR_TYPE_MISMATCH', 'type mms needs media');

  const body = text ?? '';
  if (type !== 'lms' && subject === undefined && !(input.preferLms === true && type === undefined)) {
    const euc = eucKrLength(body);
    // Text EUC-KR cannot hold goes as UCS-2 in one SMPP segment (70 UTF-16 units) and still within
    // the carrier's 90 bytes, counted as the SMSC counts them.
    const ucs2Bytes = euc === null ? smsTextBytes(body) : 0;
    if (euc !== null ? euc <= SMS_MAX_BYTES : body.length <= SMS_UCS2_MAX_CHARS && ucs2Bytes <= SMS_MAX_BYTES) {
      return { ok: true, content: { kind: 'sms', text: body, encoding: euc !== null ? 'euc-kr' : 'ucs2' } };
    }
    if (type === 'sms') {
      const why =
        euc !== null
          ? `${euc} bytes in EUC-KR, over ${SMS_MAX_BYTES}`
          : body.length > SMS_UCS2_MAX_CHARS
            ? `${body.length} UCS-2 characters (EUC-KR cannot encode it), over ${SMS_UCS2_MAX_CHARS}`
            : `${ucs2Bytes} bytes counted as the SMSC counts them (EUC-KR cannot encode it), over ${SMS_MAX_BYTES}`;
      return fail(textField, 'ENGINE_ERR_TYPE_MISMATCH', `text is ${why}: too long for type sms`);
    }
  }
  const n = carrierTextBytes(body);
  if (n > LMS_MAX_BYTES) return fail(textField, 'ENGINE_ERR_CONTENT_TOO_LONG', `text is ${n} bytes in EUC-KR, over the LMS limit of ${LMS_MAX_BYTES}`);
  const content: ComposedContent = { kind: 'lms', text: body };
  if (subject !== undefined) content.subject = subject;
  return { ok: true, content };
}

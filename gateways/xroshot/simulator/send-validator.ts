// req_send_message_2 -> a plain request, or the Result the relay answers for the whole request.
// Order follows what a relay can check first: type and product, recipient count, the callback
// number (decrypted, well-formed, pre-registered), then content and attachments.
import iconv from 'iconv-lite';
import type { FieldCipher } from '../codec/auth-crypto.ts';
import type { ReqSendMessage2 } from '../codec/mas-message.ts';
import { parseMasTime } from '../codec/mas-time.ts';
import { MMS_SUBTYPE, messageKindOf, type MessageKind } from '../codec/message-type.ts';
import { REJECT_RESULT } from '../codec/result-code.ts';
import type { XroshotAccount, XroshotConfig } from './xroshot-config.ts';

export const RESULT = {
  invalidMessage: REJECT_RESULT['invalid-content'],
  serviceNotSubscribed: REJECT_RESULT.unsupported,
  tooManyRecipients: 90,
  attachmentSize: REJECT_RESULT['content-refused'],
  badSender: REJECT_RESULT['invalid-source'],
  unregisteredCallback: REJECT_RESULT['unregistered-sender'],
} as const;

export interface ValidSend {
  kind: MessageKind;
  callback: string;
  subject: string;
  text: string;
  /** Octets of the text as sent (EUC-KR). */
  bytes: number;
  attachmentBytes: number;
  /** Epoch ms for a reserved send, null for now. */
  scheduleAt: number | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; result: number; note: string };

const fail = (result: number, note: string) => ({ ok: false, result, note }) as const;
// Service numbers (1588-xxxx), landlines and mobiles as Korean senders write them, digits only.
const CALLBACK = /^(0\d{8,11}|1[5-9]\d{6})$/;
const JPEG = /\.jpe?g$/i;

export function validateSend(m: ReqSendMessage2, account: XroshotAccount, cfg: XroshotConfig, otk: FieldCipher, now: number): Checked<ValidSend> {
  const limits = cfg.messages;
  const kind = messageKindOf(m.messageType, m.messageSubType);
  if (kind === null) return fail(RESULT.invalidMessage, `MessageType ${m.messageType}/${m.messageSubType} is not SMS, LMS or MMS`);
  if (!account.products[kind.toLowerCase() as 'sms' | 'lms' | 'mms']) return fail(RESULT.serviceNotSubscribed, `${kind} is not subscribed for ${account.serviceProviderId}`);

  if (m.recipients.length === 0) return fail(RESULT.invalidMessage, 'no ReceiveNumber');
  if (m.recipients.length > limits.maxRecipients) return fail(RESULT.tooManyRecipients, `${m.recipients.length} recipients (max ${limits.maxRecipients})`);
  const seqNos = new Set(m.recipients.map((r) => r.seqNo));
  if (seqNos.size !== m.recipients.length) return fail(RESULT.invalidMessage, 'duplicate ReceiveNumber seqNo');

  let callback: string;
  try {
    callback = otk.decryptText(m.callbackNumber).replace(/-/g, '');
  } catch {
    return fail(RESULT.badSender, 'CallbackNumber does not decrypt under the one-time key');
  }
  if (!CALLBACK.test(callback)) return fail(RESULT.badSender, 'CallbackNumber is not a Korean number');
  if (!account.callbackNumbers.includes('*') && !account.callbackNumbers.includes(callback)) {
    return fail(RESULT.unregisteredCallback, `callback number ${callback} is not pre-registered for ${account.serviceProviderId}`);
  }

  let raw: Buffer;
  try {
    raw = m.content === '' ? Buffer.alloc(0) : otk.decrypt(m.content);
  } catch {
    return fail(RESULT.invalidMessage, 'Content does not decrypt under the one-time key');
  }
  let end = raw.length;
  while (end > 0 && raw[end - 1] === 0) end--;
  const bytes = end;
  const text = iconv.decode(raw.subarray(0, end), 'euc-kr');
  if (bytes === 0 && m.attachments.length === 0) return fail(RESULT.invalidMessage, 'empty Content');
  if (kind === 'SMS') {
    if (bytes > limits.smsMaxBytes) return fail(RESULT.invalidMessage, `SMS of ${bytes} bytes (max ${limits.smsMaxBytes})`);
    if (m.attachments.length > 0) return fail(RESULT.invalidMessage, 'an SMS carries no Attachment');
  } else {
    if (bytes > limits.lmsMaxBytes) return fail(RESULT.invalidMessage, `${kind} text of ${bytes} bytes (max ${limits.lmsMaxBytes})`);
    const subjectBytes = iconv.encode(m.subject, 'euc-kr').length;
    if (subjectBytes > limits.subjectMaxBytes) return fail(RESULT.invalidMessage, `Subject of ${subjectBytes} bytes (max ${limits.subjectMaxBytes})`);
  }

  const att = checkAttachments(m, kind, cfg);
  if (!att.ok) return att;

  let scheduleAt: number | null = null;
  if (m.reserveType === 2) {
    const at = m.reserveTime === null ? null : parseMasTime(m.reserveTime);
    if (at === null) return fail(RESULT.invalidMessage, 'ReserveType 2 needs a ReserveTime yyyyMMddHHmmss');
    scheduleAt = at > now ? at : null;
  } else if (m.reserveType !== null && m.reserveType !== 1) {
    return fail(RESULT.invalidMessage, `ReserveType ${m.reserveType}`);
  }

  return { ok: true, value: { kind, callback, subject: m.subject, text, bytes, attachmentBytes: att.value, scheduleAt } };
}

function checkAttachments(m: ReqSendMessage2, kind: MessageKind, cfg: XroshotConfig): Checked<number> {
  const limits = cfg.messages;
  if (kind !== 'MMS') {
    return m.attachments.length === 0 ? { ok: true, value: 0 } : fail(RESULT.invalidMessage, `an ${kind} carries no Attachment`);
  }
  if (m.attachments.length === 0) return fail(RESULT.invalidMessage, 'an MMS needs an Attachment');
  if (m.attachments.length > limits.maxAttachments) return fail(RESULT.attachmentSize, `${m.attachments.length} attachments (max ${limits.maxAttachments})`);
  let total = 0;
  for (const a of m.attachments) {
    const b64 = a.data.replace(/\s+/g, '');
    if (b64.length === 0 || b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return fail(RESULT.invalidMessage, `Attachment ${a.attachId} is not base64`);
    const size = (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
    if (size > limits.maxAttachmentBytes) return fail(RESULT.attachmentSize, `Attachment ${a.attachId} of ${size} bytes (max ${limits.maxAttachmentBytes})`);
    if (m.messageSubType === MMS_SUBTYPE.IMAGE && !JPEG.test(a.fileName)) return fail(RESULT.invalidMessage, `Attachment ${a.attachId} is not a JPEG (${a.fileName})`);
    total += size;
  }
  if (total > limits.maxTotalAttachmentBytes) return fail(RESULT.attachmentSize, `attachments of ${total} bytes (max ${limits.maxTotalAttachmentBytes})`);
  return { ok: true, value: total };
}

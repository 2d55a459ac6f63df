// Frame -> plain record. Every failure is an XroshotError whose `method` names the request when it
// could be read, so a server can answer that request with an error Result instead of dropping the
// session. Numbers are kept as text where leading zeros matter (ids); counts and codes must be digits.
import { XroshotError } from '../xroshot-errors.ts';
import { child, childrenNamed, parseMasDocument, type MasElement } from './mas-document.ts';
import { isMasMethod, type MasMessage, type PerMessageType } from './mas-message.ts';

const MAX_INT_DIGITS = 9;

export function decodeMas(frame: Buffer | string): MasMessage {
  const doc = parseMasDocument(frame);
  const method = doc.method;
  if (!isMasMethod(method)) throw new XroshotError('XROSHOT_ERR_UNKNOWN_METHOD', `unknown MAS method ${method}`, { method });
  const f = new FieldReader(doc.root, method);
  switch (method) {
    case 'req_auth':
      return { method, serviceProviderId: f.text('ServiceProviderID') };
    case 'res_auth':
      return { method, result: f.int('Result'), time: f.optText('Time') };
    case 'req_regist':
      return {
        method,
        serviceProviderId: f.text('ServiceProviderID'),
        endUserId: f.text('EndUserID'),
        authTicket: f.text('AuthTicket'),
        authKey: f.int('AuthKey'),
        version: f.optText('Version') ?? '',
      };
    case 'res_regist':
      return {
        method,
        result: f.int('Result'),
        sessionId: f.optText('SessionID'),
        sendLimitPerSecond: f.perType('SendLimitPerSecond', (v) => f.digits(v, 'SendLimitPerSecond')),
        productStatus: f.perType('ProductStatus', (v) => v.toUpperCase() === 'Y'),
        sendLimitPerMonth: f.perType('SendLimitPerMonth', (v) => f.digits(v, 'SendLimitPerMonth')),
      };
    case 'req_send_message_2': {
      const message = child(doc.root, 'Message');
      if (!message) throw f.missing('Message');
      const m = new FieldReader(message, method);
      return {
        method,
        messageType: f.int('MessageType'),
        messageSubType: f.optInt('MessageSubType') ?? 1,
        callbackNumber: f.text('CallbackNumber'),
        customMessageId: f.optText('CustomMessageID') ?? '',
        reserveType: f.optInt('ReserveType'),
        reserveTime: f.optText('ReserveTime'),
        recipients: childrenNamed(message, 'ReceiveNumber').map((r) => ({ seqNo: f.digits(r.attrs.seqNo ?? '', 'ReceiveNumber@seqNo'), number: r.text })),
        subject: m.optText('Subject') ?? '',
        content: m.optText('Content') ?? '',
        attachments: childrenNamed(message, 'Attachment').map((a) => ({
          attachId: f.digits(a.attrs.attachID ?? '', 'Attachment@attachID'),
          fileName: a.attrs.fileName ?? '',
          data: a.text,
        })),
      };
    }
    case 'res_send_message':
      return {
        method,
        result: f.int('Result'),
        time: f.optText('Time') ?? '',
        customMessageId: f.optText('CustomMessageID') ?? '',
        sequenceNumber: f.int('SequenceNumber'),
        jobId: f.optText('JobID') ?? '',
        groupId: f.optText('GroupID') ?? '',
      };
    case 'res_send_message_all':
      return {
        method,
        result: f.int('Result'),
        time: f.optText('Time') ?? '',
        customMessageId: f.optText('CustomMessageID') ?? '',
        count: f.optInt('Count') ?? 0,
        groupId: f.optText('GroupID') ?? '',
        jobIds: childrenNamed(doc.root, 'JobID').map((j) => ({ seqNo: f.digits(j.attrs.seqNo ?? '', 'JobID@seqNo'), jobId: j.text })),
      };
    case 'req_report':
      return {
        method,
        result: f.int('Result'),
        time: f.optText('Time') ?? '',
        customMessageId: f.optText('CustomMessageID') ?? '',
        jobId: f.text('JobID'),
        groupId: f.optText('GroupID') ?? '',
        telcoInfo: f.optInt('TelcoInfo') ?? 0,
        sequenceNumber: f.optInt('SequenceNumber') ?? 0,
      };
    case 'res_report':
      return { method, result: f.int('Result'), jobId: f.optText('JobID') ?? '' };
    case 'req_ping':
      return { method };
    case 'res_ping':
    case 'res_unregist':
      return { method, result: f.int('Result') };
    case 'req_unregist':
      // Public clients send <Reason> or a <Result>; neither is required.
      return { method, reason: f.optInt('Reason') ?? f.optInt('Result') ?? 0 };
  }
}

/** A class rather than closures: one small object per frame instead of a set of functions per frame. */
class FieldReader {
  private readonly root: MasElement;
  private readonly method: string;

  constructor(root: MasElement, method: string) {
    this.root = root;
    this.method = method;
  }

  private bad(name: string, why: string): XroshotError {
    return new XroshotError('XROSHOT_ERR_BAD_FIELD', `${this.method}: ${name} ${why}`, { method: this.method });
  }

  missing(name: string): XroshotError {
    return this.bad(name, 'is missing');
  }

  digits(v: string, name: string): number {
    if (!/^\d+$/.test(v) || v.length > MAX_INT_DIGITS) throw this.bad(name, `is not a number: '${v.slice(0, 20)}'`);
    return Number(v);
  }

  optText(name: string): string | null {
    const e = child(this.root, name);
    return e === undefined ? null : e.text;
  }

  text(name: string): string {
    const v = this.optText(name);
    if (v === null || v === '') throw this.bad(name, 'is missing');
    return v;
  }

  optInt(name: string): number | null {
    const v = this.optText(name);
    return v === null || v === '' ? null : this.digits(v, name);
  }

  int(name: string): number {
    const v = this.optText(name);
    if (v === null || v === '') throw this.bad(name, 'is missing');
    return this.digits(v, name);
  }

  perType<T>(name: string, read: (v: string) => T): PerMessageType<T>[] {
    return childrenNamed(this.root, name).map((e) => ({ msgType: this.digits(e.attrs.msgType ?? '', `${name}@msgType`), value: read(e.text) }));
  }
}

// Plain record -> MAS XML -> frame. Element names and order follow the public clients (see README);
// elements this codec adds for what they do not show (Attachment content, ReserveType) are marked there.
import { el, writeMasXml, type XmlNode } from './mas-document.ts';
import { encodeFrame } from './frame-splitter.ts';
import type { MasMessage, PerMessageType } from './mas-message.ts';

export function masToXml(m: MasMessage): string {
  return writeMasXml(m.method, bodyOf(m));
}

/** The frame octets: UTF-8 XML and the NUL terminator. */
export function encodeMas(m: MasMessage): Buffer {
  return encodeFrame(masToXml(m));
}

function perType<T>(name: string, list: PerMessageType<T>[], show: (v: T) => string | number): XmlNode[] {
  return list.map((p) => el(name, show(p.value), { msgType: p.msgType }));
}

function bodyOf(m: MasMessage): XmlNode[] {
  switch (m.method) {
    case 'req_auth':
      return [el('ServiceProviderID', m.serviceProviderId)];
    case 'res_auth':
      return m.time === null ? [el('Result', m.result)] : [el('Result', m.result), el('Time', m.time)];
    case 'req_regist':
      return [el('ServiceProviderID', m.serviceProviderId), el('EndUserID', m.endUserId), el('AuthTicket', m.authTicket), el('AuthKey', m.authKey), el('Version', m.version)];
    case 'res_regist':
      return [
        el('Result', m.result),
        ...(m.sessionId === null ? [] : [el('SessionID', m.sessionId)]),
        ...perType('SendLimitPerSecond', m.sendLimitPerSecond, (v) => v),
        ...perType('ProductStatus', m.productStatus, (v) => (v ? 'Y' : 'N')),
        ...perType('SendLimitPerMonth', m.sendLimitPerMonth, (v) => v),
      ];
    case 'req_send_message_2': {
      const message: XmlNode[] = [
        ...m.recipients.map((r) => el('ReceiveNumber', r.number, { seqNo: r.seqNo })),
        el('Subject', m.subject),
        el('Content', m.content),
        ...m.attachments.map((a) => el('Attachment', a.data, { attachID: a.attachId, fileName: a.fileName })),
      ];
      return [
        el('MessageType', m.messageType),
        el('MessageSubType', m.messageSubType),
        el('CallbackNumber', m.callbackNumber),
        el('CustomMessageID', m.customMessageId),
        ...(m.reserveType === null ? [] : [el('ReserveType', m.reserveType)]),
        ...(m.reserveTime === null ? [] : [el('ReserveTime', m.reserveTime)]),
        el('Message', message),
      ];
    }
    case 'res_send_message':
      return [el('Result', m.result), el('Time', m.time), el('CustomMessageID', m.customMessageId), el('SequenceNumber', m.sequenceNumber), el('JobID', m.jobId), el('GroupID', m.groupId)];
    case 'res_send_message_all':
      return [
        el('Result', m.result),
        el('Time', m.time),
        el('CustomMessageID', m.customMessageId),
        el('Count', m.count),
        el('GroupID', m.groupId),
        ...m.jobIds.map((j) => el('JobID', j.jobId, { seqNo: j.seqNo })),
      ];
    case 'req_report':
      return [
        el('Result', m.result),
        el('Time', m.time),
        el('CustomMessageID', m.customMessageId),
        el('JobID', m.jobId),
        el('GroupID', m.groupId),
        el('TelcoInfo', m.telcoInfo),
        el('SequenceNumber', m.sequenceNumber),
      ];
    case 'res_report':
      return [el('Result', m.result), el('JobID', m.jobId)];
    case 'req_ping':
      // The public clients send a Result in their ping; it carries nothing.
      return [el('Result', 0)];
    case 'res_ping':
    case 'res_unregist':
      return [el('Result', m.result)];
    case 'req_unregist':
      return [el('Reason', m.reason)];
  }
}

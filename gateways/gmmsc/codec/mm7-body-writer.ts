// Plain record -> MM7 body element, children in the order of the Rel-6 schema types.
import { GmmscError } from '../gmmsc-errors.ts';
import { writeAddress, writeRecipients, writeWrappedAddress } from './mm7-address.ts';
import type { Mm7ContentRef, Mm7Message, Mm7Status, SenderIdentification } from './mm7-message.ts';
import { statusText } from './mm7-status.ts';
import { leaf, type XmlNode } from './xml-writer.ts';

function status(s: Mm7Status): XmlNode {
  return { name: 'Status', children: [leaf('StatusCode', s.code), leaf('StatusText', s.text ?? statusText(s.code)), leaf('Details', s.details)] };
}

function senderIdentification(s: SenderIdentification): XmlNode {
  return { name: 'SenderIdentification', children: [leaf('VASPID', s.vaspId), leaf('VASID', s.vasId), writeWrappedAddress('SenderAddress', s.senderAddress)] };
}

function content(c: Mm7ContentRef | undefined): XmlNode | null {
  if (!c) return null;
  return { name: 'Content', attrs: { href: c.href, allowAdaptations: c.allowAdaptations === undefined ? undefined : String(c.allowAdaptations) } };
}

function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null || value === '') throw new GmmscError('GMMSC_ERR_ENCODE', `${what} is mandatory`);
  return value;
}

/** The body element of a message (for a Fault: the SOAP Fault element, prefixed `env:`), without xmlns. */
export function writeMm7Body(m: Mm7Message): XmlNode {
  switch (m.kind) {
    case 'SubmitReq': {
      if (m.recipients.to.length + m.recipients.cc.length + m.recipients.bcc.length === 0) throw new GmmscError('GMMSC_ERR_ENCODE', 'SubmitReq needs at least one recipient');
      return {
        name: 'SubmitReq',
        children: [
          leaf('MM7Version', required(m.mm7Version, 'MM7Version')),
          senderIdentification(m),
          writeRecipients(m.recipients),
          leaf('ServiceCode', m.serviceCode),
          leaf('LinkedID', m.linkedId),
          leaf('MessageClass', m.messageClass),
          leaf('TimeStamp', m.timeStamp),
          m.replyCharging ? { name: 'ReplyCharging', attrs: { replyChargingSize: m.replyCharging.replyChargingSize, replyDeadline: m.replyCharging.replyDeadline } } : null,
          leaf('EarliestDeliveryTime', m.earliestDeliveryTime),
          leaf('ExpiryDate', m.expiryDate),
          leaf('DeliveryReport', m.deliveryReport),
          leaf('ReadReply', m.readReply),
          leaf('Priority', m.priority),
          leaf('Subject', m.subject),
          leaf('ChargedParty', m.chargedParty),
          leaf('ChargedPartyID', m.chargedPartyId),
          leaf('DistributionIndicator', m.distributionIndicator),
          leaf('ApplicID', m.applicId),
          leaf('ReplyApplicID', m.replyApplicId),
          leaf('AuxApplicInfo', m.auxApplicInfo),
          leaf('ContentClass', m.contentClass),
          leaf('DRMContent', m.drmContent),
          content(m.content),
        ],
      };
    }
    case 'CancelReq':
      return { name: 'CancelReq', children: [leaf('MM7Version', m.mm7Version), senderIdentification(m), leaf('MessageID', required(m.messageId, 'MessageID'))] };
    case 'ReplaceReq':
      return {
        name: 'ReplaceReq',
        children: [
          leaf('MM7Version', m.mm7Version),
          senderIdentification(m),
          leaf('MessageID', required(m.messageId, 'MessageID')),
          leaf('ServiceCode', m.serviceCode),
          leaf('TimeStamp', m.timeStamp),
          leaf('EarliestDeliveryTime', m.earliestDeliveryTime),
          leaf('ReadReply', m.readReply),
          leaf('DistributionIndicator', m.distributionIndicator),
          content(m.content),
        ],
      };
    case 'DeliverReq':
      return {
        name: 'DeliverReq',
        children: [
          leaf('MM7Version', m.mm7Version),
          leaf('MMSRelayServerID', m.relayServerId),
          leaf('LinkedID', m.linkedId),
          writeWrappedAddress('Sender', required(m.sender, 'Sender')),
          m.recipients ? writeRecipients(m.recipients) : null,
          leaf('TimeStamp', m.timeStamp),
          leaf('Priority', m.priority),
          leaf('Subject', m.subject),
          content(m.content),
        ],
      };
    case 'DeliveryReportReq':
      return {
        name: 'DeliveryReportReq',
        children: [
          leaf('MM7Version', m.mm7Version),
          leaf('MMSRelayServerID', m.relayServerId),
          leaf('MessageID', required(m.messageId, 'MessageID')),
          writeWrappedAddress('Recipient', required(m.recipient, 'Recipient')),
          writeWrappedAddress('Sender', required(m.sender, 'Sender')),
          leaf('Date', required(m.date, 'Date')),
          leaf('MMStatus', required(m.mmStatus, 'MMStatus')),
          leaf('StatusText', m.statusText),
        ],
      };
    case 'ReadReplyReq':
      return {
        name: 'ReadReplyReq',
        children: [
          leaf('MM7Version', m.mm7Version),
          leaf('MMSRelayServerID', m.relayServerId),
          leaf('MessageID', required(m.messageId, 'MessageID')),
          writeWrappedAddress('Recipient', required(m.recipient, 'Recipient')),
          writeWrappedAddress('Sender', required(m.sender, 'Sender')),
          leaf('TimeStamp', required(m.timeStamp, 'TimeStamp')),
          leaf('MMStatus', required(m.mmStatus, 'MMStatus')),
          leaf('StatusText', m.statusText),
        ],
      };
    case 'Fault':
      return {
        name: 'env:Fault',
        children: [
          leaf('faultcode', `env:${m.faultCode}`),
          leaf('faultstring', m.faultString),
          m.detail ? { name: 'detail', children: [{ name: m.detail.kind, children: [leaf('MM7Version', m.detail.mm7Version), status(m.detail.status)] }] } : null,
        ],
      };
    default:
      return {
        name: m.kind,
        children: [leaf('MM7Version', m.mm7Version), status(m.status), leaf('MessageID', m.messageId), leaf('ServiceCode', m.serviceCode)],
      };
  }
}

export { writeAddress };

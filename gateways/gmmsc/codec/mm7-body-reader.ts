// MM7 body element -> plain record. Mandatory elements are checked (missing: 2007, or the code the
// spec gives the field); optional and unknown elements are read leniently, in any order.
import { GmmscError } from '../gmmsc-errors.ts';
import { readBoolean, readRecipients, readWrappedAddress } from './mm7-address.ts';
import {
  MM7_RESPONSE_KINDS,
  type DeliverReq,
  type DeliveryReportReq,
  type Mm7ContentRef,
  type Mm7ErrorDetail,
  type Mm7Message,
  type Mm7Response,
  type Mm7ResponseKind,
  type Mm7Status,
  type ReadReplyReq,
  type ReplaceReq,
  type SenderIdentification,
  type SubmitReq,
} from './mm7-message.ts';
import { attrByLocalName, type StrictXmlElement as XmlElement } from '../../kit/strict-xml-reader.ts';

function child(e: XmlElement, name: string): XmlElement | undefined {
  return e.children.find((c) => c.name === name);
}

function text(e: XmlElement, name: string): string | undefined {
  const c = child(e, name);
  return c === undefined ? undefined : c.text.trim();
}

function need(e: XmlElement, name: string): string {
  const v = text(e, name);
  if (v === undefined || v === '') throw new GmmscError('GMMSC_ERR_BAD_BODY', `<${e.name}> lacks <${name}>`);
  return v;
}

function needChild(e: XmlElement, name: string): XmlElement {
  const c = child(e, name);
  if (!c) throw new GmmscError('GMMSC_ERR_BAD_BODY', `<${e.name}> lacks <${name}>`);
  return c;
}

function bool(e: XmlElement, name: string): boolean | undefined {
  const v = text(e, name);
  return v === undefined ? undefined : readBoolean(v, name);
}

function status(e: XmlElement): Mm7Status {
  const s = needChild(e, 'Status');
  const raw = need(s, 'StatusCode');
  if (!/^\d{4}$/.test(raw)) throw new GmmscError('GMMSC_ERR_BAD_BODY', `StatusCode '${raw.slice(0, 20)}' is not a four-digit code`);
  const out: Mm7Status = { code: Number(raw) };
  const t = text(s, 'StatusText');
  if (t !== undefined) out.text = t;
  const d = child(s, 'Details');
  if (d !== undefined) out.details = d.text.trim() || d.children.map((c) => c.text.trim()).join(' ');
  return out;
}

function senderIdentification(e: XmlElement): SenderIdentification {
  const s = child(e, 'SenderIdentification');
  if (!s) return {};
  const out: SenderIdentification = {};
  const vaspId = text(s, 'VASPID');
  if (vaspId !== undefined) out.vaspId = vaspId;
  const vasId = text(s, 'VASID');
  if (vasId !== undefined) out.vasId = vasId;
  const addr = child(s, 'SenderAddress');
  if (addr) out.senderAddress = readWrappedAddress(addr);
  return out;
}

function content(e: XmlElement): Mm7ContentRef | undefined {
  const c = child(e, 'Content');
  if (!c) return undefined;
  const href = attrByLocalName(c, 'href');
  if (!href) throw new GmmscError('GMMSC_ERR_BAD_BODY', '<Content> lacks its href attribute');
  const out: Mm7ContentRef = { href };
  const adapt = attrByLocalName(c, 'allowAdaptations');
  if (adapt !== undefined) out.allowAdaptations = readBoolean(adapt, 'allowAdaptations');
  return out;
}

/** Copies the optional text children named in `map` (element -> field) that are present. */
function optional<T extends object>(e: XmlElement, target: T, map: Record<string, keyof T>): T {
  for (const [name, field] of Object.entries(map)) {
    const v = text(e, name);
    if (v !== undefined) (target as Record<keyof T, unknown>)[field] = v;
  }
  return target;
}

function version(e: XmlElement): string {
  return need(e, 'MM7Version');
}

function isResponseKind(name: string): name is Mm7ResponseKind {
  return (MM7_RESPONSE_KINDS as readonly string[]).includes(name);
}

/** Reads the MM7 element of a SOAP Body (or the SOAP Fault). Unknown element names answer 4003. */
export function readMm7Body(e: XmlElement): Mm7Message {
  switch (e.name) {
    case 'SubmitReq': {
      const recipientsEl = needChild(e, 'Recipients');
      const recipients = readRecipients(recipientsEl);
      if (recipients.to.length + recipients.cc.length + recipients.bcc.length === 0) {
        throw new GmmscError('GMMSC_ERR_BAD_BODY', '<Recipients> names no recipient', { mm7Status: 2002 });
      }
      const base: SubmitReq = { kind: 'SubmitReq', mm7Version: version(e), ...senderIdentification(e), recipients };
      const m = optional(e, base, {
        ServiceCode: 'serviceCode',
        LinkedID: 'linkedId',
        MessageClass: 'messageClass',
        TimeStamp: 'timeStamp',
        EarliestDeliveryTime: 'earliestDeliveryTime',
        ExpiryDate: 'expiryDate',
        Priority: 'priority',
        ChargedParty: 'chargedParty',
        ChargedPartyID: 'chargedPartyId',
        ApplicID: 'applicId',
        ReplyApplicID: 'replyApplicId',
        AuxApplicInfo: 'auxApplicInfo',
        ContentClass: 'contentClass',
      });
      // Subject is kept untrimmed: its length is judged in bytes.
      const subject = child(e, 'Subject');
      if (subject) m.subject = subject.text;
      const rc = child(e, 'ReplyCharging');
      if (rc) {
        m.replyCharging = {};
        const size = attrByLocalName(rc, 'replyChargingSize');
        const deadline = attrByLocalName(rc, 'replyDeadline');
        if (size !== undefined) m.replyCharging.replyChargingSize = size;
        if (deadline !== undefined) m.replyCharging.replyDeadline = deadline;
      }
      const flags = { DeliveryReport: 'deliveryReport', ReadReply: 'readReply', DistributionIndicator: 'distributionIndicator', DRMContent: 'drmContent' } as const;
      for (const [name, field] of Object.entries(flags)) {
        const v = bool(e, name);
        if (v !== undefined) m[field] = v;
      }
      const c = content(e);
      if (c) m.content = c;
      return m;
    }
    case 'CancelReq':
      return { kind: 'CancelReq', mm7Version: version(e), ...senderIdentification(e), messageId: need(e, 'MessageID') };
    case 'ReplaceReq': {
      const base: ReplaceReq = { kind: 'ReplaceReq', mm7Version: version(e), ...senderIdentification(e), messageId: need(e, 'MessageID') };
      const m = optional(e, base, {
        ServiceCode: 'serviceCode',
        TimeStamp: 'timeStamp',
        EarliestDeliveryTime: 'earliestDeliveryTime',
      });
      const rr = bool(e, 'ReadReply');
      if (rr !== undefined) m.readReply = rr;
      const di = bool(e, 'DistributionIndicator');
      if (di !== undefined) m.distributionIndicator = di;
      const c = content(e);
      if (c) m.content = c;
      return m;
    }
    case 'DeliverReq': {
      const base: DeliverReq = { kind: 'DeliverReq', mm7Version: version(e), sender: readWrappedAddress(needChild(e, 'Sender')) };
      const m = optional(e, base, {
        MMSRelayServerID: 'relayServerId',
        LinkedID: 'linkedId',
        TimeStamp: 'timeStamp',
        Priority: 'priority',
      });
      const subject = child(e, 'Subject');
      if (subject) m.subject = subject.text;
      const r = child(e, 'Recipients');
      if (r) m.recipients = readRecipients(r);
      const c = content(e);
      if (c) m.content = c;
      return m;
    }
    case 'DeliveryReportReq':
      return optional<DeliveryReportReq>(
        e,
        {
          kind: 'DeliveryReportReq',
          mm7Version: version(e),
          messageId: need(e, 'MessageID'),
          recipient: readWrappedAddress(needChild(e, 'Recipient')),
          sender: readWrappedAddress(needChild(e, 'Sender')),
          date: need(e, 'Date'),
          mmStatus: need(e, 'MMStatus'),
        },
        { MMSRelayServerID: 'relayServerId', StatusText: 'statusText' },
      );
    case 'ReadReplyReq':
      return optional<ReadReplyReq>(
        e,
        {
          kind: 'ReadReplyReq',
          mm7Version: version(e),
          messageId: need(e, 'MessageID'),
          recipient: readWrappedAddress(needChild(e, 'Recipient')),
          sender: readWrappedAddress(needChild(e, 'Sender')),
          timeStamp: need(e, 'TimeStamp'),
          mmStatus: need(e, 'MMStatus'),
        },
        { MMSRelayServerID: 'relayServerId', StatusText: 'statusText' },
      );
    case 'Fault':
      return readFault(e);
    default:
      if (isResponseKind(e.name)) {
        return optional<Mm7Response>(e, { kind: e.name, mm7Version: version(e), status: status(e) }, { MessageID: 'messageId', ServiceCode: 'serviceCode' });
      }
      throw new GmmscError('GMMSC_ERR_BAD_BODY', `<${e.name}> is not an MM7 operation`, { mm7Status: 4003 });
  }
}

function readFault(e: XmlElement): Mm7Message {
  const code = text(e, 'faultcode') ?? '';
  const detailEl = child(e, 'detail');
  let detail: Mm7ErrorDetail | null = null;
  const inner = detailEl?.children.find((c) => c.name === 'RSErrorRsp' || c.name === 'VASPErrorRsp');
  if (inner) detail = { kind: inner.name as Mm7ErrorDetail['kind'], mm7Version: text(inner, 'MM7Version') ?? '', status: status(inner) };
  return { kind: 'Fault', faultCode: code.includes(':') ? code.slice(code.indexOf(':') + 1) : code, faultString: text(e, 'faultstring') ?? '', detail };
}

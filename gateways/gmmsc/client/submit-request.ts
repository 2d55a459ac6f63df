// The engine's message -> one SubmitReq as an HTTP body: the SOAP part first, the MM content (SMIL,
// text, images) as the second part, referenced by <Content href="cid:...">.
import { encodeMm7Http, buildMmContent, type Mm7HttpBody } from '../codec/mm7-http.ts';
import type { Mm7Address, SubmitReq } from '../codec/mm7-message.ts';
import { buildMmsContent, type MmsBody } from './mms-content.ts';

export interface GmmscSubmitMessage extends MmsBody {
  /** Sender (callback) number; must be pre-registered with Korean carriers. */
  source: string;
  /** One recipient, or several (sent in one SubmitReq, To). */
  destination: string | readonly string[];
  subject?: string;
  /** Echoed on this message's reports as `reference`. */
  reference?: string;
  /** Override the client's default. */
  deliveryReport?: boolean;
  readReply?: boolean;
  messageClass?: 'Personal' | 'Informational' | 'Advertisement' | 'Auto';
  priority?: 'Normal' | 'High' | 'Low';
  /** xs:dateTime or xs:duration (e.g. 'P1D'). */
  expiryDate?: string;
  earliestDeliveryTime?: string;
  linkedId?: string;
  serviceCode?: string;
  /**
   * Clock time (epoch ms) from which the caller no longer wants it sent: a SubmitReq still waiting for a
   * free connection then is never written and resolves { kind: 'timeout', why: NOT_SENT_LATE }.
   */
  notAfter?: number;
}

export interface SubmitDefaults {
  namespace: string;
  mm7Version: string;
  vaspId: string;
  vasId: string;
  serviceCode: string;
  deliveryReport: boolean;
  readReply: boolean;
}

const CONTENT_ID = 'mms-content';

export function addressOf(value: string): Mm7Address {
  return value.includes('@') ? { kind: 'RFC2822Address', value } : { kind: 'Number', value };
}

export function buildSubmitReq(msg: GmmscSubmitMessage, d: SubmitDefaults, withContent: boolean): SubmitReq {
  const destinations = typeof msg.destination === 'string' ? [msg.destination] : [...msg.destination];
  const req: SubmitReq = {
    kind: 'SubmitReq',
    mm7Version: d.mm7Version,
    ...(d.vaspId ? { vaspId: d.vaspId } : {}),
    ...(d.vasId ? { vasId: d.vasId } : {}),
    senderAddress: addressOf(msg.source),
    recipients: { to: destinations.map(addressOf), cc: [], bcc: [] },
    deliveryReport: msg.deliveryReport ?? d.deliveryReport,
  };
  const serviceCode = msg.serviceCode ?? d.serviceCode;
  if (serviceCode) req.serviceCode = serviceCode;
  if (msg.linkedId !== undefined) req.linkedId = msg.linkedId;
  if (msg.messageClass !== undefined) req.messageClass = msg.messageClass;
  if (msg.earliestDeliveryTime !== undefined) req.earliestDeliveryTime = msg.earliestDeliveryTime;
  if (msg.expiryDate !== undefined) req.expiryDate = msg.expiryDate;
  const readReply = msg.readReply ?? d.readReply;
  if (readReply) req.readReply = true;
  if (msg.priority !== undefined) req.priority = msg.priority;
  if (msg.subject !== undefined) req.subject = msg.subject;
  if (withContent) req.content = { href: `cid:${CONTENT_ID}`, allowAdaptations: true };
  return req;
}

/** The HTTP Content-Type and body of a SubmitReq for this message. Throws GmmscError on a bad message. */
export function encodeSubmit(msg: GmmscSubmitMessage, d: SubmitDefaults, transactionId: string): Mm7HttpBody & { contentBytes: number } {
  const mms = buildMmsContent(msg);
  const content = buildMmContent(
    mms.parts,
    mms.smilId ? { mediaType: 'multipart/related', start: mms.smilId, type: 'application/smil' } : { mediaType: 'multipart/mixed' },
  );
  const http = encodeMm7Http(
    { transactionId, namespace: d.namespace, message: buildSubmitReq(msg, d, true) },
    { content: { ...content, contentId: CONTENT_ID } },
  );
  return { ...http, contentBytes: mms.bytes };
}

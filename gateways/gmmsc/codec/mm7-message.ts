// MM7 messages as plain records. Field names are camelCase forms of the element names; the codec
// writes elements in the schema's order and reads them in any order (deployed VASPs are not strict).

export type Mm7AddressKind = 'Number' | 'RFC2822Address' | 'ShortCode';

export interface Mm7Address {
  kind: Mm7AddressKind;
  value: string;
  displayOnly?: boolean;
  addressCoding?: 'encrypted' | 'obfuscated';
  id?: string;
}

export interface Mm7Recipients {
  to: Mm7Address[];
  cc: Mm7Address[];
  bcc: Mm7Address[];
}

export interface Mm7Status {
  code: number;
  text?: string;
  details?: string;
}

/** `<Content href="cid:..." allowAdaptations="..."/>`: where the MM content sits in the HTTP body. */
export interface Mm7ContentRef {
  href: string;
  allowAdaptations?: boolean;
}

export interface SenderIdentification {
  vaspId?: string;
  vasId?: string;
  senderAddress?: Mm7Address;
}

export interface SubmitReq extends SenderIdentification {
  kind: 'SubmitReq';
  mm7Version: string;
  recipients: Mm7Recipients;
  serviceCode?: string;
  linkedId?: string;
  messageClass?: string;
  timeStamp?: string;
  replyCharging?: { replyChargingSize?: string; replyDeadline?: string };
  earliestDeliveryTime?: string;
  expiryDate?: string;
  deliveryReport?: boolean;
  readReply?: boolean;
  priority?: string;
  subject?: string;
  chargedParty?: string;
  chargedPartyId?: string;
  distributionIndicator?: boolean;
  applicId?: string;
  replyApplicId?: string;
  auxApplicInfo?: string;
  contentClass?: string;
  drmContent?: boolean;
  content?: Mm7ContentRef;
}

export interface CancelReq extends SenderIdentification {
  kind: 'CancelReq';
  mm7Version: string;
  messageId: string;
}

export interface ReplaceReq extends SenderIdentification {
  kind: 'ReplaceReq';
  mm7Version: string;
  messageId: string;
  serviceCode?: string;
  timeStamp?: string;
  earliestDeliveryTime?: string;
  readReply?: boolean;
  distributionIndicator?: boolean;
  content?: Mm7ContentRef;
}

export interface DeliverReq {
  kind: 'DeliverReq';
  mm7Version: string;
  relayServerId?: string;
  linkedId?: string;
  sender: Mm7Address;
  recipients?: Mm7Recipients;
  timeStamp?: string;
  priority?: string;
  subject?: string;
  content?: Mm7ContentRef;
}

export interface DeliveryReportReq {
  kind: 'DeliveryReportReq';
  mm7Version: string;
  relayServerId?: string;
  messageId: string;
  recipient: Mm7Address;
  sender: Mm7Address;
  date: string;
  /** Retrieved, Expired, Rejected, Indeterminate, Forwarded, ... (case as written). */
  mmStatus: string;
  statusText?: string;
}

export interface ReadReplyReq {
  kind: 'ReadReplyReq';
  mm7Version: string;
  relayServerId?: string;
  messageId: string;
  recipient: Mm7Address;
  sender: Mm7Address;
  timeStamp: string;
  /** Read, Deleted, Indeterminate. */
  mmStatus: string;
  statusText?: string;
}

export const MM7_RESPONSE_KINDS = ['SubmitRsp', 'CancelRsp', 'ReplaceRsp', 'DeliverRsp', 'DeliveryReportRsp', 'ReadReplyRsp'] as const;
export type Mm7ResponseKind = (typeof MM7_RESPONSE_KINDS)[number];

export interface Mm7Response {
  kind: Mm7ResponseKind;
  mm7Version: string;
  status: Mm7Status;
  /** SubmitRsp: the id delivery reports will carry (present on 1000 / 1100). */
  messageId?: string;
  /** DeliverRsp: the VASP's service code for charging. */
  serviceCode?: string;
}

export interface Mm7ErrorDetail {
  /** RSErrorRsp from a relay, VASPErrorRsp from a VASP. */
  kind: 'RSErrorRsp' | 'VASPErrorRsp';
  mm7Version: string;
  status: Mm7Status;
}

export interface Mm7Fault {
  kind: 'Fault';
  /** Local part of faultcode: Client, Server, MustUnderstand, VersionMismatch. */
  faultCode: string;
  faultString: string;
  /** null: a Fault without detail (a broken relay, or a SOAP-level fault). */
  detail: Mm7ErrorDetail | null;
}

export type Mm7Request = SubmitReq | CancelReq | ReplaceReq | DeliverReq | DeliveryReportReq | ReadReplyReq;
export type Mm7Message = Mm7Request | Mm7Response | Mm7Fault;

export const MM7_REQUEST_KINDS = ['SubmitReq', 'CancelReq', 'ReplaceReq', 'DeliverReq', 'DeliveryReportReq', 'ReadReplyReq'] as const;

/** The response element that answers each request. */
export const RESPONSE_OF: Record<Mm7Request['kind'], Mm7ResponseKind> = {
  SubmitReq: 'SubmitRsp',
  CancelReq: 'CancelRsp',
  ReplaceReq: 'ReplaceRsp',
  DeliverReq: 'DeliverRsp',
  DeliveryReportReq: 'DeliveryReportRsp',
  ReadReplyReq: 'ReadReplyRsp',
};

/** Every recipient of a request, To then Cc then Bcc. */
export function allRecipients(r: Mm7Recipients | undefined): Mm7Address[] {
  return r ? [...r.to, ...r.cc, ...r.bcc] : [];
}

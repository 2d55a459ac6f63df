// Plain records for every MAS method this gateway speaks. Encrypted fields (CallbackNumber,
// ReceiveNumber, Content) stay ciphertext here: sealing and opening them is auth-crypto's job, so
// a record is exactly what travels.

export interface ReqAuth {
  method: 'req_auth';
  serviceProviderId: string;
}
export interface ResAuth {
  method: 'res_auth';
  result: number;
  /** Server time yyyyMMddHHmmss (KST); absent when the request was refused. */
  time: string | null;
}
export interface ReqRegist {
  method: 'req_regist';
  serviceProviderId: string;
  endUserId: string;
  /** base64 AES of id|pw|endUserId|serverTime|oneTimeKey under the auth key. */
  authTicket: string;
  /** Index of the 128-character auth key window in the certificate. */
  authKey: number;
  version: string;
}
export interface PerMessageType<T> {
  msgType: number;
  value: T;
}
export interface ResRegist {
  method: 'res_regist';
  result: number;
  sessionId: string | null;
  sendLimitPerSecond: PerMessageType<number>[];
  productStatus: PerMessageType<boolean>[];
  sendLimitPerMonth: PerMessageType<number>[];
}
export interface Recipient {
  seqNo: number;
  /** Ciphertext under the one-time key. */
  number: string;
}
export interface Attachment {
  attachId: number;
  fileName: string;
  /** base64 of the file octets (carried inline: see README). */
  data: string;
}
export interface ReqSendMessage2 {
  method: 'req_send_message_2';
  messageType: number;
  messageSubType: number;
  /** Ciphertext under the one-time key. */
  callbackNumber: string;
  customMessageId: string;
  /** 1 = now, 2 = at reserveTime (yyyyMMddHHmmss). */
  reserveType: number | null;
  reserveTime: string | null;
  recipients: Recipient[];
  subject: string;
  /** Ciphertext (EUC-KR plain text) under the one-time key. */
  content: string;
  attachments: Attachment[];
}
/** One per recipient, before res_send_message_all. */
export interface ResSendMessage {
  method: 'res_send_message';
  result: number;
  time: string;
  customMessageId: string;
  sequenceNumber: number;
  /** '' when the recipient was refused. */
  jobId: string;
  groupId: string;
}
export interface ResSendMessageAll {
  method: 'res_send_message_all';
  result: number;
  time: string;
  customMessageId: string;
  /** Recipients taken (each has a JobID). */
  count: number;
  groupId: string;
  jobIds: Array<{ seqNo: number; jobId: string }>;
}
export interface ReqReport {
  method: 'req_report';
  result: number;
  /** When the carrier reported (yyyyMMddHHmmss, KST). */
  time: string;
  customMessageId: string;
  jobId: string;
  groupId: string;
  telcoInfo: number;
  sequenceNumber: number;
}
export interface ResReport {
  method: 'res_report';
  result: number;
  jobId: string;
}
export interface ReqPing {
  method: 'req_ping';
}
export interface ResPing {
  method: 'res_ping';
  result: number;
}
export interface ReqUnregist {
  method: 'req_unregist';
  reason: number;
}
export interface ResUnregist {
  method: 'res_unregist';
  result: number;
}

export type MasMessage =
  | ReqAuth
  | ResAuth
  | ReqRegist
  | ResRegist
  | ReqSendMessage2
  | ResSendMessage
  | ResSendMessageAll
  | ReqReport
  | ResReport
  | ReqPing
  | ResPing
  | ReqUnregist
  | ResUnregist;

export type MasMethod = MasMessage['method'];

export const MAS_METHODS: readonly MasMethod[] = [
  'req_auth',
  'res_auth',
  'req_regist',
  'res_regist',
  'req_send_message_2',
  'res_send_message',
  'res_send_message_all',
  'req_report',
  'res_report',
  'req_ping',
  'res_ping',
  'req_unregist',
  'res_unregist',
];

/** The method that answers a request (req_send_message_2 is closed by res_send_message_all). */
export const RESPONSE_METHOD: Readonly<Partial<Record<MasMethod, MasMethod>>> = {
  req_auth: 'res_auth',
  req_regist: 'res_regist',
  req_send_message_2: 'res_send_message_all',
  req_report: 'res_report',
  req_ping: 'res_ping',
  req_unregist: 'res_unregist',
};

export function isMasMethod(m: string): m is MasMethod {
  return (MAS_METHODS as readonly string[]).includes(m);
}

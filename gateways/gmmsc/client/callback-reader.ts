// What the MMSC posts to the callback receiver, as the engine sees it: DeliveryReportReq and
// ReadReplyReq become reports with a canonical outcome, DeliverReq becomes an MO with its parts.
import iconv from 'iconv-lite';
import type { ReportOutcome } from '../../kit/canonical-reason.ts';
import { parseContentType } from '../codec/content-type.ts';
import type { DeliverReq, DeliveryReportReq, Mm7Address, ReadReplyReq } from '../codec/mm7-message.ts';
import { outcomeForMmStatus } from './mm7-outcome-table.ts';

export interface GmmscReport {
  /** 'delivery' from DeliveryReportReq, 'read-reply' from ReadReplyReq. */
  type: 'delivery' | 'read-reply';
  /** The MessageID the SubmitRsp gave. */
  messageId: string;
  outcome: ReportOutcome;
  /** False for Deferred: the MMSC keeps trying and another report follows. */
  final: boolean;
  /** The MMStatus as written (Retrieved, Expired, Read, ...). */
  code: string;
  statusText?: string;
  /** The report's Date / TimeStamp as epoch ms, or the receive time when it had none readable. */
  at: number;
  /** The handset the message went to. */
  recipient: string;
  sender: string;
  /** What the caller passed as `reference` to submit(), when the report names a message it sent. */
  reference?: string;
  transactionId: string;
}

export interface GmmscMoPart {
  contentType: string;
  contentId?: string;
  contentLocation?: string;
  body: Uint8Array;
}

export interface GmmscMo {
  sender: string;
  recipients: string[];
  subject?: string;
  /** Text of the text/plain parts, joined by newlines ('' when none). */
  text: string;
  parts: GmmscMoPart[];
  linkedId?: string;
  relayServerId?: string;
  at: number;
  transactionId: string;
}

function dateMs(s: string | undefined, fallback: number): number {
  if (!s) return fallback;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : fallback;
}

const addr = (a: Mm7Address | undefined): string => a?.value ?? '';

export function readReport(req: DeliveryReportReq | ReadReplyReq, transactionId: string, now: number): GmmscReport {
  const type = req.kind === 'DeliveryReportReq' ? 'delivery' : 'read-reply';
  const { outcome, final } = outcomeForMmStatus(type, req.mmStatus);
  return {
    type,
    messageId: req.messageId,
    outcome,
    final,
    code: req.mmStatus,
    ...(req.statusText ? { statusText: req.statusText } : {}),
    at: dateMs(req.kind === 'DeliveryReportReq' ? req.date : req.timeStamp, now),
    recipient: addr(req.recipient),
    sender: addr(req.sender),
    transactionId,
  };
}

/** Korean handsets send EUC-KR as often as UTF-8; an unknown charset falls back to UTF-8. */
function decodeText(p: GmmscMoPart): string {
  let charset = 'utf-8';
  try {
    charset = (parseContentType(p.contentType).params.charset ?? 'utf-8').toLowerCase();
  } catch {
    // a malformed Content-Type: read the bytes as UTF-8
  }
  return iconv.encodingExists(charset) ? iconv.decode(Buffer.from(p.body), charset) : Buffer.from(p.body).toString('utf8');
}

export function readMo(req: DeliverReq, parts: GmmscMoPart[], transactionId: string, now: number): GmmscMo {
  const text = parts
    .filter((p) => p.contentType.toLowerCase().startsWith('text/plain'))
    .map(decodeText)
    .join('\n');
  const recipients = req.recipients ? [...req.recipients.to, ...req.recipients.cc, ...req.recipients.bcc].map((a) => a.value) : [];
  return {
    sender: req.sender.value,
    recipients,
    ...(req.subject !== undefined ? { subject: req.subject } : {}),
    text,
    parts,
    ...(req.linkedId !== undefined ? { linkedId: req.linkedId } : {}),
    ...(req.relayServerId !== undefined ? { relayServerId: req.relayServerId } : {}),
    at: dateMs(req.timeStamp, now),
    transactionId,
  };
}

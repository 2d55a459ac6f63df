// req_report -> the canonical report value the engine consumes, and a Result -> the rejection value
// submit() answers with. Both read the codec's one Result table (codec/result-code.ts).
import { isTransientReject, type RejectReason, type ReportOutcome } from '../../kit/canonical-reason.ts';
import { parseMasTime } from '../codec/mas-time.ts';
import type { ReqReport } from '../codec/mas-message.ts';
import { telcoName, type TelcoName } from '../codec/message-type.ts';
import { rejectReasonOf, reportOutcomeOf, resultName } from '../codec/result-code.ts';

export interface XroshotReport {
  /** The JobID the server gave the recipient in res_send_message_all. */
  messageId: string;
  outcome: ReportOutcome;
  /** Xroshot sends one report per recipient, and it is final. */
  final: true;
  /** The report's Result. */
  code: number;
  codeName: string;
  /** When the carrier reported (epoch ms), from <Time>; the receive time when that is unreadable. */
  at: number;
  /** TelcoInfo: the carrier that handled the recipient, when the code is known. */
  carrier: TelcoName | null;
  customMessageId: string;
  groupId: string;
  /** The caller's reference given to submit(), when the client still remembers it. */
  reference?: string;
}

export interface XroshotRejection {
  kind: 'rejected';
  reason: RejectReason;
  transient: boolean;
  code: number;
  codeName: string;
}

export function rejectionOf(code: number): XroshotRejection {
  const reason = rejectReasonOf(code);
  return { kind: 'rejected', reason, transient: isTransientReject(reason), code, codeName: resultName(code) };
}

export function reportOf(req: ReqReport, receivedAt: number): XroshotReport {
  return {
    messageId: req.jobId,
    outcome: reportOutcomeOf(req.result),
    final: true,
    code: req.result,
    codeName: resultName(req.result),
    at: parseMasTime(req.time) ?? receivedAt,
    carrier: telcoName(req.telcoInfo),
    customMessageId: req.customMessageId,
    groupId: req.groupId,
  };
}

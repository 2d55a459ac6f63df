// One SMS to the reachable recipient, watched from the send to its report and past it: the frames the
// server sent in order, so the send, per-recipient, report and resend checks judge the same message.
import type { MasMessage, ReqReport, ReqSendMessage2, ResSendMessage, ResSendMessageAll } from '../codec/mas-message.ts';
import { sendRequest } from './check-context.ts';
import { describeSilence, type CheckContext } from './conformance-check.ts';

export interface MessageObservation {
  req: ReqSendMessage2;
  /** Frames received from the send onward, in order. */
  frames: MasMessage[];
  all: ResSendMessageAll | null;
  /** Why res_send_message_all did not come, when it did not. */
  silence: string | null;
  unterminated: boolean;
  jobId: string | null;
  report: ReqReport | null;
  /** Further req_report frames for the same JobID after it was acknowledged. */
  resent: number;
}

export const isAll = (req: ReqSendMessage2) => (m: MasMessage): m is ResSendMessageAll => m.method === 'res_send_message_all' && m.customMessageId === req.customMessageId;
export const isPerRecipient = (req: ReqSendMessage2) => (m: MasMessage): m is ResSendMessage => m.method === 'res_send_message' && m.customMessageId === req.customMessageId;

export function observeMessage(ctx: CheckContext): Promise<MessageObservation> {
  return ctx.shared('message', async () => {
    const { session, cipher } = await ctx.openRegistered();
    const req = sendRequest(cipher, { callback: ctx.callback, recipients: [ctx.recipient] });
    const from = session.received.length;
    session.send(req);
    const all = (await session.waitFor(isAll(req), ctx.timeoutMs, from)) as ResSendMessageAll | null;
    const jobId = all?.jobIds.find((j) => j.seqNo === 1)?.jobId || null;
    let report: ReqReport | null = null;
    let resent = 0;
    if (jobId) {
      const forJob = (m: MasMessage): m is ReqReport => m.method === 'req_report' && m.jobId === jobId;
      report = (await session.waitFor(forJob, ctx.reportTimeoutMs, from)) as ReqReport | null;
      if (report) {
        await new Promise((r) => setTimeout(r, ctx.resendWaitMs));
        resent = session.received.slice(from).filter(forJob).length - 1;
      }
    }
    const obs: MessageObservation = {
      req,
      frames: session.received.slice(from),
      all,
      silence: all ? null : describeSilence(session, 'req_send_message_2', ctx.timeoutMs),
      unterminated: session.unterminated > 0,
      jobId,
      report,
      resent,
    };
    await session.close();
    return obs;
  });
}

// CancelReq and ReplaceReq on the account's own messages. An id this relay never issued (or another
// VASP's) is 2005 Message ID Not found; a message already final cannot change: 3001 Not Possible.
import type { MimePart } from '../codec/mime-multipart.ts';
import type { CancelReq, ReplaceReq } from '../codec/mm7-message.ts';
import { statusText } from '../codec/mm7-status.ts';
import { REJECT_STATUS, REJECT_TEXT } from './gmmsc-outcome-table.ts';
import { cancelMessage } from './message-lifecycle.ts';
import { checkMmsContent } from './mms-content-rules.ts';
import type { AccountState, HandlerResult, MmscContext } from './mmsc-context.ts';
import { checkIdentity } from './vasp-identity.ts';

const fault = (status: number, details?: string): HandlerResult => ({ kind: 'fault', status, text: statusText(status), details, latencyMs: 0 });

export function handleMessageOp(ctx: MmscContext, acct: AccountState, req: CancelReq | ReplaceReq, content: MimePart | null): HandlerResult {
  const identity = checkIdentity(acct.account, req);
  if (identity) return { kind: 'fault', status: REJECT_STATUS['auth-failed'], text: REJECT_TEXT['auth-failed'], details: identity, latencyMs: 0 };
  const m = ctx.store.get(req.messageId);
  if (!m || m.vaspId !== acct.account.vaspId) return fault(2005, `no message ${req.messageId.slice(0, 64)} for ${acct.account.vaspId}`);
  if (m.final) return fault(3001, `message ${m.id} is already ${m.cancelled ? 'cancelled' : 'final'}`);
  const latencyMs = ctx.behaviour.decide({ operation: req.kind, account: acct.account.vaspId }).latencyMs;
  const rspKind = req.kind === 'CancelReq' ? 'CancelRsp' : 'ReplaceRsp';
  if (req.kind === 'CancelReq') cancelMessage(ctx, m);
  else {
    if (req.content) {
      const verdict = checkMmsContent(m.subject, content, ctx.cfg.mms);
      if (!verdict.ok) return { kind: 'fault', status: REJECT_STATUS['content-refused'], text: REJECT_TEXT['content-refused'], details: verdict.details, latencyMs };
      m.text = verdict.text;
    }
    if (req.readReply !== undefined) m.readReply = req.readReply;
    ctx.stats.inc('replaced');
  }
  return { kind: 'response', latencyMs, message: { kind: rspKind, mm7Version: req.mm7Version, status: { code: 1000, text: statusText(1000) } } };
}

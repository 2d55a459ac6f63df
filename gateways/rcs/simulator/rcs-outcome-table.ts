// The one table from canonical reject reasons (behaviour files, the engine) to MaaP result codes.
// Final delivery outcomes map in status-plan.ts: delivered -> 'delivered'; expired -> failed 56007;
// undeliverable, rejected -> failed 54003; unknown -> failed 54004; unreachable by RCS -> 54001/54002.
import type { RejectReason } from '../../kit/canonical-reason.ts';
import { RCS_RESULT, type RcsResultCode } from '../codec/rcs-result-codes.ts';

export const REJECT_RESULT: Record<RejectReason, RcsResultCode> = {
  throttled: RCS_RESULT.TPS_EXCEEDED,
  'queue-full': RCS_RESULT.QUOTA_EXCEEDED,
  'invalid-destination': RCS_RESULT.INVALID_DEST_NUMBER,
  'invalid-source': RCS_RESULT.INVALID_BOT_ID,
  'unregistered-sender': RCS_RESULT.CHATBOT_PERMISSION,
  'invalid-content': RCS_RESULT.INVALID_CONTENT,
  'content-refused': RCS_RESULT.PROHIBITED_TEXT,
  spam: RCS_RESULT.MESSAGE_FILTERED,
  'not-capable': RCS_RESULT.NON_RCS_USER,
  'no-subscriber': RCS_RESULT.USER_NOT_FOUND,
  'auth-failed': RCS_RESULT.INVALID_TOKEN,
  unsupported: RCS_RESULT.NOT_FOUND_HANDLER,
  'system-error': RCS_RESULT.INTERNAL_ERROR,
  'service-unavailable': RCS_RESULT.BACKEND_TIMEOUT,
};

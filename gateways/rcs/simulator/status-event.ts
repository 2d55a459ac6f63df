// Renders messageStatus webhook bodies; the 'malformed' quirk writes the shape a broken MaaP might
// (no msgId, status under the wrong key, epoch timestamp) so conformance checks can catch it.
import { kstTimestamp } from '../codec/rcs-codec.ts';
import type { RcsResultCode } from '../codec/rcs-result-codes.ts';
import type { MessageStatusEvent, WebhookStatus } from '../codec/webhook-event-schema.ts';
import type { StoredMessage } from './message-store.ts';

export function renderStatusEvent(m: StoredMessage, status: WebhookStatus, at: number, error: RcsResultCode | undefined, shape: 'maap' | 'malformed'): unknown {
  if (shape === 'malformed') {
    return { event: 'messageStatus', botId: m.botId, userContact: m.userContact, RCSMessage: { messageStatus: status, timestamp: at } };
  }
  const event: MessageStatusEvent = {
    event: 'messageStatus',
    botId: m.botId,
    messageContact: { userContact: m.userContact },
    RCSMessage: { msgId: m.msgId, status, timestamp: kstTimestamp(at) },
  };
  if (error) event.RCSMessage.error = { code: error.code, message: error.name };
  if (m.clientMsgId !== undefined) event.clientMsgId = m.clientMsgId;
  return event;
}

// Reading what a MaaP posts to the chatbot's webhook. GSMA MaaP events name their kind in `event`
// and carry `messageContact` and `RCSMessage`; Korean MaaP-FE reports add a result code. Field
// placement differs between implementations, so each value is looked for in the places seen.

export type WebhookEvent =
  | { type: 'status'; messageId: string; status: string; code: number | null; userContact: string | null; timestamp: string | null }
  | { type: 'mo'; event: string; userContact: string | null; messageId: string | null; text: string | null; postback: string | null; raw: Record<string, unknown> }
  | { type: 'ignored'; event: string }
  | { type: 'unreadable'; why: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : null);

function codeOf(...vs: unknown[]): number | null {
  for (const v of vs) {
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  }
  return null;
}

const MO_EVENTS = new Set(['message', 'response']);

export function readWebhookEvent(e: unknown): WebhookEvent {
  if (!isObj(e)) return { type: 'unreadable', why: 'an event is not a JSON object' };
  const msg = isObj(e.RCSMessage) ? e.RCSMessage : {};
  const contact = isObj(e.messageContact) ? str(e.messageContact.userContact) : str(e.userContact);
  const kind = str(e.event) ?? (str(msg.status) ?? str(e.status) ? 'messageStatus' : null);
  if (kind === null) return { type: 'unreadable', why: 'no event kind' };
  if (kind === 'messageStatus') {
    const messageId = str(msg.msgId) ?? str(msg.messageId) ?? str(e.messageId) ?? str(e.msgId);
    const status = str(msg.status) ?? str(e.status);
    if (!messageId || !status) return { type: 'unreadable', why: 'messageStatus without a message id or status' };
    const err = isObj(e.error) ? e.error : isObj(msg.error) ? msg.error : {};
    const code = codeOf(err.code, msg.code, e.code, e.resultCode, msg.resultCode, e.errorCode);
    return { type: 'status', messageId, status, code, userContact: contact, timestamp: str(msg.timestamp) ?? str(e.timestamp) };
  }
  if (MO_EVENTS.has(kind)) {
    const suggested = isObj(msg.suggestedResponse) ? msg.suggestedResponse : {};
    const pb = isObj(suggested.response) ? suggested.response : {};
    const reply = isObj(pb.reply) ? pb.reply : isObj(pb.action) ? pb.action : {};
    const postback = isObj(reply.postback) ? str(reply.postback.data) : null;
    return {
      type: 'mo',
      event: kind,
      userContact: contact,
      messageId: str(msg.msgId) ?? str(msg.messageId),
      text: str(msg.textMessage),
      postback,
      raw: e,
    };
  }
  return { type: 'ignored', event: kind };
}

/** A body is one event or an array of them. */
export function readWebhookBody(body: unknown): WebhookEvent[] {
  if (Array.isArray(body)) return body.map(readWebhookEvent);
  if (isObj(body) && Array.isArray(body.events)) return body.events.map(readWebhookEvent);
  return [readWebhookEvent(body)];
}

// User-originated events (POST /admin/mo): a subscriber types a reply or taps a suggestion, and the
// gateway posts a 'message' or 'response' event to the bot's webhook. Only RCS users can do either.
import { z } from 'zod';
import { kstTimestamp } from '../codec/rcs-codec.ts';
import type { MessageEvent, ResponseEvent } from '../codec/webhook-event-schema.ts';
import { normalizeMsisdn } from '../../network/normalize-msisdn.ts';
import { RcsError } from '../rcs-errors.ts';
import type { RcsContext } from './rcs-context.ts';
import { unreachableBy } from './status-plan.ts';

const tapped = z.strictObject({ displayText: z.string().min(1).max(200), postbackData: z.string().max(2048).optional() });

export const moRequestSchema = z
  .strictObject({
    botId: z.string().min(1).max(40),
    userContact: z.string().min(1).max(32),
    text: z.string().min(1).max(4000).optional(),
    reply: tapped.optional(),
    action: tapped.optional(),
    /** The bot message whose suggestion was tapped. */
    replyToMsgId: z.string().max(100).optional(),
  })
  .refine((r) => [r.text, r.reply, r.action].filter((x) => x !== undefined).length === 1, { message: 'give exactly one of text, reply or action' });
export type MoRequest = z.input<typeof moRequestSchema>;

export function injectMo(c: RcsContext, input: unknown): { gateway: 'rcs'; event: 'message' | 'response'; msgId: string; queued: boolean } {
  const parsed = moRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RcsError('RCS_ERR_BAD_MO', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const r = parsed.data;
  const bot = c.bots.get(r.botId);
  if (bot === undefined) throw new RcsError('RCS_ERR_NO_BOT', `no chatbot ${r.botId}`);
  const national = normalizeMsisdn(r.userContact);
  if (national === null || unreachableBy(c.network.lookup(national), c.network.ownCarrier) !== null) {
    throw new RcsError('RCS_ERR_BAD_MO', `userContact: ${r.userContact} is not an RCS user of this network`);
  }
  const msgId = `mo-${c.nextMessageId()}`;
  const timestamp = kstTimestamp(c.clock.now());
  const messageContact = { userContact: r.userContact };
  let event: MessageEvent | ResponseEvent;
  if (r.text !== undefined) {
    event = { event: 'message', botId: r.botId, messageContact, RCSMessage: { msgId, timestamp, textMessage: r.text } };
  } else {
    const t = (r.reply ?? r.action) as z.infer<typeof tapped>;
    const tap = t.postbackData === undefined ? { displayText: t.displayText } : { displayText: t.displayText, postback: { data: t.postbackData } };
    const response = r.reply ? { reply: tap } : { action: tap };
    event = { event: 'response', botId: r.botId, messageContact, RCSMessage: { msgId, timestamp, suggestedResponse: { response } } };
    if (r.replyToMsgId !== undefined) event.RCSMessage.replyToMsgId = r.replyToMsgId;
  }
  c.stats.inc(`mo:${event.event}`);
  c.log.push({ at: c.clock.now(), op: 'mo', botId: r.botId, msgId, userContact: r.userContact, status: event.event });
  if (bot.webhookUrl === null) {
    c.stats.inc('webhook:no-url');
    return { gateway: 'rcs', event: event.event, msgId, queued: false };
  }
  // Keyed by user so one user's replies reach the bot in the order they were typed.
  const queued = c.webhooks.enqueue(bot.webhookUrl, event, `mo:${r.botId}:${national}`);
  return { gateway: 'rcs', event: event.event, msgId, queued };
}

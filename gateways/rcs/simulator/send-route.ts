// POST /rcs/bot/v1/{botId}/messages and GET .../messages/{msgId}/status. A send is checked in this
// order, the first problem answering: token and bot, TPS, JSON shape, messagebase (known, not paused,
// limits), advertising rules, expiryOption, recipient number, duplicate msgId, then the behaviour model.
// Status webhooks start only once the 202 has left.
import type { FastifyInstance } from 'fastify';
import { messagebase } from '../codec/messagebase-table.ts';
import { decodeSendMessage } from '../codec/rcs-codec.ts';
import { RCS_RESULT } from '../codec/rcs-result-codes.ts';
import type { MessageStatusResponse, SendMessageRequest, SendMessageResponse } from '../codec/send-message-schema.ts';
import { normalizeMsisdn } from '../../network/normalize-msisdn.ts';
import { authorize } from './bearer-auth.ts';
import { actOutFault, sendViolation, simulatedDelay, type HeldRequests } from './http-answer.ts';
import type { StoredMessage } from './message-store.ts';
import type { BotState, RcsContext } from './rcs-context.ts';
import { REJECT_RESULT } from './rcs-outcome-table.ts';
import { checkAdRules, checkContent, messageText, type Violation } from './send-validator.ts';
import { planStatuses, type PlannedStatus } from './status-plan.ts';
import { renderStatusEvent } from './status-event.ts';

type Params = { botId: string };

function expiryWindow(c: RcsContext, option: SendMessageRequest['expiryOption']): number | null {
  const o = option === undefined ? '1' : String(option);
  return o === '1' ? c.cfg.expiry.option1 : o === '2' ? c.cfg.expiry.option2 : null;
}

function checkRequest(c: RcsContext, req: SendMessageRequest, botId: string): Violation | null {
  const mb = messagebase(req.messagebaseId);
  if (mb === undefined) return { result: RCS_RESULT.INVALID_MESSAGEBASE_ID, message: `unknown messagebaseId ${req.messagebaseId.slice(0, 40)}` };
  if (c.pausedMessagebases.has(mb.id)) return { result: RCS_RESULT.MESSAGEBASE_PAUSED, message: `messagebase ${mb.id} is paused` };
  if (!c.cfg.quirks.skipContentLimits) {
    const content = checkContent(req, mb);
    if (content) return content;
  }
  const ad = checkAdRules(req);
  if (ad) return ad;
  if (expiryWindow(c, req.expiryOption) === null) return { result: RCS_RESULT.INVALID_EXPIRY, message: 'expiryOption must be 1 or 2' };
  if (normalizeMsisdn(req.messageContact.userContact) === null) {
    return { result: RCS_RESULT.INVALID_DEST_NUMBER, message: 'messageContact.userContact must be a Korean mobile number (+8210..., 010...)' };
  }
  const msgId = req.RCSMessage.msgId;
  if (msgId !== undefined && c.store.has(botId, msgId)) return { result: RCS_RESULT.DUPLICATED_MESSAGE_ID, message: `msgId ${msgId} was already sent` };
  return null;
}

export function registerSendRoutes(app: FastifyInstance, ctx: () => RcsContext, held: HeldRequests): void {
  app.post<{ Params: Params }>('/rcs/bot/v1/:botId/messages', async (req, reply) => {
    const c = ctx();
    c.stats.inc('sendMessage');
    const { botId } = req.params;
    const refuse = (v: Violation, rule?: string | null) => {
      c.stats.inc(`sendMessage:${v.result.code}`);
      c.log.push({ at: c.clock.now(), op: 'sendMessage', botId, http: v.result.http ?? 400, code: v.result.code, rule });
      return sendViolation(reply, v);
    };
    const caller = authorize(c, req.headers.authorization, botId);
    if (!caller.ok) return refuse(caller.violation);
    if (caller.account.bucket && !caller.account.bucket.tryTake()) {
      return refuse({ result: RCS_RESULT.TPS_EXCEEDED, message: `over ${caller.account.bucket.rate} messages per second` });
    }
    const decoded = decodeSendMessage(req.body);
    if (!decoded.ok) return refuse({ result: RCS_RESULT.MESSAGE_SYNTAX, message: decoded.error.error.message });
    const send = decoded.value;
    const problem = checkRequest(c, send, botId);
    if (problem) return refuse(problem);

    const national = normalizeMsisdn(send.messageContact.userContact) as string;
    const subscriber = c.network.lookup(national);
    const validityMs = expiryWindow(c, send.expiryOption) as number;
    const d = c.behaviour.decide({
      operation: 'sendMessage',
      account: caller.account.account.clientId,
      source: botId,
      destination: national,
      content: messageText(send),
      subscriber,
      validityMs,
    });
    const wait = simulatedDelay(c.clock, d.latencyMs);
    if (wait) await wait;
    if (d.response.kind === 'reject') return refuse({ result: REJECT_RESULT[d.response.reason], message: `refused by ${d.rule ?? 'behaviour'}` }, d.rule);
    if (d.response.kind === 'fault' && d.response.fault !== 'corrupt' && d.response.fault !== 'silent') {
      c.stats.inc(`sendMessage:fault:${d.response.fault}`);
      return actOutFault(req, reply, d.response.fault, held);
    }

    const m: StoredMessage = { msgId: send.RCSMessage.msgId ?? c.nextMessageId(), botId, clientId: caller.account.account.clientId, userContact: send.messageContact.userContact, status: 'pending' };
    if (send.clientMsgId !== undefined) m.clientMsgId = send.clientMsgId;
    c.store.add(m);
    c.stats.inc('sendMessage:accepted');
    c.log.push({ at: c.clock.now(), op: 'sendMessage', botId, msgId: m.msgId, userContact: m.userContact, http: 202, rule: d.rule });
    const plan: PlannedStatus[] = d.report ? planStatuses({ subscriber, ownCarrier: c.network.ownCarrier, report: d.report, validityMs, status: c.cfg.status, rng: c.rng }) : [];
    const start = () => c.lifecycle.start(m, plan, () => webhookOf(ctx(), botId));

    if (d.response.kind === 'fault') {
      // corrupt: garbled 202, message taken anyway.
      c.stats.inc('sendMessage:fault:corrupt');
      await actOutFault(req, reply, 'corrupt', held);
      start();
      return reply;
    }
    const url = webhookOf(c, botId);
    if (c.cfg.quirks.webhookBeforeResponse && plan.length > 0 && url !== null) {
      const first = plan.shift() as PlannedStatus;
      m.status = first.status;
      await c.webhooks.sendNow(url, renderStatusEvent(m, first.status, c.clock.now(), first.error, c.cfg.quirks.webhookShape));
    }
    // 'close' follows 'finish' once the 202 has been handed to the socket, and also comes when the
    // client went away first: the message was taken either way, so its statuses must still run.
    reply.raw.once('close', start);
    const out: SendMessageResponse = { msgId: m.msgId, status: 'pending' };
    if (m.clientMsgId !== undefined) out.clientMsgId = m.clientMsgId;
    return reply.status(202).send(out);
  });

  app.get<{ Params: Params & { msgId: string } }>('/rcs/bot/v1/:botId/messages/:msgId/status', async (req, reply) => {
    const c = ctx();
    c.stats.inc('messageStatus');
    const { botId, msgId } = req.params;
    const caller = authorize(c, req.headers.authorization, botId);
    if (!caller.ok) return sendViolation(reply, caller.violation);
    const m = c.store.get(botId, msgId);
    if (m === undefined) return sendViolation(reply, { result: RCS_RESULT.DATA_NOT_FOUND, message: `no message ${msgId.slice(0, 100)} for chatbot ${botId}` });
    const out: MessageStatusResponse = { RCSMessage: { msgId: m.msgId, status: m.status } };
    return reply.send(out);
  });
}

function webhookOf(c: RcsContext, botId: string): string | null {
  const bot: BotState | undefined = c.bots.get(botId);
  return bot?.webhookUrl ?? null;
}

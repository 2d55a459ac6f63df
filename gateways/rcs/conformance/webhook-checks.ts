// Status webhooks, observed through the suite's own receiver: a final messageStatus arrives for an
// accepted message, non-RCS users fail with 54001/54002, nothing names a message before the send
// response did, and every body has the FNW.11 event shape.
import { readWebhookEvent } from '../client/webhook-events.ts';
import { decodeWebhookEvent } from '../codec/rcs-codec.ts';
import { sendMessageResponseSchema } from '../codec/send-message-schema.ts';
import { NOT_CAPABLE_CODES } from './capability-checks.ts';
import { describeAnswer, fail, pass, skip, type CheckContext, type ConformanceCheck } from './conformance-check.ts';
import { textMessage } from './conformance-messages.ts';
import type { WireAnswer } from './maap-wire.ts';
import type { ReceivedWebhook, WebhookSink } from './webhook-sink.ts';

interface Observation {
  answer: WireAnswer;
  msgId: string | null;
  /** Index in sink.received when the send left. */
  from: number;
  final: { status: string; code: number | null } | null;
}

const NO_SINK = 'not judged: this run has no webhook receiver';
const FINAL = new Set(['delivered', 'failed']);

function statusOf(w: ReceivedWebhook): { messageId: string; status: string; code: number | null } | null {
  const e = readWebhookEvent(w.body);
  return e.type === 'status' ? e : null;
}

/** One send and the statuses that follow it, shared by the webhook checks. */
function observe(ctx: CheckContext, sink: WebhookSink, key: string, contact: string): Promise<Observation> {
  return ctx.shared(key, async () => {
    const from = sink.received.length;
    const answer = await ctx.send(textMessage(contact));
    const parsed = answer.kind === 'answer' && answer.status === 202 ? sendMessageResponseSchema.safeParse(answer.body) : null;
    const msgId = parsed?.success ? parsed.data.msgId : null;
    if (msgId === null) return { answer, msgId, from, final: null };
    const hit = await sink.waitFor((w) => {
      const s = statusOf(w);
      return s !== null && s.messageId === msgId && FINAL.has(s.status);
    }, ctx.webhookTimeoutMs, from);
    const s = hit && statusOf(hit);
    return { answer, msgId, from, final: s ? { status: s.status, code: s.code } : null };
  });
}

/** Why an observation has no final status, as a verdict. */
function missing(ctx: CheckContext, sink: WebhookSink, o: Observation) {
  if (o.answer.kind === 'timeout') return skip('the send was not answered', 'send.answered');
  if (o.msgId === null) return fail(`the send was not accepted: ${describeAnswer(o.answer)}`);
  const since = sink.received.length - o.from;
  if (since > 0) return skip(`${since} webhook(s) arrived but none is a readable messageStatus for ${o.msgId}`, 'webhook.shape');
  return fail(`no webhook for ${o.msgId} within ${ctx.webhookTimeoutMs} ms (is the target posting to ${sink.url}?)`);
}

export const webhookChecks: ConformanceCheck[] = [
  {
    id: 'webhook.final-status',
    title: 'an accepted message to an RCS user gets a final messageStatus (delivered, or failed with a code) by webhook',
    clause: 'GSMA FNW.11 chatbot webhook, messageStatus event; RCS Biz Center result webhook',
    async run(ctx) {
      const sink = ctx.sink;
      if (!sink) return skip(NO_SINK);
      const o = await observe(ctx, sink, 'observe:capable', ctx.capableContact);
      if (!o.final) return missing(ctx, sink, o);
      if (o.final.status === 'failed' && o.final.code === null) return fail(`${o.msgId} failed without a result code`);
      return pass(`${o.msgId} ${o.final.status}${o.final.code !== null ? ` ${o.final.code}` : ''}`);
    },
  },
  {
    id: 'webhook.not-capable',
    title: 'a message to a user RCS cannot reach fails with 54001/54002 by webhook (or is refused at once as a non-RCS user)',
    clause: 'KT code sheet MaaP-FE 54001 (not our subscriber), 54002 (no RCS capability); Samsung MaaP GW 41200',
    async run(ctx) {
      const sink = ctx.sink;
      if (!sink) return skip(NO_SINK);
      const contact = ctx.notCapableContacts[0];
      const o = await observe(ctx, sink, 'observe:not-capable', contact);
      const a = o.answer;
      if (a.kind === 'answer' && a.status >= 400 && a.status < 500 && a.code !== null && NOT_CAPABLE_CODES.has(a.code)) return pass(`${contact}: refused at once, ${describeAnswer(a)}`);
      if (!o.final) return missing(ctx, sink, o);
      if (o.final.status !== 'failed') return fail(`${contact}: ${o.msgId} ${o.final.status}; RCS cannot reach this user`);
      if (o.final.code === null || !NOT_CAPABLE_CODES.has(o.final.code)) return fail(`${contact}: ${o.msgId} failed with ${o.final.code ?? 'no code'}, expected 54001 or 54002`);
      return pass(`${contact}: failed ${o.final.code}`);
    },
  },
  {
    id: 'webhook.after-response',
    title: 'no webhook names a message before the send response that gave its msgId',
    clause: 'GSMA FNW.11 send message: the msgId the response returns names later messageStatus events',
    async run(ctx) {
      const sink = ctx.sink;
      if (!sink) return skip(NO_SINK);
      const observations = [await observe(ctx, sink, 'observe:capable', ctx.capableContact), await observe(ctx, sink, 'observe:not-capable', ctx.notCapableContacts[0])];
      let matched = 0;
      for (const o of observations) {
        if (o.msgId === null || o.answer.kind !== 'answer') continue;
        for (const w of sink.received.slice(o.from)) {
          if (statusOf(w)?.messageId !== o.msgId) continue;
          matched++;
          if (w.at < o.answer.at) return fail(`a '${statusOf(w)?.status}' webhook for ${o.msgId} arrived ${(o.answer.at - w.at).toFixed(1)} ms before the send response`);
        }
      }
      if (matched === 0) return skip('no webhook could be matched to a message', 'webhook.final-status');
      return pass(`${matched} webhook(s) all after their send response`);
    },
  },
  {
    id: 'webhook.shape',
    title: 'every webhook body is an FNW.11 event: event, messageContact.userContact, RCSMessage with msgId, status (and error.code when failed)',
    clause: 'GSMA FNW.11 chatbot webhook events (messageStatus, message, response); KT code sheet (failure codes)',
    async run(ctx) {
      const sink = ctx.sink;
      if (!sink) return skip(NO_SINK);
      if (sink.received.length === 0) return skip('no webhook arrived during the run', 'webhook.final-status');
      for (const [i, w] of sink.received.entries()) {
        const body = w.body && typeof w.body === 'object' && !Array.isArray(w.body) ? { botId: ctx.botId, ...w.body } : w.body;
        const d = decodeWebhookEvent(body);
        const show = JSON.stringify(w.body).slice(0, 160);
        if (!d.ok) return fail(`webhook #${i + 1}: ${d.error.error.message}: ${show}`);
        if (d.value.event === 'messageStatus' && d.value.RCSMessage.status === 'failed' && d.value.RCSMessage.error === undefined) {
          return fail(`webhook #${i + 1}: a failed status without RCSMessage.error.code: ${show}`);
        }
      }
      return pass(`${sink.received.length} webhook bodies`);
    },
  },
];

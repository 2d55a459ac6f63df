// req_send_message_2: limits, request checks, then per recipient the network and the behaviour
// model. Answers one res_send_message per recipient and then res_send_message_all; a request refused
// as a whole gets res_send_message_all alone. Reports are planned to leave after those responses.
import type { BehaviourResponse, Decision, PlannedReport } from '../../kit/behaviour-model.ts';
import { sampleLatency } from '../../kit/latency.ts';
import type { TokenBucket } from '../../kit/token-bucket.ts';
import { normalizeMsisdn } from '../../network/normalize-msisdn.ts';
import type { Subscriber } from '../../network/subscriber.ts';
import type { FieldCipher } from '../codec/auth-crypto.ts';
import type { MasMessage, ReqSendMessage2, ResSendMessage } from '../codec/mas-message.ts';
import { formatMasTime } from '../codec/mas-time.ts';
import { TELCO_INFO } from '../codec/message-type.ts';
import { REJECT_RESULT, resultName } from '../codec/result-code.ts';
import { validateSend, type ValidSend } from './send-validator.ts';
import type { AccountState, XroshotContext } from './xroshot-context.ts';
import { reportResultFor } from './xroshot-outcome-table.ts';

export type Fault = Extract<BehaviourResponse, { kind: 'fault' }>['fault'];

/** Writes `frames` after `latencyMs` of simulated time, or applies `fault` instead. */
export type Responder = (frames: MasMessage[], latencyMs: number, fault?: Fault) => void;

export interface SendingSession {
  readonly id: number;
  readonly bucket: TokenBucket | null;
  readonly otk: FieldCipher;
  /** Requests of this session still waiting for their responses. */
  outstanding(): number;
}

const RESULT_BAD_RECIPIENT = REJECT_RESULT['invalid-destination'];
const RESULT_OWN_NETWORK = 209;

interface Taken {
  seqNo: number;
  destination: string;
  subscriber: Subscriber;
  decision: Decision;
  jobId: string;
}

export function handleSend(ctx: XroshotContext, acct: AccountState, sess: SendingSession, m: ReqSendMessage2, respond: Responder): void {
  const now = ctx.clock.now();
  const time = formatMasTime(now);
  const wholeRequest = (result: number, note: string): void => {
    ctx.stats.inc(`res_send_message_all:${resultName(result)}`);
    ctx.log.push({ at: now, dir: 'out', session: sess.id, serviceProviderId: acct.account.serviceProviderId, method: 'res_send_message_all', result, note });
    respond([{ method: 'res_send_message_all', result, time, customMessageId: m.customMessageId, count: 0, groupId: '', jobIds: [] }], 0);
  };

  const limits = ctx.behaviour.spec.limits;
  if (sess.bucket && m.recipients.length > 0 && !sess.bucket.tryTake(Math.min(m.recipients.length, sess.bucket.rate))) {
    return wholeRequest(REJECT_RESULT.throttled, 'over the per-session send rate');
  }
  if (limits?.window !== undefined && sess.outstanding() >= limits.window) return wholeRequest(REJECT_RESULT['queue-full'], 'session window full');
  if (limits?.queue !== undefined && acct.outstanding >= limits.queue) return wholeRequest(REJECT_RESULT['queue-full'], 'account queue full');

  const v = validateSend(m, acct.account, ctx.cfg, sess.otk, now);
  if (!v.ok) return wholeRequest(v.result, v.note);

  const groupId = ctx.nextId();
  const perRecipient: ResSendMessage[] = [];
  const taken: Taken[] = [];
  let latency = 0;
  let fault: Fault | null = null;
  for (const r of m.recipients) {
    const answer = (result: number, jobId = '') =>
      perRecipient.push({ method: 'res_send_message', result, time, customMessageId: m.customMessageId, sequenceNumber: r.seqNo, jobId, groupId });
    let destination: string | null = null;
    try {
      destination = normalizeMsisdn(sess.otk.decryptText(r.number));
    } catch {
      destination = null;
    }
    const subscriber = destination === null ? null : ctx.network.lookup(destination);
    if (destination === null || subscriber === null) {
      answer(RESULT_BAD_RECIPIENT);
      continue;
    }
    if (ctx.cfg.ownNetworkRecipients === 'reject' && subscriber.carrier === ctx.network.ownCarrier) {
      answer(RESULT_OWN_NETWORK);
      continue;
    }
    const decision = ctx.behaviour.decide({
      operation: m.method,
      account: acct.account.serviceProviderId,
      source: v.value.callback,
      destination,
      content: v.value.text,
      subscriber,
    });
    latency = Math.max(latency, decision.latencyMs);
    const resp = decision.response;
    if (resp.kind === 'reject') {
      ctx.stats.inc(`reject:${resp.reason}`);
      answer(REJECT_RESULT[resp.reason]);
      continue;
    }
    if (resp.kind === 'fault' && resp.fault !== 'silent' && fault === null) fault = resp.fault;
    const jobId = ctx.nextId();
    taken.push({ seqNo: r.seqNo, destination, subscriber, decision, jobId });
    answer(0, jobId);
  }
  latency += outageLatency(ctx);

  // A dropped or unanswered request took nothing; a garbled answer still took its messages.
  if (fault === 'drop-connection' || fault === 'no-response') return respond([], latency, fault);

  const accepted = taken.length;
  const result = accepted > 0 ? 0 : (perRecipient[0]?.result ?? 0);
  ctx.stats.inc('messages', accepted);
  ctx.stats.inc(`res_send_message_all:${resultName(result)}`);
  const all: MasMessage = {
    method: 'res_send_message_all',
    result,
    time,
    customMessageId: m.customMessageId,
    count: accepted,
    groupId,
    jobIds: taken.map((t) => ({ seqNo: t.seqNo, jobId: t.jobId })),
  };
  const frames: MasMessage[] = ctx.cfg.quirks.omitPerRecipientResponses ? [all] : [...perRecipient, all];
  const early = ctx.cfg.quirks.reportBeforeResponse;
  for (const t of taken) planReport(ctx, acct, m, v.value, t, groupId, early ? 0 : latency, early);
  respond(frames, latency, fault ?? undefined);
}

function outageLatency(ctx: XroshotContext): number {
  const o = ctx.behaviour.outage();
  return o?.mode === 'slow' ? sampleLatency(o.latency, ctx.rng) : 0;
}

/**
 * The report leaves `afterMs` (the response's latency) plus the planned delay from now, or at once
 * when `now` is set (a broken relay that reports before it answers). The network wins over the
 * behaviour's mix: an LMS/MMS to a handset without MMS cannot be delivered.
 */
function planReport(ctx: XroshotContext, acct: AccountState, m: ReqSendMessage2, v: ValidSend, t: Taken, groupId: string, afterMs: number, now: boolean): void {
  let plan: PlannedReport | null = t.decision.report;
  if (plan === null) {
    ctx.stats.inc('report:silent');
    return;
  }
  const notCapable = v.kind !== 'SMS' && !t.subscriber.mms;
  if (notCapable && plan.outcome === 'delivered') plan = { outcome: 'undeliverable', delayMs: plan.delayMs };
  const send = (): void => {
    const result = reportResultFor(plan.outcome, t.subscriber, notCapable);
    ctx.stats.inc(`report:${resultName(result)}`);
    acct.reports.enqueue({
      method: 'req_report',
      result,
      time: formatMasTime(ctx.clock.now()),
      customMessageId: m.customMessageId,
      jobId: t.jobId,
      groupId,
      telcoInfo: TELCO_INFO[t.subscriber.carrier],
      sequenceNumber: t.seqNo,
    });
  };
  if (now) return send();
  const startIn = Math.max(afterMs, v.scheduleAt === null ? 0 : v.scheduleAt - ctx.clock.now());
  ctx.clock.setTimer(send, startIn + plan.delayMs);
}

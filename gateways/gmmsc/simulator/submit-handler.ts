// SubmitReq: identity, limits, sender registration, recipients against the network, Korean content
// rules, then the behaviour model per recipient. Rejections are Faults with the StatusCode of the first
// problem; a submit where only some recipients fail is 1100 Partial success and names them in Details.
import type { Decision, PlannedReport } from '../../kit/behaviour-model.ts';
import type { RejectReason } from '../../kit/canonical-reason.ts';
import type { Subscriber } from '../../network/subscriber.ts';
import { normalizeMsisdn } from '../../network/normalize-msisdn.ts';
import type { MimePart } from '../codec/mime-multipart.ts';
import { allRecipients, type Mm7Address, type SubmitReq } from '../codec/mm7-message.ts';
import { statusText } from '../codec/mm7-status.ts';
import { parseMm7Time } from '../codec/mm7-time.ts';
import { REJECT_STATUS, REJECT_TEXT } from './gmmsc-outcome-table.ts';
import { checkMmsContent } from './mms-content-rules.ts';
import { planFate } from './message-lifecycle.ts';
import type { MmscMessage, MmscRecipient } from './message-store.ts';
import type { AccountState, HandlerResult, MmscContext } from './mmsc-context.ts';
import { checkIdentity, senderDigits } from './vasp-identity.ts';

interface Candidate {
  address: Mm7Address;
  msisdn: string;
  subscriber: Subscriber;
}

interface Failure {
  address: Mm7Address;
  status: number;
  text: string;
}

export const OFF_NET_TEXT = 'Operation restricted: recipient is not a subscriber of this network';

const fault = (status: number, text?: string, details?: string, latencyMs = 0): HandlerResult => ({ kind: 'fault', status, text, details, latencyMs });
const reject = (reason: RejectReason, details?: string, latencyMs = 0) => fault(REJECT_STATUS[reason], REJECT_TEXT[reason], details, latencyMs);

export function handleSubmit(ctx: MmscContext, acct: AccountState, req: SubmitReq, content: MimePart | null, namespace: string): HandlerResult {
  const { cfg } = ctx;
  const identity = checkIdentity(acct.account, req);
  if (identity) return reject('auth-failed', identity);
  if (acct.bucket && !acct.bucket.tryTake()) {
    ctx.stats.inc('reject:throttled');
    return reject('throttled');
  }
  const queue = ctx.behaviour.spec.limits.queue;
  if (queue !== undefined && acct.outstanding >= queue) return reject('queue-full');

  const sender: Mm7Address | undefined = req.senderAddress ?? defaultSender(acct);
  if (!sender || sender.kind === 'RFC2822Address') return reject('invalid-source', 'a callback number (Number or ShortCode) is required');
  const source = senderDigits(sender.value);
  if (source === null) return reject('invalid-source', `sender ${sender.value.slice(0, 30)} is not a telephone number`);
  if (!acct.account.senders.includes('*') && !acct.account.senders.includes(source)) {
    return reject('unregistered-sender', `callback number ${source} is not registered for ${acct.account.vaspId}`);
  }

  const addresses = allRecipients(req.recipients);
  if (addresses.length > cfg.recipients.max) return fault(3003, statusText(3003), `${addresses.length} recipients (limit ${cfg.recipients.max})`);
  const candidates: Candidate[] = [];
  const failures: Failure[] = [];
  const seen = new Set<string>();
  for (const address of addresses) {
    const msisdn = address.kind === 'Number' ? normalizeMsisdn(address.value) : null;
    const subscriber = msisdn === null ? null : ctx.network.lookup(msisdn);
    if (msisdn === null || subscriber === null) {
      failures.push({ address, status: 2002, text: `Address Error: ${address.kind} ${address.value.slice(0, 40)} is not a Korean mobile number` });
    } else if (subscriber.carrier !== ctx.network.ownCarrier && cfg.recipients.offNet === 'reject') {
      failures.push({ address, status: 2001, text: OFF_NET_TEXT });
    } else if (!seen.has(msisdn)) {
      seen.add(msisdn);
      candidates.push({ address, msisdn, subscriber });
    }
  }
  if (candidates.length === 0) return fault(failures[0].status, failures[0].text, describe(failures));

  const verdict = checkMmsContent(req.subject, content, cfg.mms);
  if (!verdict.ok) return reject('content-refused', verdict.details);

  const now = ctx.clock.now();
  let validityMs: number | undefined;
  if (req.expiryDate !== undefined) {
    const at = parseMm7Time(req.expiryDate, now);
    if (at === null || at <= now) return fault(2007, statusText(2007), `ExpiryDate '${req.expiryDate.slice(0, 40)}' is not a future xs:dateTime or an xs:duration`);
    validityMs = Math.min(at - now, cfg.recipients.maxValidity);
  }
  let startInMs = 0;
  if (req.earliestDeliveryTime !== undefined) {
    const at = parseMm7Time(req.earliestDeliveryTime, now);
    if (at === null) return fault(2007, statusText(2007), `EarliestDeliveryTime '${req.earliestDeliveryTime.slice(0, 40)}' is not an xs:dateTime or an xs:duration`);
    startInMs = Math.max(0, at - now);
  }

  ctx.stats.inc(`submit:${verdict.kind}`);
  const text = [req.subject, verdict.text].filter((s) => s).join('\n');
  const accepted: Array<{ c: Candidate; d: Decision }> = [];
  let latencyMs = 0;
  let misbehave: 'drop-connection' | 'no-response' | 'corrupt' | null = null;
  for (const c of candidates) {
    const d = ctx.behaviour.decide({ operation: 'SubmitReq', account: acct.account.vaspId, source, destination: c.msisdn, content: text, subscriber: c.subscriber, validityMs });
    latencyMs = Math.max(latencyMs, d.latencyMs);
    const r = d.response;
    if (r.kind === 'reject') {
      ctx.stats.inc(`reject:${r.reason}`);
      failures.push({ address: c.address, status: REJECT_STATUS[r.reason], text: REJECT_TEXT[r.reason] });
      continue;
    }
    if (r.kind === 'fault' && (r.fault === 'drop-connection' || r.fault === 'no-response')) return { kind: 'misbehave', fault: r.fault, latencyMs: d.latencyMs };
    if (r.kind === 'fault' && r.fault === 'corrupt') misbehave = 'corrupt';
    accepted.push({ c, d });
  }
  if (accepted.length === 0) {
    const first = failures[0];
    return fault(first.status, first.text, describe(failures), latencyMs);
  }

  const m: MmscMessage = {
    id: ctx.nextMessageId(),
    vaspId: acct.account.vaspId,
    sender,
    recipients: accepted.map(({ c }): MmscRecipient => ({ address: c.address, msisdn: c.msisdn, outcome: null, doneAt: null, timer: null })),
    subject: req.subject,
    text: verdict.text,
    submitAt: now,
    deliveryReport: req.deliveryReport === true,
    readReply: req.readReply === true,
    validityMs: validityMs ?? ctx.behaviour.spec.reports.defaultValidity,
    namespace,
    mm7Version: req.mm7Version,
    final: false,
    cancelled: false,
  };
  ctx.store.add(m);
  ctx.stats.inc('messages');
  ctx.stats.inc('recipients', accepted.length);
  acct.outstanding++;
  const after = () => {
    acct.outstanding--;
    accepted.forEach(({ c, d }, i) => planFate(ctx, m, m.recipients[i], networkFate(ctx, c.subscriber, d.report), startInMs));
  };
  if (misbehave) return { kind: 'misbehave', fault: misbehave, latencyMs, after };
  const partial = failures.length > 0;
  return {
    kind: 'response',
    latencyMs,
    after,
    message: {
      kind: 'SubmitRsp',
      mm7Version: req.mm7Version,
      status: partial ? { code: 1100, text: statusText(1100), details: describe(failures) } : { code: 1000, text: statusText(1000) },
      messageId: cfg.quirks.omitMessageId ? undefined : m.id,
    },
  };
}

/** A handset without MMS has the message refused by the network, unless it was unreachable anyway. */
function networkFate(ctx: MmscContext, s: Subscriber, report: PlannedReport | null): PlannedReport | null {
  if (report === null || s.mms !== false || report.outcome === 'undeliverable' || report.outcome === 'expired') return report;
  return { outcome: 'rejected', delayMs: ctx.cfg.recipients.notCapableDelay };
}

function defaultSender(acct: AccountState): Mm7Address | undefined {
  const first = acct.account.senders.find((s) => s !== '*');
  return first === undefined ? undefined : { kind: first.length <= 8 ? 'ShortCode' : 'Number', value: first };
}

function describe(failures: Failure[]): string {
  return failures
    .slice(0, 20)
    .map((f) => `${f.address.value.slice(0, 40)}: ${f.status} ${f.text}`)
    .join('; ');
}

// What happens to an accepted message, recipient by recipient: its planned fate (behaviour model and
// network) fires, the recipient turns final and, when the SubmitReq asked for it, a DeliveryReportReq
// goes to the VASP; a retrieved message whose sender asked for a read reply gets a ReadReplyReq later.
// Fates are started only once the SubmitRsp has gone out, so no report can precede the response.
import type { ReportOutcome } from '../../kit/canonical-reason.ts';
import type { PlannedReport } from '../../kit/behaviour-model.ts';
import { encodeMm7Http } from '../codec/mm7-http.ts';
import type { DeliveryReportReq, ReadReplyReq } from '../codec/mm7-message.ts';
import { REPORT_WIRE } from './gmmsc-outcome-table.ts';
import type { MmscMessage, MmscRecipient } from './message-store.ts';
import type { MmscContext } from './mmsc-context.ts';

/** Schedules one recipient's fate `delayMs` after now (plus its report delay); null = silent. */
export function planFate(ctx: MmscContext, m: MmscMessage, r: MmscRecipient, report: PlannedReport | null, startInMs = 0): void {
  if (report === null) {
    finish(ctx, m, r, null);
    return;
  }
  r.timer = ctx.clock.setTimer(() => {
    r.timer = null;
    finish(ctx, m, r, report.outcome);
  }, startInMs + report.delayMs);
}

/** A recipient turns final; `null` = no report will ever be sent for it. */
export function finish(ctx: MmscContext, m: MmscMessage, r: MmscRecipient, outcome: ReportOutcome | null): void {
  if (r.doneAt !== null) return;
  r.timer?.cancel();
  r.timer = null;
  r.doneAt = ctx.clock.now();
  r.outcome = outcome;
  ctx.stats.inc(outcome === null ? 'report:silent' : `report:${REPORT_WIRE[outcome].mmStatus}`);
  if (outcome !== null && m.deliveryReport) sendDeliveryReport(ctx, m, r, outcome);
  if (outcome === 'delivered' && m.readReply) {
    ctx.clock.setTimer(() => sendReadReply(ctx, m, r), ctx.cfg.readReply.delay);
  }
  if (m.recipients.every((x) => x.doneAt !== null)) ctx.store.finalise(m);
}

/** CancelReq: every recipient still pending stops; no report follows. */
export function cancelMessage(ctx: MmscContext, m: MmscMessage): void {
  m.cancelled = true;
  for (const r of m.recipients) {
    if (r.doneAt !== null) continue;
    r.timer?.cancel();
    r.timer = null;
    r.doneAt = ctx.clock.now();
  }
  ctx.stats.inc('cancelled');
  ctx.store.finalise(m);
}

/** xs:dateTime in Korea Standard Time, as a Korean relay writes it. */
export function kstDateTime(ms: number): string {
  return new Date(ms + 9 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+09:00');
}

function reportMessageId(ctx: MmscContext, m: MmscMessage): string {
  return ctx.cfg.quirks.reportMessageId === 'wrong' ? `${m.id}-X` : m.id;
}

function account(ctx: MmscContext, vaspId: string) {
  for (const a of ctx.accounts.values()) if (a.account.vaspId === vaspId) return a.account;
  return undefined;
}

function sendDeliveryReport(ctx: MmscContext, m: MmscMessage, r: MmscRecipient, outcome: ReportOutcome): void {
  const acct = account(ctx, m.vaspId);
  if (!acct) return;
  const wire = REPORT_WIRE[outcome];
  const message: DeliveryReportReq = {
    kind: 'DeliveryReportReq',
    mm7Version: m.mm7Version,
    relayServerId: ctx.cfg.relayServerId,
    messageId: reportMessageId(ctx, m),
    recipient: r.address,
    sender: m.sender,
    date: kstDateTime(r.doneAt ?? ctx.clock.now()),
    mmStatus: wire.mmStatus,
    statusText: wire.statusText,
  };
  const transactionId = ctx.nextTransactionId();
  ctx.sender.send({ account: acct, op: 'DeliveryReportReq', expect: 'DeliveryReportRsp', transactionId, messageId: m.id, http: encodeMm7Http({ transactionId, namespace: m.namespace, message }) });
}

function sendReadReply(ctx: MmscContext, m: MmscMessage, r: MmscRecipient): void {
  const acct = account(ctx, m.vaspId);
  if (!acct) return;
  const read = ctx.rng.next() < ctx.cfg.readReply.readShare;
  const message: ReadReplyReq = {
    kind: 'ReadReplyReq',
    mm7Version: m.mm7Version,
    relayServerId: ctx.cfg.relayServerId,
    messageId: reportMessageId(ctx, m),
    recipient: r.address,
    sender: m.sender,
    timeStamp: kstDateTime(ctx.clock.now()),
    mmStatus: read ? 'Read' : 'Deleted',
  };
  ctx.stats.inc(`read-reply:${message.mmStatus}`);
  const transactionId = ctx.nextTransactionId();
  ctx.sender.send({ account: acct, op: 'ReadReplyReq', expect: 'ReadReplyRsp', transactionId, messageId: m.id, http: encodeMm7Http({ transactionId, namespace: m.namespace, message }) });
}

// What happens to an accepted message: it stays ENROUTE until its planned fate (from the behaviour
// model and the network), then turns final and, when registered_delivery asks, a receipt is queued
// toward the account's receiver binds.
import type { ReportOutcome } from '../../kit/canonical-reason.ts';
import type { PlannedReport } from '../../kit/behaviour-model.ts';
import { MESSAGE_STATE } from '../codec/delivery-receipt.ts';
import type { SmscMessage } from './message-store.ts';
import { buildReceiptFields } from './receipt-builder.ts';
import type { AccountState, SmscContext } from './smsc-context.ts';
import { REPORT_WIRE } from './smsvas-outcome-table.ts';
import type { ValidDestination, ValidSubmit } from './submit-validator.ts';

const ENROUTE_WIRE = { stat: 'ENROUTE', messageState: MESSAGE_STATE.ENROUTE, err: '000', networkError: 0 } as const;

export function createMessage(ctx: SmscContext, acct: AccountState, v: ValidSubmit, dest: ValidDestination, text: string, segments: number): SmscMessage {
  const id = ctx.nextMessageId();
  const m: SmscMessage = {
    id,
    receiptId: id,
    systemId: acct.account.systemId,
    source: v.source,
    sourceTon: v.sourceTon,
    sourceNpi: v.sourceNpi,
    destination: dest.destination,
    destTon: dest.destTon,
    destNpi: dest.destNpi,
    text,
    submitAt: ctx.clock.now(),
    doneAt: null,
    state: MESSAGE_STATE.ENROUTE,
    registeredDelivery: v.registeredDelivery,
    segments,
    errorCode: 0,
    validityMs: v.validityMs ?? 0,
    timer: null,
  };
  ctx.store.add(m);
  return m;
}

/**
 * Schedules the message's fate once its submit response goes out `afterMs` from now: nothing about a
 * message (an ENROUTE notice, a receipt) reaches the ESME before the response that names its id.
 * `report` null means the SMSC keeps silent: final, but no receipt.
 */
export function planFate(ctx: SmscContext, m: SmscMessage, report: PlannedReport | null, scheduleAt: number | null, afterMs = 0): void {
  if (m.registeredDelivery & 0x10) {
    if (afterMs <= 0) queueReceipt(ctx, m, ENROUTE_WIRE, true);
    else ctx.clock.setTimer(() => queueReceipt(ctx, m, ENROUTE_WIRE, true), afterMs);
  }
  if (!report) {
    finish(ctx, m, null);
    return;
  }
  const startIn = Math.max(afterMs, scheduleAt === null ? 0 : scheduleAt - ctx.clock.now());
  m.timer = ctx.clock.setTimer(() => {
    m.timer = null;
    finish(ctx, m, report.outcome);
  }, startIn + report.delayMs);
}

/** Makes a pending message final; `null` = no report will ever be sent for it. */
export function finish(ctx: SmscContext, m: SmscMessage, outcome: ReportOutcome | null): void {
  if (m.doneAt !== null) return;
  m.timer?.cancel();
  m.timer = null;
  m.doneAt = ctx.clock.now();
  if (outcome === null) {
    m.state = MESSAGE_STATE.UNKNOWN;
    ctx.store.finalise(m);
    ctx.stats.inc('report:silent');
    return;
  }
  const wire = REPORT_WIRE[outcome];
  m.state = wire.messageState;
  m.errorCode = wire.networkError;
  ctx.store.finalise(m);
  ctx.stats.inc(`report:${wire.stat}`);
  const wanted = m.registeredDelivery & 0x03;
  if (wanted === 1 || (wanted === 2 && outcome !== 'delivered')) queueReceipt(ctx, m, wire, false);
}

/** cancel_sm: the message is deleted before delivery; no receipt follows a cancel. */
export function cancel(ctx: SmscContext, m: SmscMessage): void {
  m.timer?.cancel();
  m.timer = null;
  m.doneAt = ctx.clock.now();
  m.state = MESSAGE_STATE.DELETED;
  ctx.store.finalise(m);
  ctx.stats.inc('report:DELETED');
}

function queueReceipt(ctx: SmscContext, m: SmscMessage, wire: typeof REPORT_WIRE[ReportOutcome] | typeof ENROUTE_WIRE, intermediate: boolean): void {
  const acct = ctx.accounts.get(m.systemId);
  if (!acct) return;
  const fields = buildReceiptFields(m, wire, { quirks: ctx.cfg.quirks, timezone: ctx.cfg.receipts.timezone, intermediate });
  if (acct.queue.enqueue({ kind: 'receipt', fields, attempts: 0 })) ctx.stats.inc(intermediate ? 'receipt:queued:ENROUTE' : 'receipt:queued');
}

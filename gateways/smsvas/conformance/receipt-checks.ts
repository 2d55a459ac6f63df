// SMSC delivery receipts: arrival, the Appendix B text, the receipt TLVs, acknowledgement, and
// silence when no receipt was asked for.
import { parseReceiptText, RECEIPT_STATS, stateForStat, type ReceiptStat } from '../codec/delivery-receipt.ts';
import { fail, pass, skip, type CheckContext, type CheckVerdict, type ConformanceCheck } from './conformance-check.ts';
import { submitAccepted } from './esme-pdus.ts';
import { awaitReceipt, isReceipt, observeReceipt, receiptIdOf, receiptText, type ReceiptObservation } from './receipt-observation.ts';

/** The receipt for registered_delivery 1, observed once and judged by several checks. */
async function sharedReceipt(ctx: CheckContext): Promise<ReceiptObservation> {
  return ctx.shared('receipt', () => observeReceipt(ctx));
}

function missing(obs: ReceiptObservation, ctx: CheckContext): string {
  const others = obs.others.length > 0 ? `; receipts arrived for other ids: ${obs.others.slice(0, 3).join(', ')}` : '';
  return `no deliver_sm with esm_class 0x04 for message_id ${obs.messageId} within ${ctx.receiptTimeoutMs}ms${others}`;
}

/** Judges the shared receipt, or skips when there is none (receipt.arrives reports that). */
async function withReceipt(ctx: CheckContext, judge: (obs: ReceiptObservation & { receipt: NonNullable<ReceiptObservation['receipt']> }) => CheckVerdict): Promise<CheckVerdict> {
  const obs = await sharedReceipt(ctx);
  if (!obs.receipt) return skip(missing(obs, ctx), 'receipt.arrives');
  return judge(obs as ReceiptObservation & { receipt: NonNullable<ReceiptObservation['receipt']> });
}

export const receiptChecks: ConformanceCheck[] = [
  {
    id: 'receipt.arrives',
    title: 'with registered_delivery 1, a deliver_sm with esm_class & 0x3C == 0x04 for the message arrives within the receipt timeout',
    clause: '§4.6.1 deliver_sm, §5.2.12 esm_class, §5.2.17 registered_delivery, Appendix B delivery receipt',
    async run(ctx) {
      const obs = await sharedReceipt(ctx);
      if (!obs.receipt) return fail(missing(obs, ctx));
      return pass(`after ${obs.waitedMs}ms, esm_class 0x${Number(obs.receipt.esm_class).toString(16).padStart(2, '0')}`);
    },
  },
  {
    id: 'receipt.appendix-b-format',
    title: 'the receipt text follows Appendix B strictly: id = message_id, valid stat, 10/12-digit dates, 3-digit sub/dlvrd',
    clause: 'Appendix B delivery receipt, §4.6.1 deliver_sm (short_message)',
    run: (ctx) =>
      withReceipt(ctx, (obs) => {
        const text = receiptText(obs.receipt);
        const parsed = parseReceiptText(text);
        if (!parsed.ok) return fail(`${parsed.problems.join('; ')} — text: '${text.slice(0, 160)}'`);
        if (parsed.fields.id !== obs.messageId) return fail(`receipt id '${parsed.fields.id}' differs from message_id '${obs.messageId}'`);
        return pass(`stat ${parsed.fields.stat}, err ${parsed.fields.err}`);
      }),
  },
  {
    id: 'receipt.tlvs',
    title: 'the receipt carries receipted_message_id = message_id and a message_state consistent with stat',
    clause: '§5.3.2.12 receipted_message_id, §5.3.2.35 message_state, §4.6.1 deliver_sm',
    run: (ctx) =>
      withReceipt(ctx, (obs) => {
        const r = obs.receipt;
        const problems: string[] = [];
        if (r.receipted_message_id === undefined) problems.push('receipted_message_id TLV is missing');
        else if (r.receipted_message_id !== obs.messageId) problems.push(`receipted_message_id '${String(r.receipted_message_id)}' differs from message_id '${obs.messageId}'`);
        const state = r.message_state;
        if (state === undefined) problems.push('message_state TLV is missing');
        else if (typeof state !== 'number' || state < 1 || state > 8) problems.push(`message_state ${String(state)} is not a 3.4 value (1..8)`);
        else {
          const stat = /(?:^|\s)stat:(\S+)/.exec(receiptText(r))?.[1];
          if (stat && RECEIPT_STATS.includes(stat as ReceiptStat) && stateForStat(stat) !== state) {
            problems.push(`message_state ${state} contradicts stat:${stat} (expects ${stateForStat(stat)})`);
          }
        }
        return problems.length === 0 ? pass(`message_state ${String(state)}`) : fail(problems.join('; '));
      }),
  },
  {
    id: 'receipt.no-resend',
    title: 'a receipt acknowledged with deliver_sm_resp ESME_ROK is not delivered again',
    clause: '§4.6.2 deliver_sm_resp',
    async run(ctx) {
      const { session } = await ctx.openBound('bind_transceiver');
      const from = session.received.length;
      const resp = await submitAccepted(ctx, session, 1);
      const obs = await awaitReceipt(session, resp.message_id as string, ctx.receiptTimeoutMs, from);
      if (!obs.receipt) return skip(missing(obs, ctx), 'receipt.arrives');
      const after = session.received.indexOf(obs.receipt) + 1;
      const again = await session.waitFor((p) => isReceipt(p) && receiptIdOf(p) === obs.messageId, ctx.resendWaitMs, after);
      if (again) return fail(`the receipt for ${obs.messageId} was delivered again (deliver_sm seq ${again.sequence_number}) after deliver_sm_resp ESME_ROK`);
      return pass(`no resend within ${ctx.resendWaitMs}ms`);
    },
  },
  {
    id: 'receipt.not-requested',
    title: 'with registered_delivery 0, no receipt arrives',
    clause: '§5.2.17 registered_delivery',
    async run(ctx) {
      const { session } = await ctx.openBound('bind_transceiver');
      const from = session.received.length;
      const resp = await submitAccepted(ctx, session, 0);
      const obs = await awaitReceipt(session, resp.message_id as string, ctx.noReceiptWaitMs, from);
      if (obs.receipt) return fail(`a receipt for ${obs.messageId} arrived after ${obs.waitedMs}ms although registered_delivery was 0`);
      return pass(`none within ${ctx.noReceiptWaitMs}ms`);
    },
  },
];

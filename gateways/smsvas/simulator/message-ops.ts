// query_sm, cancel_sm and replace_sm against the SMSC's message store.
import { COMMAND_STATUS as S } from '../codec/command-status.ts';
import { MESSAGE_STATE } from '../codec/delivery-receipt.ts';
import { formatSmppAbsolute, parseSmppTime } from '../codec/smpp-time.ts';
import type { Pdu } from '../codec/pdu.ts';
import { cancel } from './message-lifecycle.ts';
import type { AccountState, SmscContext } from './smsc-context.ts';
import type { Reply } from './submit-handler.ts';

export function handleMessageOp(ctx: SmscContext, acct: AccountState, pdu: Pdu, reply: Reply): void {
  ctx.stats.inc(pdu.command);
  const id = String(pdu.message_id ?? '');
  const m = ctx.store.get(id);
  // Another account's messages are as invisible as unknown ones.
  if (!m || m.systemId !== acct.account.systemId) return reply(S.ESME_RINVMSGID);
  if (pdu.source_addr && !sameNumber(String(pdu.source_addr), m.source)) return reply(S.ESME_RINVSRCADR);

  if (pdu.command === 'query_sm') {
    return reply(S.ESME_ROK, {
      message_id: id,
      final_date: m.doneAt === null ? '' : formatSmppAbsolute(m.doneAt),
      message_state: m.state,
      error_code: m.errorCode & 0xff,
    });
  }
  if (m.doneAt !== null || m.state !== MESSAGE_STATE.ENROUTE) {
    return reply(pdu.command === 'cancel_sm' ? S.ESME_RCANCELFAIL : S.ESME_RREPLACEFAIL);
  }
  if (pdu.command === 'cancel_sm') {
    if (pdu.destination_addr && !sameNumber(String(pdu.destination_addr), m.destination)) return reply(S.ESME_RINVDSTADR);
    cancel(ctx, m);
    return reply(S.ESME_ROK);
  }
  // replace_sm: new text, validity and registered_delivery for a message not yet delivered.
  const now = ctx.clock.now();
  const validity = parseSmppTime(String(pdu.validity_period ?? ''), now);
  if (validity.kind === 'invalid') return reply(S.ESME_RINVEXPIRY);
  const sched = parseSmppTime(String(pdu.schedule_delivery_time ?? ''), now);
  if (sched.kind === 'invalid') return reply(S.ESME_RINVSCHED);
  if (Number(pdu.sm_default_msg_id ?? 0) !== 0) return reply(S.ESME_RINVDFTMSGID);
  const rd = Number(pdu.registered_delivery ?? 0);
  if (rd > 0x1f || (rd & 0x03) === 0x03) return reply(S.ESME_RINVREGDLVFLG);
  const sm = pdu.short_message;
  if (Buffer.isBuffer(sm) && sm.length > 0) m.text = sm.toString('latin1');
  m.registeredDelivery = rd;
  if (validity.kind !== 'none') m.validityMs = validity.at - now;
  ctx.stats.inc('replaced');
  reply(S.ESME_ROK);
}

function sameNumber(a: string, b: string): boolean {
  const digits = (s: string) => s.replace(/\D/g, '').replace(/^82/, '0');
  return digits(a) === digits(b);
}

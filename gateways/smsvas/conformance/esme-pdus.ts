// The requests the suite sends, built field by field so every octet is the suite's choice.
import { COMMAND_STATUS as S } from '../codec/command-status.ts';
import type { EncodablePdu, Pdu } from '../codec/pdu.ts';
import { describePdu, describeSilence, fail, skip, VerdictSignal, type BindKind, type CheckContext } from './conformance-check.ts';
import type { WireSession } from './wire-session.ts';

export const SUBMIT_TEXT = 'msgsim conformance';

export function bindPdu(kind: BindKind, systemId: string, password: string, sequence_number: number): EncodablePdu {
  return {
    command: kind,
    sequence_number,
    system_id: systemId,
    password,
    system_type: '',
    interface_version: 0x34,
    addr_ton: 0,
    addr_npi: 0,
    address_range: '',
  };
}

/** TON/NPI for an address as a user writes it: '+82…' international, digits unknown/ISDN, else alphanumeric. */
export function addressFields(addr: string): { ton: number; npi: number; addr: string } {
  if (/^\+\d+$/.test(addr)) return { ton: 1, npi: 1, addr: addr.slice(1) };
  if (/^\d+$/.test(addr)) return { ton: 0, npi: 1, addr };
  return { ton: 5, npi: 0, addr };
}

export function submitSmPdu(
  ctx: Pick<CheckContext, 'sender' | 'recipient'>,
  sequence_number: number,
  opts?: { destination?: string; registeredDelivery?: number; text?: string; numericDestination?: boolean },
): EncodablePdu {
  const src = addressFields(ctx.sender);
  // numericDestination: claim an E.164-style number whatever the text, so only the address itself is wrong.
  const dst = opts?.numericDestination ? { ton: 0, npi: 1, addr: opts.destination ?? ctx.recipient } : addressFields(opts?.destination ?? ctx.recipient);
  return {
    command: 'submit_sm',
    sequence_number,
    service_type: '',
    source_addr_ton: src.ton,
    source_addr_npi: src.npi,
    source_addr: src.addr,
    dest_addr_ton: dst.ton,
    dest_addr_npi: dst.npi,
    destination_addr: dst.addr,
    esm_class: 0,
    protocol_id: 0,
    priority_flag: 0,
    schedule_delivery_time: '',
    validity_period: '',
    registered_delivery: opts?.registeredDelivery ?? 0,
    replace_if_present_flag: 0,
    data_coding: 0x01,
    sm_default_msg_id: 0,
    short_message: Buffer.from(opts?.text ?? SUBMIT_TEXT, 'latin1'),
  };
}

const RETRY_LATER = new Set<number>([S.ESME_RTHROTTLED, S.ESME_RMSGQFUL]);
const BACKOFF_MS = 250;

/**
 * Sends a request built fresh for each attempt and returns the first response that is not a "retry
 * later" status (ESME_RTHROTTLED, ESME_RMSGQFUL), backing off while timeoutMs lasts; null if silent.
 */
export async function requestWithBackoff(ctx: CheckContext, session: WireSession, build: (seq: number) => EncodablePdu): Promise<Pdu | null> {
  const deadline = Date.now() + ctx.timeoutMs;
  for (;;) {
    const resp = await session.request(build(session.nextSeq()), Math.max(1, deadline - Date.now()));
    if (!resp || !RETRY_LATER.has(resp.command_status) || Date.now() + BACKOFF_MS >= deadline) return resp;
    await new Promise((r) => setTimeout(r, BACKOFF_MS));
  }
}

/**
 * Submits until the SMSC accepts and returns the submit_sm_resp. No answer at all ends the check as a
 * skip pointing at submit.answered, where that failure is reported by name; any refusal is a failure.
 */
export async function submitAccepted(ctx: CheckContext, session: WireSession, registeredDelivery: number): Promise<Pdu> {
  const resp = await requestWithBackoff(ctx, session, (seq) => submitSmPdu(ctx, seq, { registeredDelivery }));
  if (!resp) {
    const why = describeSilence(session, 'submit_sm', ctx.timeoutMs);
    throw new VerdictSignal(session.undecodable.length > 0 ? fail(why) : skip(why, 'submit.answered'));
  }
  if (resp.command !== 'submit_sm_resp' || resp.command_status !== S.ESME_ROK) {
    throw new VerdictSignal(fail(`submit_sm to ${ctx.recipient} from ${ctx.sender} refused: ${describePdu(resp)}`));
  }
  if (typeof resp.message_id !== 'string' || resp.message_id === '') {
    throw new VerdictSignal(skip('submit_sm_resp carries an empty message_id', 'submit.message-id'));
  }
  return resp;
}

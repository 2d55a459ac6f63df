// submit_sm: that it is answered at all, what the answer carries, and the refusals that depend on
// the session state or the destination.
import { COMMAND_STATUS as S, commandStatusName } from '../codec/command-status.ts';
import { describePdu, describeSilence, fail, pass, type BindKind, type ConformanceCheck } from './conformance-check.ts';
import { requestWithBackoff, submitAccepted, submitSmPdu } from './esme-pdus.ts';

// message_id is a C-Octet String of at most 65 octets including its NUL (§5.2.23).
const MESSAGE_ID_MAX = 64;

/** Statuses an SMSC may use for a destination it cannot route; RINVDSTADR is the 3.4 code for it. */
const INVALID_DESTINATION_ALTERNATIVES = new Set<number>([S.ESME_RINVDSTTON, S.ESME_RINVDSTNPI]);

function refusedForState(id: string, title: string, clause: string, bind: BindKind | null): ConformanceCheck {
  return {
    id,
    title,
    clause,
    async run(ctx) {
      const session = bind ? (await ctx.openBound(bind)).session : await ctx.open();
      const resp = await session.request(submitSmPdu(ctx, session.nextSeq()), ctx.timeoutMs);
      if (!resp) return fail(describeSilence(session, 'submit_sm', ctx.timeoutMs));
      if (resp.command_status !== S.ESME_RINVBNDSTS) return fail(`expected ESME_RINVBNDSTS, got ${describePdu(resp)}`);
      if (resp.command === 'submit_sm_resp') return pass();
      if (resp.command === 'generic_nack') return pass('refused through generic_nack rather than submit_sm_resp');
      return fail(`ESME_RINVBNDSTS arrived on ${resp.command}`);
    },
  };
}

export const submitChecks: ConformanceCheck[] = [
  {
    id: 'submit.answered',
    title: `submit_sm is answered by a submit_sm_resp within the response timeout`,
    clause: '§4.4.1 submit_sm, §4.4.2 submit_sm_resp, §2.1 (every request has a response)',
    async run(ctx) {
      const { session } = await ctx.openBound('bind_transmitter');
      const resp = await session.request(submitSmPdu(ctx, session.nextSeq()), ctx.timeoutMs);
      if (!resp) return fail(describeSilence(session, 'submit_sm was not answered', ctx.timeoutMs));
      if (resp.command !== 'submit_sm_resp') return fail(`submit_sm answered by ${describePdu(resp)}`);
      return pass(commandStatusName(resp.command_status));
    },
  },
  {
    id: 'submit.message-id',
    title: 'an accepted submit_sm gets a submit_sm_resp ESME_ROK with a non-empty message_id of at most 65 octets',
    clause: '§4.4.2 submit_sm_resp, §5.2.23 message_id',
    async run(ctx) {
      const { session } = await ctx.openBound('bind_transmitter');
      const resp = await submitAccepted(ctx, session, 0);
      const id = resp.message_id as string;
      // The codec refuses longer ids on decode, so this guards against a codec change, not the wire.
      if (id.length > MESSAGE_ID_MAX) return fail(`message_id is ${id.length} octets, over ${MESSAGE_ID_MAX} + NUL`);
      return pass(`message_id ${id}`);
    },
  },
  {
    id: 'submit.invalid-destination',
    title: 'submit_sm to an invalid destination is refused with ESME_RINVDSTADR',
    clause: '§4.4.1 submit_sm, §5.2.9 destination_addr, §5.1.3 command_status',
    async run(ctx) {
      const { session } = await ctx.openBound('bind_transmitter');
      const resp = await requestWithBackoff(ctx, session, (seq) => submitSmPdu(ctx, seq, { destination: ctx.invalidDestination, numericDestination: true }));
      if (!resp) return fail(describeSilence(session, 'submit_sm', ctx.timeoutMs));
      if (resp.command !== 'submit_sm_resp') return fail(`expected submit_sm_resp, got ${describePdu(resp)}`);
      if (resp.command_status === S.ESME_RINVDSTADR) return pass(`'${ctx.invalidDestination}' refused with ESME_RINVDSTADR`);
      if (INVALID_DESTINATION_ALTERNATIVES.has(resp.command_status)) {
        return pass(`'${ctx.invalidDestination}' refused with the documented alternative ${commandStatusName(resp.command_status)}`);
      }
      return fail(`'${ctx.invalidDestination}' answered ${commandStatusName(resp.command_status)}, expected ESME_RINVDSTADR`);
    },
  },
  refusedForState('submit.before-bind', 'submit_sm before any bind is refused with ESME_RINVBNDSTS', '§2.2 SMPP Sessions, §4.4.1 submit_sm, §5.1.3 command_status', null),
  refusedForState('submit.on-receiver', 'submit_sm on a bind_receiver session is refused with ESME_RINVBNDSTS', '§2.2 SMPP Sessions, §4.1.3 bind_receiver, §4.4.1 submit_sm', 'bind_receiver'),
];

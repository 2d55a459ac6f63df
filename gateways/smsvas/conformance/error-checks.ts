// Garbage handling: a PDU the SMSC cannot use must be answered with generic_nack (or, where the
// stream cannot be trusted any more, by closing), never by silence.
import { RESPONSE_BIT } from '../codec/command-id.ts';
import { COMMAND_STATUS as S, commandStatusName } from '../codec/command-status.ts';
import { HEADER_LENGTH } from '../codec/pdu.ts';
import { describePdu, describeSilence, fail, pass, type ConformanceCheck } from './conformance-check.ts';

/** A command_id no SMPP version assigns. */
export const UNKNOWN_COMMAND_ID = 0x00000099;

function header(commandLength: number, commandId: number, seq: number, bodyLength = 0): Buffer {
  const b = Buffer.alloc(HEADER_LENGTH + bodyLength);
  b.writeUInt32BE(commandLength, 0);
  b.writeUInt32BE(commandId, 4);
  b.writeUInt32BE(0, 8);
  b.writeUInt32BE(seq, 12);
  return b;
}

export const errorChecks: ConformanceCheck[] = [
  {
    id: 'generic-nack.unknown-command-id',
    title: 'an unknown command_id is answered by generic_nack ESME_RINVCMDID with the request sequence_number',
    clause: '§4.3.1 generic_nack, §5.1.2 command_id, §5.1.3 command_status, §5.1.4 sequence_number',
    async run(ctx) {
      const { session } = await ctx.openBound('bind_transceiver');
      const seq = 0x00000777;
      const from = session.received.length;
      session.sendRaw(header(HEADER_LENGTH, UNKNOWN_COMMAND_ID, seq));
      const resp = await session.waitFor((p) => (p.command_id & RESPONSE_BIT) !== 0, ctx.timeoutMs, from);
      if (!resp) return fail(describeSilence(session, `command_id 0x${UNKNOWN_COMMAND_ID.toString(16).padStart(8, '0')}`, ctx.timeoutMs));
      if (resp.command !== 'generic_nack') return fail(`expected generic_nack, got ${describePdu(resp)}`);
      if (resp.command_status !== S.ESME_RINVCMDID) return fail(`generic_nack carries ${commandStatusName(resp.command_status)}, expected ESME_RINVCMDID`);
      if (resp.sequence_number !== seq) return fail(`generic_nack seq ${resp.sequence_number}, expected the request's ${seq}`);
      return pass();
    },
  },
  {
    id: 'generic-nack.short-command-length',
    title: 'a PDU with command_length < 16 gets generic_nack ESME_RINVCMDLEN and/or the connection is closed',
    clause: '§4.3.1 generic_nack, §5.1.1 command_length, §5.1.3 command_status',
    async run(ctx) {
      const { session } = await ctx.openBound('bind_transceiver');
      const from = session.received.length;
      session.sendRaw(header(8, 0x00000015, 0x00000888));
      const resp = await session.waitFor((p) => (p.command_id & RESPONSE_BIT) !== 0, ctx.timeoutMs, from);
      if (resp) {
        if (resp.command !== 'generic_nack' || resp.command_status !== S.ESME_RINVCMDLEN) {
          return fail(`expected generic_nack ESME_RINVCMDLEN or a close, got ${describePdu(resp)}`);
        }
        const closed = await session.waitClosed(Math.min(ctx.timeoutMs, 2000));
        return pass(`generic_nack ESME_RINVCMDLEN${closed ? ', then the connection was closed' : ''}`);
      }
      if (session.closed) return pass('the SMSC closed the connection (no generic_nack)');
      return fail(`neither generic_nack nor a close within ${ctx.timeoutMs}ms`);
    },
  },
  {
    id: 'generic-nack.malformed-body',
    title: 'a submit_sm with an unterminated C-string gets generic_nack or an error submit_sm_resp, and the session still answers enquire_link',
    clause: '§4.3.1 generic_nack, §3.1 C-Octet String, §4.4.1 submit_sm, §4.11 enquire_link',
    async run(ctx) {
      const { session } = await ctx.openBound('bind_transceiver');
      // service_type is a C-Octet String; these octets run to the end of the body with no NUL.
      const body = Buffer.from('ABCDEFGHIJ', 'latin1');
      const frame = header(HEADER_LENGTH + body.length, 0x00000004, 0x00000999, body.length);
      body.copy(frame, HEADER_LENGTH);
      const from = session.received.length;
      session.sendRaw(frame);
      const resp = await session.waitFor((p) => (p.command_id & RESPONSE_BIT) !== 0, ctx.timeoutMs, from);
      if (!resp) return fail(describeSilence(session, 'malformed submit_sm', ctx.timeoutMs));
      const answered = (resp.command === 'generic_nack' || resp.command === 'submit_sm_resp') && resp.command_status !== S.ESME_ROK;
      if (!answered) return fail(`expected generic_nack or submit_sm_resp with an error status, got ${describePdu(resp)}`);
      const link = await session.request({ command: 'enquire_link' }, ctx.timeoutMs);
      if (!link || link.command !== 'enquire_link_resp') {
        return fail(`${describePdu(resp)}, but then enquire_link got ${link ? describePdu(link) : describeSilence(session, 'enquire_link', ctx.timeoutMs)}`);
      }
      return pass(`${describePdu(resp)}; enquire_link still answered`);
    },
  },
];

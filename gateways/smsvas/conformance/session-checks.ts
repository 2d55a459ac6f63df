// Session housekeeping: link checks, orderly unbind, and the response command_id rule.
import { COMMAND_ID, RESPONSE_BIT } from '../codec/command-id.ts';
import { COMMAND_STATUS as S, commandStatusName } from '../codec/command-status.ts';
import { describePdu, fail, hex32, pass, type ConformanceCheck } from './conformance-check.ts';
import { bindPdu, submitSmPdu } from './esme-pdus.ts';

export const sessionChecks: ConformanceCheck[] = [
  {
    id: 'enquire-link.bound',
    title: 'enquire_link on a bound session is answered by enquire_link_resp with the same sequence_number',
    clause: '§4.11.1 enquire_link, §4.11.2 enquire_link_resp, §5.1.4 sequence_number',
    async run(ctx) {
      const { session } = await ctx.openBound('bind_transceiver');
      const seq = 0x00012345;
      const resp = await session.request({ command: 'enquire_link', sequence_number: seq }, ctx.timeoutMs);
      if (!resp) return fail(`no response to enquire_link within ${ctx.timeoutMs}ms`);
      if (resp.command !== 'enquire_link_resp') return fail(`expected enquire_link_resp, got ${describePdu(resp)}`);
      if (resp.command_status !== S.ESME_ROK) return fail(`enquire_link_resp carries ${commandStatusName(resp.command_status)}`);
      if (resp.sequence_number !== seq) return fail(`enquire_link seq ${seq} answered with seq ${resp.sequence_number}`);
      return pass();
    },
  },
  {
    // 3.4 lists enquire_link among the PDUs of a bound session; whether an SMSC also answers it in the
    // OPEN state varies between implementations, so the behaviour is recorded, not judged.
    id: 'enquire-link.unbound',
    title: 'enquire_link before any bind (recorded, not judged)',
    clause: '§2.2 SMPP Sessions, §4.11.1 enquire_link',
    async run(ctx) {
      const session = await ctx.open();
      const seq = 0x00000042;
      const resp = await session.request({ command: 'enquire_link', sequence_number: seq }, ctx.timeoutMs);
      if (!resp) return pass(session.closed ? 'recorded: the SMSC closed the connection' : `recorded: no answer within ${ctx.timeoutMs}ms`);
      const echo = resp.sequence_number === seq ? 'same sequence_number' : `sequence_number ${resp.sequence_number} (sent ${seq})`;
      return pass(`recorded: ${resp.command} ${commandStatusName(resp.command_status)}, ${echo}`);
    },
  },
  {
    id: 'unbind.closes',
    title: 'unbind is answered by unbind_resp ESME_ROK and the SMSC then closes the connection',
    clause: '§4.2.1 unbind, §4.2.2 unbind_resp, §2.2 SMPP Sessions',
    async run(ctx) {
      const { session } = await ctx.openBound('bind_transceiver');
      const resp = await session.request({ command: 'unbind' }, ctx.timeoutMs);
      if (!resp) return fail(session.closed ? 'connection closed without an unbind_resp' : `no response to unbind within ${ctx.timeoutMs}ms`);
      if (resp.command !== 'unbind_resp' || resp.command_status !== S.ESME_ROK) return fail(`expected unbind_resp ESME_ROK, got ${describePdu(resp)}`);
      if (!(await session.waitClosed(ctx.timeoutMs))) return fail(`unbind_resp received but the connection is still open after ${ctx.timeoutMs}ms`);
      return pass();
    },
  },
  {
    id: 'pdu.response-command-id',
    title: 'each response carries command_id = request command_id | 0x80000000',
    clause: '§5.1.2 command_id, §3.2 SMPP PDU Format',
    async run(ctx) {
      const session = await ctx.open();
      const seen: string[] = [];
      const problems: string[] = [];
      const exchange = async (command: 'bind_transceiver' | 'enquire_link' | 'submit_sm' | 'unbind', build: (seq: number) => Record<string, unknown>) => {
        const seq = session.nextSeq();
        const resp = await session.request({ command, ...build(seq), sequence_number: seq }, ctx.timeoutMs);
        const want = (COMMAND_ID[command] | RESPONSE_BIT) >>> 0;
        if (!resp) {
          seen.push(`${command}: not answered`);
          return;
        }
        if (resp.command_id !== want) problems.push(`${command} (${hex32(COMMAND_ID[command])}) answered with command_id ${hex32(resp.command_id)} (${resp.command})`);
        else seen.push(`${command}: ${hex32(want)}`);
      };
      await exchange('bind_transceiver', (seq) => bindPdu('bind_transceiver', ctx.target.systemId, ctx.target.password, seq));
      await exchange('enquire_link', () => ({}));
      await exchange('submit_sm', (seq) => submitSmPdu(ctx, seq));
      await exchange('unbind', () => ({}));
      if (problems.length > 0) return fail(problems.join('; '));
      if (seen.every((s) => s.endsWith('not answered'))) return fail('no request was answered');
      // An unanswered submit_sm is reported by submit.answered; here only answered requests are judged.
      return pass(seen.join(', '));
    },
  },
];

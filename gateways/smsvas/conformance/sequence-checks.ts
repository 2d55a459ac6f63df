// sequence_number is the only way an ESME pairs a response with its request (§5.1.4), so it is checked
// one request at a time and across a window where the SMSC may answer out of order.
import { RESPONSE_BIT } from '../codec/command-id.ts';
import type { EncodablePdu, Pdu } from '../codec/pdu.ts';
import { fail, pass, skip, type ConformanceCheck } from './conformance-check.ts';
import { bindPdu, submitSmPdu } from './esme-pdus.ts';

// Non-monotonic and far apart, so an SMSC that answers seq+1 or seq-1 can never hit another request's number.
export const WINDOW_SEQUENCES = [0x00001001, 0x7fff0000, 0x00000203, 0x00500000, 0x00000017, 0x12345678, 0x00000991, 0x0abcdef0, 0x00000405, 0x03000000];

export const sequenceChecks: ConformanceCheck[] = [
  {
    id: 'sequence.echo',
    title: 'bind, enquire_link and unbind responses echo their request sequence_number',
    clause: '§5.1.4 sequence_number, §4.1.6 bind_transceiver_resp, §4.11.2 enquire_link_resp, §4.2.2 unbind_resp',
    async run(ctx) {
      const session = await ctx.open();
      const problems: string[] = [];
      const steps: EncodablePdu[] = [
        bindPdu('bind_transceiver', ctx.target.systemId, ctx.target.password, 0x7ffffffe),
        { command: 'enquire_link', sequence_number: 0x00000100 },
        { command: 'enquire_link', sequence_number: 0x00000009 },
        { command: 'unbind', sequence_number: 0x00abcdef },
      ];
      for (const pdu of steps) {
        const seq = pdu.sequence_number;
        const resp = await session.request(pdu, ctx.timeoutMs);
        if (!resp) problems.push(`${pdu.command} seq ${seq}: no response`);
        else if (resp.sequence_number !== seq) problems.push(`${pdu.command} seq ${seq} answered by ${resp.command} seq ${resp.sequence_number}`);
      }
      return problems.length === 0 ? pass(`${steps.length} responses echoed`) : fail(problems.join('; '));
    },
  },
  {
    id: 'sequence.window-echo',
    title: 'a window of 10 concurrent submit_sm with non-monotonic sequence_numbers: each response echoes exactly one request',
    clause: '§5.1.4 sequence_number, §4.4.2 submit_sm_resp',
    async run(ctx) {
      const { session } = await ctx.openBound('bind_transceiver');
      const from = session.received.length;
      for (const seq of WINDOW_SEQUENCES) session.send(submitSmPdu(ctx, seq));
      const isResp = (p: Pdu) => (p.command_id & RESPONSE_BIT) !== 0;
      const deadline = Date.now() + ctx.timeoutMs;
      let responses = session.received.slice(from).filter(isResp);
      while (responses.length < WINDOW_SEQUENCES.length && Date.now() < deadline && !session.closed) {
        await session.waitFor(isResp, deadline - Date.now(), session.received.length);
        responses = session.received.slice(from).filter(isResp);
      }
      if (responses.length === 0) return skip(`none of the ${WINDOW_SEQUENCES.length} submit_sm was answered within ${ctx.timeoutMs}ms`, 'submit.answered');
      const sent = new Set(WINDOW_SEQUENCES);
      const answered = new Map<number, number>();
      const problems: string[] = [];
      for (const r of responses) {
        if (!sent.has(r.sequence_number)) problems.push(`${r.command} seq ${r.sequence_number} matches no request`);
        answered.set(r.sequence_number, (answered.get(r.sequence_number) ?? 0) + 1);
      }
      for (const [seq, n] of answered) if (n > 1 && sent.has(seq)) problems.push(`seq ${seq} answered ${n} times`);
      const missing = WINDOW_SEQUENCES.filter((s) => !answered.has(s));
      if (missing.length > 0) problems.push(`no response for seq ${missing.join(', ')} within ${ctx.timeoutMs}ms`);
      return problems.length === 0 ? pass(`${responses.length} responses, each echoing one request`) : fail(problems.slice(0, 6).join('; '));
    },
  },
];

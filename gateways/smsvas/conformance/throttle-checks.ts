// Flow control: a burst beyond the contracted rate may only be refused with the two "retry later"
// statuses, so an ESME can tell back-pressure from a real rejection.
import { RESPONSE_BIT } from '../codec/command-id.ts';
import { COMMAND_STATUS as S, commandStatusName } from '../codec/command-status.ts';
import type { Pdu } from '../codec/pdu.ts';
import { fail, pass, skip, type ConformanceCheck } from './conformance-check.ts';
import { submitSmPdu } from './esme-pdus.ts';

const ALLOWED = new Set<number>([S.ESME_ROK, S.ESME_RTHROTTLED, S.ESME_RMSGQFUL]);

export const throttleChecks: ConformanceCheck[] = [
  {
    id: 'throttle.burst',
    title: 'a burst of submit_sm sent as fast as possible is only refused with ESME_RTHROTTLED or ESME_RMSGQFUL (and, with expectThrottle, is throttled)',
    clause: '§5.1.3 command_status (ESME_RTHROTTLED 0x58, ESME_RMSGQFUL 0x14), §4.4.2 submit_sm_resp',
    async run(ctx) {
      const { session } = await ctx.openBound('bind_transmitter');
      const n = ctx.throttleBurst;
      const from = session.received.length;
      for (let i = 0; i < n; i++) session.send(submitSmPdu(ctx, session.nextSeq()));
      const isResp = (p: Pdu) => (p.command_id & RESPONSE_BIT) !== 0;
      const responses = () => session.received.slice(from).filter(isResp);
      const deadline = Date.now() + ctx.timeoutMs;
      while (responses().length < n && Date.now() < deadline && !session.closed) {
        await session.waitFor(isResp, deadline - Date.now());
      }
      const got = responses();
      if (got.length === 0) return skip(`none of the ${n} submit_sm was answered within ${ctx.timeoutMs}ms`, 'submit.answered');
      const tally = new Map<string, number>();
      const bad: string[] = [];
      let throttled = 0;
      for (const r of got) {
        const name = `${r.command === 'submit_sm_resp' ? '' : `${r.command} `}${commandStatusName(r.command_status)}`;
        tally.set(name, (tally.get(name) ?? 0) + 1);
        if (r.command !== 'submit_sm_resp' || !ALLOWED.has(r.command_status)) bad.push(name);
        if (r.command === 'submit_sm_resp' && r.command_status === S.ESME_RTHROTTLED) throttled++;
      }
      const summary = `${n} submit_sm: ${[...tally].map(([k, v]) => `${v} ${k}`).join(', ')}`;
      if (bad.length > 0) return fail(`${summary}; only ESME_RTHROTTLED or ESME_RMSGQFUL may refuse a burst`);
      if (got.length < n) return fail(`${summary}; ${n - got.length} not answered within ${ctx.timeoutMs}ms`);
      if (ctx.expectThrottle && throttled === 0) return fail(`${summary}; expected at least one ESME_RTHROTTLED (expectThrottle)`);
      return pass(summary);
    },
  },
];

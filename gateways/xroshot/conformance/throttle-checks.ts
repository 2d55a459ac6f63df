// Flow control: a burst beyond the per-session rate may only be refused with the "slow down" Results,
// so an agent can tell back-pressure from a real refusal.
import { encodeMas } from '../codec/mas-encoder.ts';
import type { MasMessage, ResSendMessageAll } from '../codec/mas-message.ts';
import { sendRequest } from './check-context.ts';
import { SOURCE } from './check-sources.ts';
import { fail, pass, silenceVerdict, skip, type ConformanceCheck } from './conformance-check.ts';

export const RESULT_THROTTLED = 33;
const RESULT_BUSY = 504;

export const throttleChecks: ConformanceCheck[] = [
  {
    id: 'throttle.burst',
    title: 'a burst on one session is refused only with Result 33 (per-session rate) or 504 (busy), every request answered; with expectThrottle at least one 33',
    source: SOURCE.throttle,
    async run(ctx) {
      const { session, cipher } = await ctx.openRegistered();
      const n = ctx.throttleBurst;
      const from = session.received.length;
      const ids = new Set<string>();
      const frames: Buffer[] = [];
      for (let i = 0; i < n; i++) {
        const req = sendRequest(cipher, { callback: ctx.callback, recipients: [ctx.recipient], text: `burst ${i}` });
        ids.add(req.customMessageId);
        frames.push(encodeMas(req));
      }
      session.sendRaw(Buffer.concat(frames));
      const isAnswer = (m: MasMessage): m is ResSendMessageAll => m.method === 'res_send_message_all' && ids.has(m.customMessageId);
      const answers = () => session.received.slice(from).filter(isAnswer);
      const deadline = Date.now() + ctx.timeoutMs;
      while (answers().length < n && Date.now() < deadline && !session.closed) {
        await session.waitFor(isAnswer, deadline - Date.now());
      }
      const got = answers();
      if (got.length === 0) {
        const v = silenceVerdict(session, `${n} req_send_message_2`, ctx.timeoutMs);
        return v.status === 'fail' && !session.closed ? skip(v.detail ?? '', 'send.accepted') : v;
      }
      const tally = new Map<number, number>();
      for (const a of got) tally.set(a.result, (tally.get(a.result) ?? 0) + 1);
      const summary = `${n} req_send_message_2: ${[...tally].map(([r, c]) => `${c} Result ${r}`).join(', ')}`;
      const bad = [...tally.keys()].filter((r) => r !== 0 && r !== RESULT_THROTTLED && r !== RESULT_BUSY);
      if (bad.length > 0) return fail(`${summary}; only Result 33 or 504 may refuse a burst`);
      if (got.length < n) {
        const why = `${summary}; ${n - got.length} not answered within ${ctx.timeoutMs}ms`;
        // Only refusals came back: the sends it would accept are the ones left unanswered.
        return tally.has(0) ? fail(why) : skip(why, 'send.accepted');
      }
      if (ctx.expectThrottle && !tally.has(RESULT_THROTTLED)) return fail(`${summary}; expected at least one Result 33 (expectThrottle)`);
      return pass(summary);
    },
  },
];

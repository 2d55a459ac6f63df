// Flow control: a burst beyond the contracted rate may only be refused with 429 / 50201, so a sender
// can tell back-pressure from a real rejection and retry.
import { describeAnswer, fail, pass, skip, type ConformanceCheck } from './conformance-check.ts';
import { textMessage } from './conformance-messages.ts';

/** Samsung MaaP GW writes the same refusal as 42601. */
const THROTTLE_CODES = new Set([50201, 42601]);

export const throttleChecks: ConformanceCheck[] = [
  {
    id: 'throttle.burst',
    title: 'a burst of sends is only refused with HTTP 429 code 50201 (and, with expectThrottle, is throttled)',
    clause: 'KT code sheet MaaP-FE 50201 (TPS exceeded, HTTP 429); RFC 6585 §4',
    async run(ctx) {
      const n = ctx.throttleBurst;
      const body = textMessage(ctx.capableContact);
      await ctx.token();
      const answers = await Promise.all(Array.from({ length: n }, () => ctx.send(body, { once: true })));
      const tally = new Map<string, number>();
      const bad: string[] = [];
      let throttled = 0;
      let answered = 0;
      for (const a of answers) {
        const name = a.kind === 'answer' && a.status === 202 ? 'HTTP 202' : describeAnswer(a);
        tally.set(name, (tally.get(name) ?? 0) + 1);
        if (a.kind !== 'answer') continue;
        answered++;
        if (a.status === 429 && a.code !== null && THROTTLE_CODES.has(a.code)) throttled++;
        else if (a.status !== 202) bad.push(name);
      }
      const summary = `${n} sends: ${[...tally].map(([k, v]) => `${v} ${k}`).join(', ')}`;
      if (answered === 0) return skip(`none of the ${n} sends was answered`, 'send.answered');
      if (bad.length > 0) return fail(`${summary}; only HTTP 429 code 50201 may refuse a burst`);
      if (answered < n) return fail(`${summary}; ${n - answered} not answered within ${ctx.timeoutMs} ms`);
      if (ctx.expectThrottle && throttled === 0) return fail(`${summary}; expected at least one 429 / 50201 (expectThrottle)`);
      return pass(summary);
    },
  },
];

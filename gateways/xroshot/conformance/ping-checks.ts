// Keepalive: a registered session answers req_ping.
import { SOURCE } from './check-sources.ts';
import { describeFrame, fail, pass, silenceVerdict, type ConformanceCheck } from './conformance-check.ts';

export const pingChecks: ConformanceCheck[] = [
  {
    id: 'ping.answered',
    title: 'req_ping on a registered session -> res_ping Result 0',
    source: SOURCE.ping,
    async run(ctx) {
      const { session } = await ctx.openRegistered();
      const resp = await session.request({ method: 'req_ping' }, 'res_ping', ctx.timeoutMs);
      if (!resp) return silenceVerdict(session, 'req_ping', ctx.timeoutMs);
      if (resp.result !== 0) return fail(`expected res_ping Result 0, got ${describeFrame(resp)}`);
      return pass();
    },
  },
];

// Login: the server time, the AuthTicket login, and refusals of wrong credentials and of sends before it.
import { parseMasTime } from '../codec/mas-time.ts';
import { rejectReasonOf } from '../codec/result-code.ts';
import { register, sendRequest } from './check-context.ts';
import { SOURCE } from './check-sources.ts';
import { describeFrame, fail, pass, silenceVerdict, type ConformanceCheck } from './conformance-check.ts';
import { createFieldCipher } from '../codec/auth-crypto.ts';

const MAX_CLOCK_SKEW_MS = 15 * 60_000;

export const authChecks: ConformanceCheck[] = [
  {
    id: 'auth.server-time',
    title: 'req_auth -> res_auth Result 0 with Time as 14 digits yyyyMMddHHmmss (KST) close to now',
    source: SOURCE.auth,
    async run(ctx) {
      const session = await ctx.open();
      const resp = await session.request({ method: 'req_auth', serviceProviderId: ctx.serviceProviderId }, 'res_auth', ctx.timeoutMs);
      if (!resp) return silenceVerdict(session, 'req_auth', ctx.timeoutMs);
      if (resp.result !== 0) return fail(`req_auth as ${ctx.serviceProviderId}: ${describeFrame(resp)}`);
      if (resp.time === null) return fail('res_auth Result 0 carries no <Time>');
      const at = parseMasTime(resp.time);
      if (at === null) return fail(`res_auth <Time>${resp.time}</Time> is not yyyyMMddHHmmss`);
      const skew = at - Date.now();
      if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) return fail(`res_auth Time ${resp.time} is ${Math.round(skew / 1000)} s from this host's clock (KST)`);
      return pass(`Time ${resp.time} (${Math.round(skew / 1000)} s from this host)`);
    },
  },
  {
    id: 'auth.regist',
    title: 'req_regist with an AuthTicket sealed under the certificate -> res_regist Result 0',
    source: SOURCE.regist,
    async run(ctx) {
      const { regist } = await ctx.openRegistered();
      return pass(`res_regist Result 0${regist.sessionId ? `, SessionID ${regist.sessionId}` : ''}`);
    },
  },
  {
    id: 'auth.bad-password',
    title: 'an AuthTicket with a wrong password -> res_regist with an authentication Result (2, 7 or 8)',
    source: `${SOURCE.regist}; ${SOURCE.authCodes}`,
    async run(ctx) {
      const session = await ctx.open();
      const { auth, regist } = await register(session, ctx, `${ctx.password}-wrong`);
      if (!auth) return silenceVerdict(session, 'req_auth', ctx.timeoutMs);
      if (auth.result !== 0) return fail(`req_auth refused before the password could be tried: ${describeFrame(auth)}`);
      if (!regist) {
        if (session.closed) return fail('the server closed the connection instead of answering res_regist with an error Result');
        return silenceVerdict(session, 'req_regist', ctx.timeoutMs);
      }
      if (regist.result === 0) return fail('res_regist Result 0: a wrong password was accepted');
      if (rejectReasonOf(regist.result) !== 'auth-failed') return fail(`res_regist Result ${regist.result} is not an authentication Result`);
      return pass(`res_regist Result ${regist.result}`);
    },
  },
  {
    id: 'auth.unknown-service-provider',
    title: 'an unknown ServiceProviderID is refused with a non-zero Result at req_auth or req_regist',
    source: `${SOURCE.auth}; ${SOURCE.authCodes}`,
    async run(ctx) {
      const session = await ctx.open();
      const stranger = { ...ctx, serviceProviderId: `nosuch${Date.now().toString(36)}`, endUserId: `nosuch${Date.now().toString(36)}` };
      const { auth, regist } = await register(session, stranger);
      if (!auth) return silenceVerdict(session, 'req_auth', ctx.timeoutMs);
      if (auth.result !== 0) return pass(`res_auth Result ${auth.result}`);
      if (!regist) return silenceVerdict(session, 'req_regist', ctx.timeoutMs);
      if (regist.result === 0) return fail(`service provider ${stranger.serviceProviderId} was registered`);
      return pass(`res_auth Result 0, then res_regist Result ${regist.result}`);
    },
  },
  {
    id: 'auth.send-before-regist',
    title: 'req_send_message_2 before req_regist is refused with a non-zero Result or a close',
    source: `${SOURCE.regist}; ${SOURCE.send}`,
    async run(ctx) {
      const session = await ctx.open();
      const auth = await session.request({ method: 'req_auth', serviceProviderId: ctx.serviceProviderId }, 'res_auth', ctx.timeoutMs);
      if (!auth) return silenceVerdict(session, 'req_auth', ctx.timeoutMs);
      const req = sendRequest(createFieldCipher('not-registered'), { callback: ctx.callback, recipients: [ctx.recipient] });
      const resp = await session.request(req, 'res_send_message_all', ctx.timeoutMs);
      if (resp) return resp.result === 0 ? fail('res_send_message_all Result 0 on a session that never registered') : pass(describeFrame(resp));
      if (session.closed) return pass('the server closed the connection');
      return silenceVerdict(session, 'req_send_message_2 before req_regist', ctx.timeoutMs);
    },
  },
];

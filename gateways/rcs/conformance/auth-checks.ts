// OAuth2 client credentials and bearer tokens: a token is issued for good credentials, refused for
// bad ones, and the MaaP routes refuse requests without a live token the gateway issued.
import { TOKEN_PATH, tokenResponseSchema } from '../codec/token-schema.ts';
import { describeAnswer, fail, pass, skip, type CheckContext, type ConformanceCheck } from './conformance-check.ts';
import type { WireAnswer } from './maap-wire.ts';

const capabilityPath = (ctx: CheckContext) => `/rcs/bot/v1/${encodeURIComponent(ctx.botId)}/contactCapabilities?userContact=${encodeURIComponent(ctx.capableContact)}`;

/** A 401 passes; the preferred MaaP-FE code is named when the target used another. */
function expect401(a: WireAnswer, preferred: number, what: string) {
  if (a.kind !== 'answer') return fail(`${what}: ${describeAnswer(a)}`);
  if (a.status !== 401) return fail(`${what}: expected HTTP 401, got ${describeAnswer(a)}`);
  return pass(a.code === preferred ? `${describeAnswer(a)}` : `${describeAnswer(a)} (MaaP-FE uses ${preferred})`);
}

function tokenRequest(ctx: CheckContext, secret: string) {
  return ctx.wire.request({ method: 'POST', path: TOKEN_PATH, form: { grant_type: 'client_credentials', client_id: ctx.clientId, client_secret: secret } });
}

export const authChecks: ConformanceCheck[] = [
  {
    id: 'auth.token',
    title: 'client credentials get 200 with a Bearer access_token and a positive expires_in',
    clause: 'RFC 6749 §4.4.2, §5.1; MaaP-FE token API (RCS Biz Center)',
    async run(ctx) {
      const a = await tokenRequest(ctx, ctx.clientSecret);
      if (a.kind !== 'answer') return fail(`token request: ${describeAnswer(a)}`);
      if (a.status !== 200) return fail(`token request answered ${describeAnswer(a)}`);
      const parsed = tokenResponseSchema.safeParse(a.body);
      if (!parsed.success) return fail(`token response is not { access_token, token_type: "Bearer", expires_in > 0 }: ${JSON.stringify(a.body).slice(0, 200)}`);
      return pass(`expires_in ${parsed.data.expires_in} s`);
    },
  },
  {
    id: 'auth.bad-secret',
    title: 'a wrong client_secret is refused with 401 and no token',
    clause: 'RFC 6749 §5.2 invalid_client; KT code sheet MaaP-FE 50008',
    async run(ctx) {
      const a = await tokenRequest(ctx, `${ctx.clientSecret}-wrong`);
      if (a.kind === 'answer' && (a.body as { access_token?: unknown } | null)?.access_token !== undefined) return fail(`a token was issued for a wrong secret (${describeAnswer(a)})`);
      return expect401(a, 50008, 'token request with a wrong secret');
    },
  },
  {
    id: 'auth.no-token',
    title: 'a MaaP request without Authorization is refused with 401',
    clause: 'RFC 6750 §3.1; KT code sheet MaaP-FE 50001',
    async run(ctx) {
      return expect401(await ctx.wire.request({ method: 'GET', path: capabilityPath(ctx) }), 50001, 'capability query without a token');
    },
  },
  {
    id: 'auth.garbage-token',
    title: 'a made-up bearer token is refused with 401',
    clause: 'RFC 6750 §3.1 invalid_token; KT code sheet MaaP-FE 50003',
    async run(ctx) {
      const a = await ctx.wire.request({ method: 'GET', path: capabilityPath(ctx), token: 'msgsim-conformance-not-a-token' });
      return expect401(a, 50003, 'capability query with a made-up token');
    },
  },
  {
    id: 'auth.expired-token',
    title: 'a token used after its expires_in is refused with 401',
    clause: 'RFC 6749 §5.1 expires_in; RFC 6750 §3.1 invalid_token; KT code sheet MaaP-FE 50004',
    async run(ctx) {
      const t = await tokenRequest(ctx, ctx.clientSecret);
      const parsed = t.kind === 'answer' ? tokenResponseSchema.safeParse(t.body) : null;
      if (!parsed?.success) return skip('no token to let expire', 'auth.token');
      const lifetimeMs = parsed.data.expires_in * 1000;
      if (lifetimeMs > ctx.maxTokenWaitMs) return skip(`not judged: the token lives ${parsed.data.expires_in} s, over the ${ctx.maxTokenWaitMs} ms this run may wait (--max-token-wait)`);
      // One second past expiry: expires_in is rounded to whole seconds.
      await new Promise((r) => setTimeout(r, lifetimeMs + 1000));
      const a = await ctx.wire.request({ method: 'GET', path: capabilityPath(ctx), token: parsed.data.access_token });
      return expect401(a, 50004, `capability query with a token ${parsed.data.expires_in + 1} s old`);
    },
  },
];

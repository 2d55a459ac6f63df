// POST /oauth2/v1/token: OAuth2 client credentials (form or JSON body, or HTTP Basic credentials).
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../codec/error-body.ts';
import { describeIssue } from '../codec/rcs-codec.ts';
import { RCS_RESULT } from '../codec/rcs-result-codes.ts';
import { TOKEN_PATH, tokenRequestSchema, type TokenResponse } from '../codec/token-schema.ts';
import { actOutFault, sendViolation, simulatedDelay, type HeldRequests } from './http-answer.ts';
import type { RcsContext } from './rcs-context.ts';
import { REJECT_RESULT } from './rcs-outcome-table.ts';
import type { Violation } from './send-validator.ts';

function basicCredentials(header: string | undefined): { client_id: string; client_secret: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? null : { client_id: text.slice(0, colon), client_secret: text.slice(colon + 1) };
}

export function registerTokenRoute(app: FastifyInstance, ctx: () => RcsContext, held: HeldRequests): void {
  app.post(TOKEN_PATH, async (req, reply) => {
    const c = ctx();
    c.stats.inc('token');
    const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
    const parsed = tokenRequestSchema.safeParse({ ...basicCredentials(req.headers.authorization), ...body });
    const answer = (status: number, code?: number) => c.log.push({ at: c.clock.now(), op: 'token', http: status, code });
    if (!parsed.success) {
      c.stats.inc(`token:${RCS_RESULT.PARAMETER_ERROR.code}`);
      answer(400, RCS_RESULT.PARAMETER_ERROR.code);
      return reply.status(400).send(errorBody(RCS_RESULT.PARAMETER_ERROR, describeIssue(parsed.error)));
    }
    const account = c.accounts.get(parsed.data.client_id);
    const d = c.behaviour.decide({ operation: 'token', account: parsed.data.client_id });
    const wait = simulatedDelay(c.clock, d.latencyMs);
    if (wait) await wait;
    if (d.response.kind === 'fault' && d.response.fault !== 'silent') return actOutFault(req, reply, d.response.fault, held);
    if (d.response.kind === 'reject' || account === undefined || account.account.clientSecret !== parsed.data.client_secret) {
      const v: Violation =
        d.response.kind === 'reject'
          ? { result: REJECT_RESULT[d.response.reason], message: `refused by ${d.rule ?? 'behaviour'}` }
          : account === undefined
            ? { result: RCS_RESULT.INVALID_CLIENT_ID, message: 'unknown client_id' }
            : { result: RCS_RESULT.INVALID_PASSWORD, message: 'client_secret does not match' };
      c.stats.inc(`token:${v.result.code}`);
      answer(v.result.http ?? 400, v.result.code);
      return sendViolation(reply, v);
    }
    const issued = c.tokens.issue(account.account.clientId);
    answer(200);
    const out: TokenResponse = { access_token: issued.token, token_type: 'Bearer', expires_in: Math.max(1, Math.round(c.cfg.auth.tokenTtl / 1000)) };
    return reply.header('cache-control', 'no-store').send(out);
  });
}

// Bearer-token and chatbot checks shared by the MaaP routes: who is calling, and may they speak
// for this bot. Answers are values: a Violation carries the result code to send.
import { RCS_RESULT } from '../codec/rcs-result-codes.ts';
import type { AccountState, BotState, RcsContext } from './rcs-context.ts';
import type { Violation } from './send-validator.ts';

export type Caller = { ok: true; account: AccountState; bot: BotState } | { ok: false; violation: Violation };

const fail = (result: Violation['result'], message: string): Caller => ({ ok: false, violation: { result, message } });

export function authorize(ctx: RcsContext, authorization: string | undefined, botId: string): Caller {
  if (authorization === undefined || authorization === '') return fail(RCS_RESULT.MISSING_AUTH_HEADER, 'send Authorization: Bearer <token>');
  const m = /^Bearer[ \t]+(\S+)\s*$/i.exec(authorization);
  if (!m) return fail(RCS_RESULT.MISSING_TOKEN, 'the Authorization header carries no Bearer token');
  let account: AccountState | undefined;
  const check = ctx.tokens.check(m[1]);
  if (check.ok) account = ctx.accounts.get(check.clientId);
  else if (ctx.cfg.quirks.acceptAnyToken) account = ctx.accounts.values().next().value;
  else if (check.reason === 'expired') return fail(RCS_RESULT.TOKEN_EXPIRED, 'the token has expired: request a new one');
  else return fail(RCS_RESULT.INVALID_TOKEN, 'the token is not one this gateway issued');
  if (account === undefined) return fail(RCS_RESULT.INVALID_TOKEN, 'the token belongs to no account');

  const bot = ctx.bots.get(botId);
  if (bot === undefined) return fail(RCS_RESULT.INVALID_BOT_ID, `no chatbot ${botId.slice(0, 40)}`);
  if (bot.account !== account) return fail(RCS_RESULT.CHATBOT_PERMISSION, `chatbot ${botId} belongs to another account`);
  if (bot.paused) return fail(RCS_RESULT.CHATBOT_STATUS, `chatbot ${botId} is paused`);
  return { ok: true, account, bot };
}

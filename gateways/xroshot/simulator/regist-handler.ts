// req_auth and req_regist: the server time, then the login whose AuthTicket (sealed under a window of
// the account's certificate) must name the same service provider and end user, the right password,
// a server time close to now, and the one-time key the session's fields are sealed with.
import { authKeyAt, createFieldCipher, openAuthTicket, type FieldCipher } from '../codec/auth-crypto.ts';
import type { ReqAuth, ReqRegist, ResAuth, ResRegist } from '../codec/mas-message.ts';
import { formatMasTime, parseMasTime } from '../codec/mas-time.ts';
import { MESSAGE_TYPE } from '../codec/message-type.ts';
import { REJECT_RESULT } from '../codec/result-code.ts';
import type { AccountState, XroshotContext } from './xroshot-context.ts';

export const AUTH_RESULT = {
  unknownServiceProvider: 5,
  authError: REJECT_RESULT['auth-failed'],
  badPassword: 7,
  tooManySessions: REJECT_RESULT.throttled,
  unavailable: REJECT_RESULT['service-unavailable'],
} as const;

export interface AuthState {
  /** Service provider named in req_auth on this connection. */
  serviceProviderId: string | null;
}

export function handleAuth(ctx: XroshotContext, state: AuthState, m: ReqAuth): ResAuth {
  if (!ctx.accounts.has(m.serviceProviderId)) return { method: 'res_auth', result: AUTH_RESULT.unknownServiceProvider, time: null };
  state.serviceProviderId = m.serviceProviderId;
  return { method: 'res_auth', result: 0, time: formatMasTime(ctx.clock.now()) };
}

export type RegistOutcome =
  | { ok: true; response: ResRegist; account: AccountState; endUserId: string; otk: FieldCipher }
  | { ok: false; response: ResRegist; note: string };

const refused = (result: number, note: string): RegistOutcome => ({
  ok: false,
  note,
  response: { method: 'res_regist', result, sessionId: null, sendLimitPerSecond: [], productStatus: [], sendLimitPerMonth: [] },
});

export function handleRegist(ctx: XroshotContext, state: AuthState, m: ReqRegist, sessionId: number, tps: (a: AccountState) => number | null): RegistOutcome {
  if (ctx.behaviour.outage()?.mode === 'refuse') return refused(AUTH_RESULT.unavailable, 'outage: refuse');
  if (state.serviceProviderId === null) return refused(AUTH_RESULT.authError, 'req_regist before req_auth');
  if (m.serviceProviderId !== state.serviceProviderId) return refused(AUTH_RESULT.unknownServiceProvider, 'ServiceProviderID differs from req_auth');
  const acct = ctx.accounts.get(m.serviceProviderId);
  if (!acct) return refused(AUTH_RESULT.unknownServiceProvider, `unknown service provider ${m.serviceProviderId}`);
  const account = acct.account;

  const authKey = authKeyAt(account.cert, m.authKey);
  if (authKey === null) return refused(AUTH_RESULT.authError, `AuthKey ${m.authKey} is outside the certificate`);
  let ticket;
  try {
    ticket = openAuthTicket(m.authTicket, authKey);
  } catch (e) {
    return refused(AUTH_RESULT.authError, `AuthTicket: ${(e as Error).message}`);
  }
  if (ticket.serviceProviderId !== m.serviceProviderId) return refused(AUTH_RESULT.authError, 'AuthTicket names another service provider');
  if (ticket.endUserId !== m.endUserId || !account.endUsers.includes(m.endUserId)) return refused(AUTH_RESULT.authError, `end user ${m.endUserId} is not registered`);
  if (ticket.password !== account.password && !ctx.cfg.quirks.acceptBadPassword) return refused(AUTH_RESULT.badPassword, 'password mismatch');
  const issued = parseMasTime(ticket.serverTime);
  if (issued === null || Math.abs(ctx.clock.now() - issued) > ctx.cfg.session.authTimeSkew) {
    return refused(AUTH_RESULT.authError, `AuthTicket server time ${ticket.serverTime} is stale`);
  }
  const maxSessions = Math.min(account.maxSessions, ctx.behaviour.spec.limits?.sessionsPerAccount ?? Infinity);
  if (acct.sessions >= maxSessions) return refused(AUTH_RESULT.tooManySessions, `${acct.sessions} sessions registered (max ${maxSessions})`);

  const rate = tps(acct);
  const perType = (value: number) => [MESSAGE_TYPE.SMS, MESSAGE_TYPE.MMS].map((msgType) => ({ msgType, value }));
  return {
    ok: true,
    account: acct,
    endUserId: m.endUserId,
    otk: createFieldCipher(ticket.oneTimeKey),
    response: {
      method: 'res_regist',
      result: 0,
      sessionId: String(sessionId),
      sendLimitPerSecond: rate === null ? [] : perType(rate),
      productStatus: [
        { msgType: MESSAGE_TYPE.SMS, value: account.products.sms },
        { msgType: MESSAGE_TYPE.VMS, value: false },
        { msgType: MESSAGE_TYPE.FAX, value: false },
        { msgType: MESSAGE_TYPE.MMS, value: account.products.lms || account.products.mms },
      ],
      sendLimitPerMonth: [],
    },
  };
}

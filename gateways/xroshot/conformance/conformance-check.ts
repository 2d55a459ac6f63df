// What a conformance check is and how it reports. A check is data (id, title, the source its rule
// comes from) plus one async run; it answers with a verdict value, never through logs. Xroshot has no
// public specification, so `source` names the reconstruction (protocols.md §4) or KT's code sheet.
import type { FieldCipher } from '../codec/auth-crypto.ts';
import type { MasMessage, ResRegist } from '../codec/mas-message.ts';
import type { MasWireSession } from './mas-wire-session.ts';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckVerdict {
  status: CheckStatus;
  detail?: string;
  /** For a skip caused by another check's failure: that check's id. */
  prerequisite?: string;
}

export interface CheckSettings {
  host: string;
  port: number;
  serviceProviderId: string;
  password: string;
  endUserId: string;
  certificate: string;
  /** A pre-registered callback number of the account. */
  callback: string;
  /** A reachable subscriber of another carrier that produces reports. */
  recipient: string;
  /** A callback number the account has NOT registered. */
  unregisteredCallback: string;
  /** A recipient the server must refuse. */
  invalidRecipient: string;
  timeoutMs: number;
  reportTimeoutMs: number;
  /** How long an acknowledged report is watched for a resend. */
  resendWaitMs: number;
  throttleBurst: number;
  expectThrottle: boolean;
}

export interface Registered {
  session: MasWireSession;
  regist: ResRegist;
  /** The one-time key this check's session sealed its fields with. */
  cipher: FieldCipher;
}

export interface CheckContext extends CheckSettings {
  /** A new connection, closed by the runner when the check ends. */
  open(): Promise<MasWireSession>;
  /** A new connection through req_auth and req_regist with the given credentials; a refusal fails the check. */
  openRegistered(): Promise<Registered>;
  /** Computes once per run and shares the result between checks. */
  shared<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export interface ConformanceCheck {
  id: string;
  title: string;
  /** Where the rule comes from: the reconstruction's section and its public source, or the code sheet. */
  source: string;
  run(ctx: CheckContext): Promise<CheckVerdict>;
}

export const pass = (detail?: string): CheckVerdict => ({ status: 'pass', detail });
export const fail = (detail: string): CheckVerdict => ({ status: 'fail', detail });
export const skip = (detail: string, prerequisite?: string): CheckVerdict => ({ status: 'skip', detail, prerequisite });

/** Thrown from helpers deep inside a check to end it with a verdict. */
export class VerdictSignal extends Error {
  constructor(readonly verdict: CheckVerdict) {
    super(verdict.detail ?? verdict.status);
    this.name = 'VerdictSignal';
  }
}

/** 'res_send_message_all Result 33' — how a frame is named in details. */
export function describeFrame(m: MasMessage | null): string {
  if (!m) return 'nothing';
  return 'result' in m ? `${m.method} Result ${m.result}` : m.method;
}

/** Why nothing came back: a frame without NUL, frames that did not decode, a close, or silence. */
export function describeSilence(session: MasWireSession, what: string, timeoutMs: number): string {
  if (session.unterminated > 0) return `${what}: the server sent ${session.unterminated} octets without a NUL terminator`;
  const bad = session.undecodable.at(-1);
  if (bad) return `${what}: the server sent a frame that does not decode (${bad.error.message})`;
  if (session.closed) return `${what}: the server closed the connection without answering`;
  return `${what}: no answer within ${timeoutMs}ms`;
}

/** Silence caused by unterminated frames is the framing check's finding, not this one's. */
export function silenceVerdict(session: MasWireSession, what: string, timeoutMs: number): CheckVerdict {
  const why = describeSilence(session, what, timeoutMs);
  return session.unterminated > 0 ? skip(why, 'framing.nul-terminated') : fail(why);
}

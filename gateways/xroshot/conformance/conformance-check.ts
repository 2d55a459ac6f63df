// The MAS side of a conformance check: the settings and context a check runs with, and how frames
// and silence are named in details. What a check and a verdict are is the kit's. Xroshot has no public
// specification, so a check's reference is `source`: the reconstruction (protocols.md §4) or KT's code sheet.
import { fail, skip, type CheckContextBasics, type CheckVerdict, type ConformanceCheck as KitCheck } from '../../kit/conformance-check.ts';
import type { FieldCipher } from '../codec/auth-crypto.ts';
import type { MasMessage, ResRegist } from '../codec/mas-message.ts';
import type { MasWireSession } from './mas-wire-session.ts';

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

export interface CheckContext extends CheckSettings, CheckContextBasics {
  /** A new connection, closed by the runner when the check ends. */
  open(): Promise<MasWireSession>;
  /** A new connection through req_auth and req_regist with the given credentials; a refusal fails the check. */
  openRegistered(): Promise<Registered>;
}

export interface ConformanceCheck extends KitCheck<CheckContext> {
  /** Where the rule comes from: the reconstruction's section and its public source, or the code sheet. */
  source: string;
}

export { fail, pass, skip, VerdictSignal, type CheckVerdict } from '../../kit/conformance-check.ts';

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

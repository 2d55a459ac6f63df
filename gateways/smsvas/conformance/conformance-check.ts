// What a conformance check is, and how it says what it found. A check is data (id, title, the spec
// clause it enforces) plus one async run; it reports through a verdict value, never through logs.
import { commandStatusName } from '../codec/command-status.ts';
import type { Pdu } from '../codec/pdu.ts';
import type { SmppTarget } from './smpp-target.ts';
import type { WireSession } from './wire-session.ts';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckVerdict {
  status: CheckStatus;
  detail?: string;
  /** For a skip caused by another check's failure: that check's id. */
  prerequisite?: string;
}

export type BindKind = 'bind_transmitter' | 'bind_receiver' | 'bind_transceiver';

export interface CheckSettings {
  sender: string;
  recipient: string;
  invalidDestination: string;
  timeoutMs: number;
  receiptTimeoutMs: number;
  /** How long registered_delivery 0 is watched for a receipt that must not come. */
  noReceiptWaitMs: number;
  /** How long an acknowledged receipt is watched for a resend. */
  resendWaitMs: number;
  throttleBurst: number;
  expectThrottle: boolean;
}

export interface CheckContext extends CheckSettings {
  target: SmppTarget;
  /** A new connection, closed by the runner when the check ends. */
  open(): Promise<WireSession>;
  /** A new connection bound as `kind` with the target's credentials; a refused bind fails the check. */
  openBound(kind: BindKind): Promise<{ session: WireSession; resp: Pdu }>;
  /** Computes once per run and shares the result between checks (e.g. one receipt for several checks). */
  shared<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export interface ConformanceCheck {
  id: string;
  title: string;
  /** SMPP v3.4 Issue 1.2 section(s) the check enforces. */
  clause: string;
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

export function hex32(n: number): string {
  return `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
}

/** 'submit_sm_resp ESME_ROK seq 7' — how a PDU is named in check details. */
export function describePdu(pdu: Pdu | null): string {
  if (!pdu) return 'nothing';
  return `${pdu.command} ${commandStatusName(pdu.command_status)} seq ${pdu.sequence_number}`;
}

/** Why nothing came back: silence, a close, or frames from the SMSC that did not decode. */
export function describeSilence(session: WireSession, what: string, timeoutMs: number): string {
  const bad = session.undecodable.at(-1);
  if (bad) return `${what}: the SMSC sent a PDU that does not decode (${bad.error.message})`;
  if (session.closed) return `${what}: the SMSC closed the connection without answering`;
  return `${what}: no response within ${timeoutMs}ms`;
}

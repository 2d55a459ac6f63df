// The SMPP side of a conformance check: the settings and context a check runs with, and how PDUs are
// named in details. What a check and a verdict are is the kit's (gateways/kit/conformance-check.ts).
import { commandStatusName } from '../codec/command-status.ts';
import type { Pdu } from '../codec/pdu.ts';
import type { CheckContextBasics, ConformanceCheck as KitCheck } from '../../kit/conformance-check.ts';
import type { SmppTarget } from './smpp-target.ts';
import type { WireSession } from './wire-session.ts';

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

export interface CheckContext extends CheckSettings, CheckContextBasics {
  target: SmppTarget;
  /** A new connection, closed by the runner when the check ends. */
  open(): Promise<WireSession>;
  /** A new connection bound as `kind` with the target's credentials; a refused bind fails the check. */
  openBound(kind: BindKind): Promise<{ session: WireSession; resp: Pdu }>;
}

export interface ConformanceCheck extends KitCheck<CheckContext> {
  /** SMPP v3.4 Issue 1.2 section(s) the check enforces. */
  clause: string;
}

export { fail, pass, skip, VerdictSignal, type CheckVerdict } from '../../kit/conformance-check.ts';

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

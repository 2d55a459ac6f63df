// The client's one table from SMPP 3.4 wire values to the canonical vocabulary: command_status of a
// submit_sm_resp -> RejectReason, and receipt stat / message_state -> ReportOutcome. The simulator keeps
// the reverse table (smsvas-outcome-table.ts); a unit test checks the two agree where both are defined.
import { isTransientReject, type RejectReason, type ReportOutcome } from '../../kit/canonical-reason.ts';
import { COMMAND_STATUS as S, commandStatusName, type CommandStatusName } from '../codec/command-status.ts';
import { MESSAGE_STATE, type ReceiptStat } from '../codec/delivery-receipt.ts';

/** Every 3.4 error status. ESME_ROK is not a rejection and is absent on purpose. */
export const REJECT_REASON_BY_STATUS: Record<Exclude<CommandStatusName, 'ESME_ROK'>, RejectReason> = {
  ESME_RINVMSGLEN: 'invalid-content',
  ESME_RINVCMDLEN: 'invalid-content',
  ESME_RINVCMDID: 'unsupported',
  // The SMSC thinks we are not bound to submit: our session state is wrong, which a re-bind repairs.
  ESME_RINVBNDSTS: 'system-error',
  ESME_RALYBND: 'system-error',
  ESME_RINVPRTFLG: 'invalid-content',
  ESME_RINVREGDLVFLG: 'invalid-content',
  ESME_RSYSERR: 'system-error',
  ESME_RINVSRCADR: 'invalid-source',
  ESME_RINVDSTADR: 'invalid-destination',
  ESME_RINVMSGID: 'invalid-content',
  ESME_RBINDFAIL: 'auth-failed',
  ESME_RINVPASWD: 'auth-failed',
  ESME_RINVSYSID: 'auth-failed',
  ESME_RCANCELFAIL: 'system-error',
  ESME_RREPLACEFAIL: 'system-error',
  ESME_RMSGQFUL: 'queue-full',
  ESME_RINVSERTYP: 'invalid-content',
  ESME_RINVNUMDESTS: 'invalid-destination',
  ESME_RINVDLNAME: 'invalid-destination',
  ESME_RINVDESTFLAG: 'invalid-destination',
  ESME_RINVSUBREP: 'invalid-content',
  ESME_RINVESMCLASS: 'invalid-content',
  ESME_RCNTSUBDL: 'invalid-destination',
  // The SMSC's catch-all refusal; Korean carriers use it for content and handset rules.
  ESME_RSUBMITFAIL: 'content-refused',
  ESME_RINVSRCTON: 'invalid-source',
  ESME_RINVSRCNPI: 'invalid-source',
  ESME_RINVDSTTON: 'invalid-destination',
  ESME_RINVDSTNPI: 'invalid-destination',
  ESME_RINVSYSTYP: 'auth-failed',
  ESME_RINVREPFLAG: 'invalid-content',
  ESME_RINVNUMMSGS: 'invalid-content',
  ESME_RTHROTTLED: 'throttled',
  ESME_RINVSCHED: 'invalid-content',
  ESME_RINVEXPIRY: 'invalid-content',
  ESME_RINVDFTMSGID: 'invalid-content',
  ESME_RX_T_APPN: 'system-error',
  ESME_RX_P_APPN: 'content-refused',
  ESME_RX_R_APPN: 'content-refused',
  ESME_RQUERYFAIL: 'system-error',
  ESME_RINVOPTPARSTREAM: 'invalid-content',
  ESME_ROPTPARNOTALLWD: 'unsupported',
  ESME_RINVPARLEN: 'invalid-content',
  ESME_RMISSINGOPTPARAM: 'invalid-content',
  ESME_RINVOPTPARAMVAL: 'invalid-content',
  ESME_RDELIVERYFAILURE: 'system-error',
  ESME_RUNKNOWNERR: 'system-error',
};

const BY_CODE = new Map<number, RejectReason>(
  Object.entries(REJECT_REASON_BY_STATUS).map(([name, reason]) => [S[name as CommandStatusName], reason]),
);

export interface Rejection {
  kind: 'rejected';
  reason: RejectReason;
  status: number;
  statusName: string;
  transient: boolean;
}

/**
 * The rejection a non-zero command_status means. Reserved and vendor-specific codes (0x400-0x4FF) have
 * no agreed meaning, so they read as a transient system error rather than a permanent refusal.
 */
export function rejectionFor(status: number): Rejection {
  const reason = BY_CODE.get(status >>> 0) ?? 'system-error';
  return { kind: 'rejected', reason, status: status >>> 0, statusName: commandStatusName(status), transient: isTransientReject(reason) };
}

/** Bind statuses that a retry cannot cure: connect() gives up at once instead of backing off. */
export const FATAL_BIND_STATUSES: ReadonlySet<number> = new Set([S.ESME_RINVPASWD, S.ESME_RINVSYSID, S.ESME_RINVSYSTYP]);

/**
 * Receipt stat -> outcome. ENROUTE is not final. ACCEPTD ("manually read on behalf of the subscriber")
 * counts as delivered; DELETED (cancelled on the SMSC) as undeliverable, since it never reached the handset.
 */
export const REPORT_OUTCOME_BY_STAT: Record<ReceiptStat, { outcome: ReportOutcome; final: boolean }> = {
  ENROUTE: { outcome: 'unknown', final: false },
  DELIVRD: { outcome: 'delivered', final: true },
  EXPIRED: { outcome: 'expired', final: true },
  DELETED: { outcome: 'undeliverable', final: true },
  UNDELIV: { outcome: 'undeliverable', final: true },
  ACCEPTD: { outcome: 'delivered', final: true },
  UNKNOWN: { outcome: 'unknown', final: true },
  REJECTD: { outcome: 'rejected', final: true },
};

const STAT_BY_STATE: Record<number, ReceiptStat> = {
  [MESSAGE_STATE.ENROUTE]: 'ENROUTE',
  [MESSAGE_STATE.DELIVERED]: 'DELIVRD',
  [MESSAGE_STATE.EXPIRED]: 'EXPIRED',
  [MESSAGE_STATE.DELETED]: 'DELETED',
  [MESSAGE_STATE.UNDELIVERABLE]: 'UNDELIV',
  [MESSAGE_STATE.ACCEPTED]: 'ACCEPTD',
  [MESSAGE_STATE.UNKNOWN]: 'UNKNOWN',
  [MESSAGE_STATE.REJECTED]: 'REJECTD',
};

/** The stat a message_state TLV stands for; undefined for values 3.4 does not define (0 SCHEDULED is 5.0). */
export function statForMessageState(state: number): ReceiptStat | undefined {
  return STAT_BY_STATE[state];
}

/** Outcome for a stat text; a stat outside Appendix B is a final 'unknown'. */
export function reportOutcomeForStat(stat: string): { outcome: ReportOutcome; final: boolean } {
  return REPORT_OUTCOME_BY_STAT[stat as ReceiptStat] ?? { outcome: 'unknown', final: true };
}

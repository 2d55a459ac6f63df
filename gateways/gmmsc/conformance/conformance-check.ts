// What a conformance check is, and how it says what it found. A check is data (id, title, the
// TS 23.140 clause it enforces) plus one async run; it reports through a verdict value, never logs.
import type { Mm7Exchange, Mm7Probe } from './mm7-probe.ts';
import type { ReportWatch } from './report-watch.ts';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckVerdict {
  status: CheckStatus;
  detail?: string;
  /** For a skip caused by another check's failure: that check's id. */
  prerequisite?: string;
}

export interface CheckSettings {
  sender: string;
  recipient: string;
  invalidRecipient: string;
  vaspId?: string;
  vasId?: string;
  serviceCode?: string;
  timeoutMs: number;
  reportTimeoutMs: number;
  /** How long DeliveryReport=false is watched for a report that must not come. */
  noReportWaitMs: number;
}

export interface CheckContext extends CheckSettings {
  probe: Mm7Probe;
  reports: ReportWatch;
  /** Computes once per run and shares the result between checks (e.g. one submit for several checks). */
  shared<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** Set when --xsd was given: validates every envelope recorded so far. */
  validateAll?: () => Promise<string[]>;
}

export interface ConformanceCheck {
  id: string;
  title: string;
  /** 3GPP TS 23.140 clause(s) (and SOAP 1.1 / HTTP sections) the check enforces. */
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

/** 'HTTP 200 SubmitRsp 1000' — how an exchange is named in check details. */
export function describeExchange(x: Mm7Exchange): string {
  if (x.transportError) return `no HTTP answer (${x.transportError})`;
  const m = x.envelope?.message;
  if (!m) return `HTTP ${x.status} ${x.contentType || '(no content-type)'} that is not an MM7 envelope (${x.decodeError ?? 'empty'})`;
  if (m.kind === 'Fault') return `HTTP ${x.status} Fault ${m.faultCode}${m.detail ? ` ${m.detail.kind} ${m.detail.status.code}` : ' without detail'}`;
  if ('status' in m) return `HTTP ${x.status} ${m.kind} ${m.status.code}`;
  return `HTTP ${x.status} ${m.kind}`;
}

/** The MM7 StatusCode an answer carries (SubmitRsp Status or a Fault's RSErrorRsp), else null. */
export function statusCodeOf(x: Mm7Exchange): number | null {
  const m = x.envelope?.message;
  if (!m) return null;
  if (m.kind === 'Fault') return m.detail?.status.code ?? null;
  return 'status' in m ? m.status.code : null;
}

// The MM7 side of a conformance check: the settings and context a check runs with, and how an
// exchange is named in details. What a check and a verdict are is the kit's.
import type { CheckContextBasics, ConformanceCheck as KitCheck } from '../../kit/conformance-check.ts';
import type { Mm7Exchange, Mm7Probe } from './mm7-probe.ts';
import type { ReportWatch } from './report-watch.ts';

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

export interface CheckContext extends CheckSettings, CheckContextBasics {
  probe: Mm7Probe;
  reports: ReportWatch;
  /** Set when --xsd was given: validates every envelope recorded so far. */
  validateAll?: () => Promise<string[]>;
}

export interface ConformanceCheck extends KitCheck<CheckContext> {
  /** 3GPP TS 23.140 clause(s) (and SOAP 1.1 / HTTP sections) the check enforces. */
  clause: string;
}

export { fail, pass, skip, VerdictSignal, type CheckVerdict } from '../../kit/conformance-check.ts';

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

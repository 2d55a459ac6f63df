// The MaaP side of an RCS conformance check: the settings and context a check runs with, and how an
// answer is named in details; what a check and a verdict are is the kit's. Clauses name GSMA FNW.11
// (MaaP Chatbot API), RFC 6749/6750 (OAuth2, bearer tokens), RCS Biz Center / KT validation rules and
// the KT code sheet.
import type { CheckContextBasics, ConformanceCheck as KitCheck } from '../../kit/conformance-check.ts';
import type { MaapWire, WireAnswer } from './maap-wire.ts';
import type { WebhookSink } from './webhook-sink.ts';

export interface CheckSettings {
  clientId: string;
  clientSecret: string;
  botId: string;
  /** A KT Android subscriber with RCS: capability yes, messages delivered. */
  capableContact: string;
  /** Subscribers RCS cannot reach (an iPhone, another carrier's subscriber). */
  notCapableContacts: string[];
  timeoutMs: number;
  webhookTimeoutMs: number;
  /** The expired-token check waits for expiry only when the token lives at most this long. */
  maxTokenWaitMs: number;
  throttleBurst: number;
  expectThrottle: boolean;
}

export interface CheckContext extends CheckSettings, CheckContextBasics {
  wire: MaapWire;
  /** null when the run has no webhook receiver (webhook checks then skip). */
  sink: WebhookSink | null;
  /** A valid bearer token (fetched once per run, again near its expiry). */
  token(): Promise<string>;
  /** POST …/messages with the run's token; backs off and retries while the target answers 429, unless `once`. */
  send(body: unknown, opts?: { once?: boolean }): Promise<WireAnswer>;
}

export interface ConformanceCheck extends KitCheck<CheckContext> {
  clause: string;
}

export { fail, pass, skip, VerdictSignal, type CheckVerdict } from '../../kit/conformance-check.ts';

/** 'HTTP 400 code 55711 (mismatching number of carousel card)' — how an answer is named in details. */
export function describeAnswer(a: WireAnswer): string {
  if (a.kind === 'timeout') return 'no answer';
  if (a.kind === 'error') return `connection error (${a.message})`;
  const code = a.code !== null ? ` code ${a.code}` : '';
  const name = a.codeName ? ` (${a.codeName})` : '';
  return `HTTP ${a.status}${code}${name}`;
}

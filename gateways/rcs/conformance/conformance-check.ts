// What an RCS conformance check is and how it says what it found: data (id, title, the clause it
// enforces) plus one async run that returns a verdict value. Clauses name GSMA FNW.11 (MaaP Chatbot
// API), RFC 6749/6750 (OAuth2, bearer tokens), RCS Biz Center / KT validation rules and the KT code sheet.
import type { MaapWire, WireAnswer } from './maap-wire.ts';
import type { WebhookSink } from './webhook-sink.ts';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckVerdict {
  status: CheckStatus;
  detail?: string;
  /** For a skip caused by another check's failure: that check's id. */
  prerequisite?: string;
}

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

export interface CheckContext extends CheckSettings {
  wire: MaapWire;
  /** null when the run has no webhook receiver (webhook checks then skip). */
  sink: WebhookSink | null;
  /** A valid bearer token (fetched once per run, again near its expiry). */
  token(): Promise<string>;
  /** POST …/messages with the run's token; backs off and retries while the target answers 429, unless `once`. */
  send(body: unknown, opts?: { once?: boolean }): Promise<WireAnswer>;
  /** Computes once per run and shares the result between checks. */
  shared<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export interface ConformanceCheck {
  id: string;
  title: string;
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

/** 'HTTP 400 code 55711 (mismatching number of carousel card)' — how an answer is named in details. */
export function describeAnswer(a: WireAnswer): string {
  if (a.kind === 'timeout') return 'no answer';
  if (a.kind === 'error') return `connection error (${a.message})`;
  const code = a.code !== null ? ` code ${a.code}` : '';
  const name = a.codeName ? ` (${a.codeName})` : '';
  return `HTTP ${a.status}${code}${name}`;
}

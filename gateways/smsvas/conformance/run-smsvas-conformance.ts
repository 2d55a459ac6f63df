// Runs the SMPP 3.4 conformance checks, one after another, against any SMSC named by a URL.
// Sequential on purpose: receipts go to whichever receiver of the account is bound, and a rate
// limit shared between checks would make results depend on scheduling.
import { KNOWN_SUBSCRIBERS } from '../../network/known-subscribers.ts';
import { SmsvasError } from '../smsvas-errors.ts';
import { bindChecks } from './bind-checks.ts';
import { createCheckContext } from './check-context.ts';
import { VerdictSignal, type CheckSettings, type CheckVerdict, type ConformanceCheck } from './conformance-check.ts';
import { assertKnownChecks, loadExpectations, type ConformanceExpectations } from './conformance-expectations.ts';
import { errorChecks } from './error-checks.ts';
import { receiptChecks } from './receipt-checks.ts';
import { sequenceChecks } from './sequence-checks.ts';
import { sessionChecks } from './session-checks.ts';
import { parseSmppTarget, redactTarget } from './smpp-target.ts';
import { submitChecks } from './submit-checks.ts';
import { throttleChecks } from './throttle-checks.ts';

/** Every check, in run order; throttling last so its burst cannot starve the others. */
export const SMSVAS_CHECKS: readonly ConformanceCheck[] = [
  ...bindChecks,
  ...sessionChecks,
  ...submitChecks,
  ...sequenceChecks,
  ...errorChecks,
  ...receiptChecks,
  ...throttleChecks,
];

export type ConformanceStatus = 'pass' | 'fail' | 'skip' | 'expected-fail' | 'unexpected-pass';

export interface ConformanceResult {
  id: string;
  title: string;
  clause: string;
  status: ConformanceStatus;
  detail?: string;
  ms: number;
}

export interface ConformanceReport {
  /** The target URL with its password masked. */
  target: string;
  targetName?: string;
  passed: boolean;
  results: ConformanceResult[];
}

export interface SmsvasConformanceOptions {
  /** smpp://system_id:password@host:port */
  target: string;
  /** A sender (callback number) the account may use; default 15880000. */
  sender?: string;
  /** A reachable subscriber; default 01012340001. */
  recipient?: string;
  /** YAML file: { target-name, expected-failures: { <check id>: reason } }. */
  expectations?: string | ConformanceExpectations;
  timeoutMs?: number;
  receiptTimeoutMs?: number;
  throttleBurst?: number;
  /** The target has a rate limit below throttleBurst: at least one ESME_RTHROTTLED must be seen. */
  expectThrottle?: boolean;
  /** Check ids, or group names such as 'receipt' for every receipt.* check. */
  only?: string[];
  invalidDestination?: string;
  noReceiptWaitMs?: number;
  resendWaitMs?: number;
  /** Called as each check finishes (for progress output). */
  onResult?: (result: ConformanceResult) => void;
}

export const DEFAULT_SENDER = '15880000';
export const DEFAULT_INVALID_DESTINATION = 'NOT-A-NUMBER';

export function selectChecks(only: string[] | undefined): ConformanceCheck[] {
  if (!only || only.length === 0) return [...SMSVAS_CHECKS];
  const wanted = only.map((s) => s.trim()).filter(Boolean);
  const picks = (c: ConformanceCheck, w: string) => c.id === w || c.id.startsWith(`${w}.`);
  const unknown = wanted.filter((w) => !SMSVAS_CHECKS.some((c) => picks(c, w)));
  if (unknown.length > 0) throw new SmsvasError('SMSVAS_ERR_CONFIG', `unknown check id(s): ${unknown.join(', ')}`);
  return SMSVAS_CHECKS.filter((c) => wanted.some((w) => picks(c, w)));
}

export async function runSmsvasConformance(opts: SmsvasConformanceOptions): Promise<ConformanceReport> {
  const target = parseSmppTarget(opts.target);
  const checks = selectChecks(opts.only);
  const expectations = typeof opts.expectations === 'string' ? loadExpectations(opts.expectations) : opts.expectations;
  if (expectations) assertKnownChecks(expectations, new Set(SMSVAS_CHECKS.map((c) => c.id)), typeof opts.expectations === 'string' ? opts.expectations : undefined);

  const timeoutMs = opts.timeoutMs ?? 5000;
  const receiptTimeoutMs = opts.receiptTimeoutMs ?? 30_000;
  const settings: CheckSettings = {
    sender: opts.sender ?? DEFAULT_SENDER,
    recipient: opts.recipient ?? KNOWN_SUBSCRIBERS.ktAndroidRcs,
    invalidDestination: opts.invalidDestination ?? DEFAULT_INVALID_DESTINATION,
    timeoutMs,
    receiptTimeoutMs,
    noReceiptWaitMs: opts.noReceiptWaitMs ?? Math.min(3000, receiptTimeoutMs),
    resendWaitMs: opts.resendWaitMs ?? Math.min(3000, receiptTimeoutMs),
    throttleBurst: opts.throttleBurst ?? 200,
    expectThrottle: opts.expectThrottle ?? false,
  };
  // Generous enough for the slowest check (five sequential requests, a receipt and its resend watch).
  const checkCapMs = 6 * timeoutMs + receiptTimeoutMs + settings.noReceiptWaitMs + settings.resendWaitMs;
  const memo = new Map<string, Promise<unknown>>();

  const verdicts: Array<{ check: ConformanceCheck; verdict: CheckVerdict; ms: number }> = [];
  for (const check of checks) {
    const started = performance.now();
    const { ctx, cleanup } = createCheckContext(target, settings, memo);
    let verdict: CheckVerdict;
    let timer: NodeJS.Timeout | undefined;
    try {
      const cap = new Promise<CheckVerdict>((resolve) => {
        timer = setTimeout(() => resolve({ status: 'fail', detail: `check did not finish within ${checkCapMs}ms` }), checkCapMs);
      });
      verdict = await Promise.race([check.run(ctx), cap]);
    } catch (err) {
      verdict = err instanceof VerdictSignal ? err.verdict : { status: 'fail', detail: `check crashed: ${(err as Error).message}` };
    } finally {
      clearTimeout(timer);
      await cleanup();
    }
    const ms = Math.round(performance.now() - started);
    verdicts.push({ check, verdict, ms });
    opts.onResult?.(toResult(check, settleSkip(verdict, verdicts), ms, expectations));
  }

  const results = verdicts.map(({ check, verdict, ms }) => toResult(check, settleSkip(verdict, verdicts), ms, expectations));
  return {
    target: redactTarget(opts.target),
    targetName: expectations?.targetName,
    passed: results.length > 0 && results.every((r) => r.status !== 'fail' && r.status !== 'unexpected-pass'),
    results,
  };
}

/**
 * A skip is only honest when the check it points at did report the failure; a skip whose
 * prerequisite passed or did not run is a failure of its own.
 */
function settleSkip(verdict: CheckVerdict, all: ReadonlyArray<{ check: ConformanceCheck; verdict: CheckVerdict }>): CheckVerdict {
  if (verdict.status !== 'skip' || !verdict.prerequisite) return verdict;
  const pre = all.find((v) => v.check.id === verdict.prerequisite);
  if (pre && pre.verdict.status !== 'pass') return { ...verdict, detail: `${verdict.detail} (see ${verdict.prerequisite})` };
  const why = pre ? `${verdict.prerequisite} passed earlier` : `${verdict.prerequisite} was not run`;
  return { status: 'fail', detail: `${verdict.detail} (${why})` };
}

function toResult(check: ConformanceCheck, verdict: CheckVerdict, ms: number, exp: ConformanceExpectations | undefined): ConformanceResult {
  const base = { id: check.id, title: check.title, clause: check.clause, ms };
  const reason = exp?.expectedFailures[check.id];
  if (reason !== undefined && verdict.status === 'fail') return { ...base, status: 'expected-fail', detail: `${reason} — ${verdict.detail ?? ''}` };
  if (reason !== undefined && verdict.status === 'pass') return { ...base, status: 'unexpected-pass', detail: `listed as expected failure (${reason}) but passed${verdict.detail ? `: ${verdict.detail}` : ''}` };
  return { ...base, status: verdict.status, ...(verdict.detail ? { detail: verdict.detail } : {}) };
}

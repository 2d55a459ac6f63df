// Runs the SMPP 3.4 conformance checks against any SMSC named by a URL, one after another (the kit's
// runner; receipts go to whichever receiver of the account is bound, so checks never overlap).
import { createSharedResults, type ConformanceReport as KitReport, type ConformanceResult as KitResult } from '../../kit/conformance-check.ts';
import type { ConformanceExpectations } from '../../kit/conformance-expectations.ts';
import { runConformanceChecks } from '../../kit/conformance-runner.ts';
import { createConformanceSuite } from '../../kit/conformance-suite.ts';
import { KNOWN_SUBSCRIBERS } from '../../network/known-subscribers.ts';
import { SmsvasError } from '../smsvas-errors.ts';
import { bindChecks } from './bind-checks.ts';
import { createCheckContext } from './check-context.ts';
import type { CheckSettings, ConformanceCheck } from './conformance-check.ts';
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

/** The checks with `--only` selection and expectations; errors are SMSVAS_ERR_CONFIG. */
export const SMSVAS_SUITE = createConformanceSuite(SMSVAS_CHECKS, (message) => new SmsvasError('SMSVAS_ERR_CONFIG', message));

export type ConformanceResult = KitResult<'clause'>;
/** `target` is the URL with its password masked. */
export type ConformanceReport = KitReport<'clause'>;

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

export async function runSmsvasConformance(opts: SmsvasConformanceOptions): Promise<ConformanceReport> {
  const target = parseSmppTarget(opts.target);
  const checks = SMSVAS_SUITE.select(opts.only);
  const expectations = SMSVAS_SUITE.resolveExpectations(opts.expectations);

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
  const shared = createSharedResults();
  const outcome = await runConformanceChecks({
    checks,
    reference: 'clause',
    capMs: checkCapMs,
    openContext: () => createCheckContext(target, settings, shared),
    expectations,
    onResult: opts.onResult,
  });
  return { target: redactTarget(opts.target), targetName: expectations?.targetName, ...outcome };
}

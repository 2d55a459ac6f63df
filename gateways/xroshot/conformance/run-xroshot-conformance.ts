// Runs the Xroshot MAS conformance checks against any MAS server named by a URL and an account's
// credentials, one after another (the kit's runner): reports go to whichever session of the account
// is registered, and the per-session rate must not be shared between checks.
import { readFileSync } from 'node:fs';
import { createSharedResults, type ConformanceReport as KitReport, type ConformanceResult as KitResult } from '../../kit/conformance-check.ts';
import type { ConformanceExpectations } from '../../kit/conformance-expectations.ts';
import { runConformanceChecks } from '../../kit/conformance-runner.ts';
import { createConformanceSuite } from '../../kit/conformance-suite.ts';
import { KNOWN_SUBSCRIBERS } from '../../network/known-subscribers.ts';
import { parseXroshotTarget, redactXroshotTarget } from '../client/client-options.ts';
import { loadXroshotConfig } from '../simulator/xroshot-config.ts';
import { XroshotError } from '../xroshot-errors.ts';
import { authChecks } from './auth-checks.ts';
import { createCheckContext } from './check-context.ts';
import type { CheckSettings, ConformanceCheck } from './conformance-check.ts';
import { framingChecks } from './framing-checks.ts';
import { garbageChecks } from './garbage-checks.ts';
import { pingChecks } from './ping-checks.ts';
import { reportChecks } from './report-checks.ts';
import { sendChecks } from './send-checks.ts';
import { throttleChecks } from './throttle-checks.ts';

const [nulTerminated, splitAndJoined, utf8] = framingChecks;

/**
 * Every check, in run order. Checks that need an accepted message run after send.accepted so they can
 * point at it when nothing is answered; the burst runs last so it cannot starve the others.
 */
export const XROSHOT_CHECKS: readonly ConformanceCheck[] = [
  nulTerminated,
  splitAndJoined,
  ...authChecks,
  ...sendChecks,
  ...reportChecks,
  utf8,
  ...pingChecks,
  ...garbageChecks,
  ...throttleChecks,
];

/** The checks with `--only` selection and expectations; errors are XROSHOT_ERR_CONFIG. */
export const XROSHOT_SUITE = createConformanceSuite(XROSHOT_CHECKS, (message) => new XroshotError('XROSHOT_ERR_CONFIG', message));

export type ConformanceResult = KitResult<'source'>;
/** `target` is the target with any password masked. */
export type ConformanceReport = KitReport<'source'>;

export interface XroshotConformanceOptions {
  /** tcp://host:port (or tcp://spId:password@host:port). */
  target: string;
  serviceProviderId?: string;
  password?: string;
  /** Default: the service provider id. */
  endUserId?: string;
  /** Certificate text; default: the certificate of the same account in the simulator's bundled config. */
  certificate?: string;
  certificateFile?: string;
  callback?: string;
  recipient?: string;
  unregisteredCallback?: string;
  invalidRecipient?: string;
  expectations?: string | ConformanceExpectations;
  timeoutMs?: number;
  reportTimeoutMs?: number;
  resendWaitMs?: number;
  throttleBurst?: number;
  /** The target's per-session rate is below the burst: at least one Result 33 must be seen. */
  expectThrottle?: boolean;
  /** Check ids, or groups such as 'garbage' for every garbage.* check. */
  only?: string[];
  onResult?: (result: ConformanceResult) => void;
}

export const DEFAULT_CALLBACK = '15880000';
export const DEFAULT_UNREGISTERED_CALLBACK = '0299990000';
export const DEFAULT_INVALID_RECIPIENT = 'NOT-A-NUMBER';

function certificateFor(o: XroshotConformanceOptions, spId: string): string {
  if (o.certificate) return o.certificate;
  if (o.certificateFile) {
    try {
      return readFileSync(o.certificateFile, 'utf8').trim();
    } catch (err) {
      throw new XroshotError('XROSHOT_ERR_CONFIG', `cannot read certificate ${o.certificateFile}: ${(err as Error).message}`);
    }
  }
  const bundled = loadXroshotConfig().accounts.find((a) => a.serviceProviderId === spId);
  if (!bundled) throw new XroshotError('XROSHOT_ERR_CONFIG', `no certificate given for ${spId} (use --cert FILE)`);
  return bundled.cert;
}

export async function runXroshotConformance(opts: XroshotConformanceOptions): Promise<ConformanceReport> {
  const t = parseXroshotTarget(opts.target);
  const serviceProviderId = opts.serviceProviderId ?? t.serviceProviderId;
  if (!serviceProviderId) throw new XroshotError('XROSHOT_ERR_CONFIG', 'a service provider id is required (--sp-id or tcp://spId:password@host:port)');
  const checks = XROSHOT_SUITE.select(opts.only);
  const expectations = XROSHOT_SUITE.resolveExpectations(opts.expectations);

  const timeoutMs = opts.timeoutMs ?? 5000;
  const settings: CheckSettings = {
    host: t.host,
    port: t.port,
    serviceProviderId,
    password: opts.password ?? t.password,
    endUserId: opts.endUserId ?? serviceProviderId,
    certificate: certificateFor(opts, serviceProviderId),
    callback: opts.callback ?? DEFAULT_CALLBACK,
    recipient: opts.recipient ?? KNOWN_SUBSCRIBERS.sktAndroid,
    unregisteredCallback: opts.unregisteredCallback ?? DEFAULT_UNREGISTERED_CALLBACK,
    invalidRecipient: opts.invalidRecipient ?? DEFAULT_INVALID_RECIPIENT,
    timeoutMs,
    reportTimeoutMs: opts.reportTimeoutMs ?? 30_000,
    resendWaitMs: opts.resendWaitMs ?? 3000,
    throttleBurst: opts.throttleBurst ?? 400,
    expectThrottle: opts.expectThrottle ?? false,
  };
  // Generous enough for the slowest check (a message, its report and the resend watch).
  const checkCapMs = 6 * timeoutMs + settings.reportTimeoutMs + settings.resendWaitMs;
  const shared = createSharedResults();
  const outcome = await runConformanceChecks({
    checks,
    reference: 'source',
    capMs: checkCapMs,
    openContext: () => createCheckContext(settings, shared),
    expectations,
    onResult: opts.onResult,
  });
  return { target: redactXroshotTarget(opts.target), targetName: expectations?.targetName, ...outcome };
}

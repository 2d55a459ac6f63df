// Runs the Xroshot MAS conformance checks, one after another, against any MAS server named by a URL
// and an account's credentials. Sequential on purpose: reports go to whichever session of the account
// is registered, and the per-session rate must not be shared between checks.
import { readFileSync } from 'node:fs';
import { KNOWN_SUBSCRIBERS } from '../../network/known-subscribers.ts';
import { parseXroshotTarget, redactXroshotTarget } from '../client/client-options.ts';
import { loadXroshotConfig } from '../simulator/xroshot-config.ts';
import { XroshotError } from '../xroshot-errors.ts';
import { authChecks } from './auth-checks.ts';
import { createCheckContext } from './check-context.ts';
import { VerdictSignal, type CheckSettings, type CheckVerdict, type ConformanceCheck } from './conformance-check.ts';
import { assertKnownChecks, loadExpectations, type ConformanceExpectations } from './conformance-expectations.ts';
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

export type ConformanceStatus = 'pass' | 'fail' | 'skip' | 'expected-fail' | 'unexpected-pass';

export interface ConformanceResult {
  id: string;
  title: string;
  source: string;
  status: ConformanceStatus;
  detail?: string;
  ms: number;
}

export interface ConformanceReport {
  /** The target with any password masked. */
  target: string;
  targetName?: string;
  passed: boolean;
  results: ConformanceResult[];
}

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

export function selectChecks(only: string[] | undefined): ConformanceCheck[] {
  if (!only || only.length === 0) return [...XROSHOT_CHECKS];
  const wanted = only.map((s) => s.trim()).filter(Boolean);
  const picks = (c: ConformanceCheck, w: string) => c.id === w || c.id.startsWith(`${w}.`);
  const unknown = wanted.filter((w) => !XROSHOT_CHECKS.some((c) => picks(c, w)));
  if (unknown.length > 0) throw new XroshotError('XROSHOT_ERR_CONFIG', `unknown check id(s): ${unknown.join(', ')}`);
  return XROSHOT_CHECKS.filter((c) => wanted.some((w) => picks(c, w)));
}

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
  const checks = selectChecks(opts.only);
  const expectations = typeof opts.expectations === 'string' ? loadExpectations(opts.expectations) : opts.expectations;
  if (expectations) assertKnownChecks(expectations, new Set(XROSHOT_CHECKS.map((c) => c.id)), typeof opts.expectations === 'string' ? opts.expectations : undefined);

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
  const memo = new Map<string, Promise<unknown>>();
  const verdicts: Array<{ check: ConformanceCheck; verdict: CheckVerdict; ms: number }> = [];
  for (const check of checks) {
    const started = performance.now();
    const { ctx, cleanup } = createCheckContext(settings, memo);
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
    target: redactXroshotTarget(opts.target),
    targetName: expectations?.targetName,
    passed: results.length > 0 && results.every((r) => r.status !== 'fail' && r.status !== 'unexpected-pass'),
    results,
  };
}

/** A skip is honest only when the check it points at failed in this run; otherwise it is a failure. */
function settleSkip(verdict: CheckVerdict, all: ReadonlyArray<{ check: ConformanceCheck; verdict: CheckVerdict }>): CheckVerdict {
  if (verdict.status !== 'skip' || !verdict.prerequisite) return verdict;
  const pre = all.find((v) => v.check.id === verdict.prerequisite);
  if (pre && pre.verdict.status !== 'pass') return { ...verdict, detail: `${verdict.detail} (see ${verdict.prerequisite})` };
  const why = pre ? `${verdict.prerequisite} passed earlier` : `${verdict.prerequisite} was not run`;
  return { status: 'fail', detail: `${verdict.detail} (${why})` };
}

function toResult(check: ConformanceCheck, verdict: CheckVerdict, ms: number, exp: ConformanceExpectations | undefined): ConformanceResult {
  const base = { id: check.id, title: check.title, source: check.source, ms };
  const reason = exp?.expectedFailures[check.id];
  if (reason !== undefined && verdict.status === 'fail') return { ...base, status: 'expected-fail', detail: `${reason} — ${verdict.detail ?? ''}` };
  if (reason !== undefined && verdict.status === 'pass') return { ...base, status: 'unexpected-pass', detail: `listed as expected failure (${reason}) but passed${verdict.detail ? `: ${verdict.detail}` : ''}` };
  return { ...base, status: verdict.status, ...(verdict.detail ? { detail: verdict.detail } : {}) };
}

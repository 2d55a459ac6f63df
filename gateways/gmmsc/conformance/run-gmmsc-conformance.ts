// Runs the MM7 conformance checks, one after another, against any MMSC named by a URL. The suite
// runs its own callback receiver; the target account's delivery-report URL must point at it.
import { KNOWN_SUBSCRIBERS } from '../../network/known-subscribers.ts';
import { parseMm7Target, redactMm7Target, resolveNamespace } from '../client/client-options.ts';
import { defaultMm7Version } from '../codec/mm7-namespaces.ts';
import { GmmscError } from '../gmmsc-errors.ts';
import { VerdictSignal, type CheckContext, type CheckSettings, type CheckVerdict, type ConformanceCheck } from './conformance-check.ts';
import { assertKnownChecks, loadExpectations, type ConformanceExpectations } from './conformance-expectations.ts';
import { createMm7Probe } from './mm7-probe.ts';
import { reportChecks } from './report-checks.ts';
import { startReportWatch } from './report-watch.ts';
import { schemaChecks } from './schema-checks.ts';
import { statusChecks } from './status-checks.ts';
import { submitChecks } from './submit-checks.ts';
import { createXsdValidator, type XsdValidator } from './xsd-validator.ts';

/** Every check, in run order; the schema check last, so it sees every envelope of the run. */
export const GMMSC_CHECKS: readonly ConformanceCheck[] = [...submitChecks, ...statusChecks, ...reportChecks, ...schemaChecks];

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
  /** Where the suite received callbacks. */
  callbackUrl: string;
  passed: boolean;
  results: ConformanceResult[];
}

export interface GmmscConformanceOptions {
  /** http://user:password@host:port/path of the MMSC's MM7 endpoint. */
  target: string;
  /** Namespace of the ordinary requests (default REL-6-MM7-1-4) and its MM7Version (default 6.8.0). */
  namespace?: string;
  mm7Version?: string;
  /** A sender the account may use (default 15880000). */
  sender?: string;
  /** A reachable subscriber that yields delivery reports (default 01012340001). */
  recipient?: string;
  /** A recipient that is not an address at all (default NOT-A-NUMBER). */
  invalidRecipient?: string;
  vaspId?: string;
  vasId?: string;
  serviceCode?: string;
  /** Address the callback receiver binds (default 127.0.0.1; 0.0.0.0 for an MMSC in a container). */
  callbackHost?: string;
  callbackPort?: number;
  callbackPath?: string;
  /** The URL the target posts to, when not the bound address (NAT, docker bridge). */
  callbackUrl?: string;
  /** Called once the receiver listens, before any check: point the target's callback at `url` here. */
  onCallbackUrl?: (url: string) => Promise<void> | void;
  /** Directory with the MM7 XSDs (REL-6-MM7-1-4.xsd, ...): validate every envelope with xmllint. */
  xsd?: string;
  expectations?: string | ConformanceExpectations;
  /** Check ids, or group names such as 'report' for every report.* check. */
  only?: string[];
  timeoutMs?: number;
  reportTimeoutMs?: number;
  noReportWaitMs?: number;
  onResult?: (result: ConformanceResult) => void;
}

export const DEFAULT_SENDER = '15880000';
export const DEFAULT_INVALID_RECIPIENT = 'NOT-A-NUMBER';

export function selectChecks(only: string[] | undefined): ConformanceCheck[] {
  if (!only || only.length === 0) return [...GMMSC_CHECKS];
  const wanted = only.map((s) => s.trim()).filter(Boolean);
  const picks = (c: ConformanceCheck, w: string) => c.id === w || c.id.startsWith(`${w}.`);
  const unknown = wanted.filter((w) => !GMMSC_CHECKS.some((c) => picks(c, w)));
  if (unknown.length > 0) throw new GmmscError('GMMSC_ERR_CONFIG', `unknown check id(s): ${unknown.join(', ')}`);
  return GMMSC_CHECKS.filter((c) => wanted.some((w) => picks(c, w)));
}

export async function runGmmscConformance(opts: GmmscConformanceOptions): Promise<ConformanceReport> {
  const target = parseMm7Target(opts.target);
  const checks = selectChecks(opts.only);
  const expectations = typeof opts.expectations === 'string' ? loadExpectations(opts.expectations) : opts.expectations;
  if (expectations) assertKnownChecks(expectations, new Set(GMMSC_CHECKS.map((c) => c.id)), typeof opts.expectations === 'string' ? opts.expectations : undefined);
  const xsd: XsdValidator | null = opts.xsd ? await createXsdValidator(opts.xsd) : null;

  const timeoutMs = opts.timeoutMs ?? 5000;
  const reportTimeoutMs = opts.reportTimeoutMs ?? 30_000;
  const settings: CheckSettings = {
    sender: opts.sender ?? DEFAULT_SENDER,
    recipient: opts.recipient ?? KNOWN_SUBSCRIBERS.ktAndroidRcs,
    invalidRecipient: opts.invalidRecipient ?? DEFAULT_INVALID_RECIPIENT,
    vaspId: opts.vaspId,
    vasId: opts.vasId,
    serviceCode: opts.serviceCode,
    timeoutMs,
    reportTimeoutMs,
    noReportWaitMs: opts.noReportWaitMs ?? Math.min(3000, reportTimeoutMs),
  };
  const namespace = resolveNamespace(opts.namespace);
  const reports = await startReportWatch({ host: opts.callbackHost ?? '127.0.0.1', port: opts.callbackPort ?? 0, path: opts.callbackPath ?? '/mm7/callback', publicUrl: opts.callbackUrl });
  const probe = createMm7Probe({
    target,
    namespace,
    mm7Version: opts.mm7Version ?? defaultMm7Version(namespace),
    sender: settings.sender,
    recipient: settings.recipient,
    vaspId: opts.vaspId,
    vasId: opts.vasId,
    serviceCode: opts.serviceCode,
    timeoutMs,
    runId: `msgsim-${Date.now().toString(36)}`,
  });
  const memo = new Map<string, Promise<unknown>>();
  const ctx: CheckContext = {
    ...settings,
    probe,
    reports,
    shared<T>(key: string, compute: () => Promise<T>): Promise<T> {
      let p = memo.get(key) as Promise<T> | undefined;
      if (!p) memo.set(key, (p = compute()));
      return p;
    },
    ...(xsd
      ? {
          async validateAll() {
            const docs = [...probe.recorded];
            for (const e of reports.exchanges) {
              if (e.requestXml) docs.push({ what: 'callback (request)', xml: e.requestXml });
              docs.push({ what: 'callback (suite answer)', xml: e.responseXml });
            }
            const problems: string[] = [];
            for (const d of docs) for (const p of await xsd.validate(d.xml)) problems.push(`${d.what}: ${p}`);
            return problems;
          },
        }
      : {}),
  };

  // Generous enough for the slowest check: a report wait plus a few requests.
  const checkCapMs = 6 * timeoutMs + reportTimeoutMs + settings.noReportWaitMs;
  const verdicts: Array<{ check: ConformanceCheck; verdict: CheckVerdict; ms: number }> = [];
  try {
    await opts.onCallbackUrl?.(reports.url);
    for (const check of checks) {
      const started = performance.now();
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
      }
      const ms = Math.round(performance.now() - started);
      verdicts.push({ check, verdict, ms });
      opts.onResult?.(toResult(check, settleSkip(verdict, verdicts), ms, expectations));
    }
  } finally {
    await probe.close();
    await reports.close();
    xsd?.close();
  }

  const results = verdicts.map(({ check, verdict, ms }) => toResult(check, settleSkip(verdict, verdicts), ms, expectations));
  return {
    target: redactMm7Target(opts.target),
    targetName: expectations?.targetName,
    callbackUrl: reports.url,
    passed: results.length > 0 && results.every((r) => r.status !== 'fail' && r.status !== 'unexpected-pass'),
    results,
  };
}

/** A skip is only honest when the check it points at did report the failure. */
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

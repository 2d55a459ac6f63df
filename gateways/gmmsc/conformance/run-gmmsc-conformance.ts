// Runs the MM7 conformance checks, one after another, against any MMSC named by a URL. The suite
// runs its own callback receiver; the target account's delivery-report URL must point at it.
import { createSharedResults, type ConformanceReport as KitReport, type ConformanceResult as KitResult } from '../../kit/conformance-check.ts';
import type { ConformanceExpectations } from '../../kit/conformance-expectations.ts';
import { runConformanceChecks } from '../../kit/conformance-runner.ts';
import { createConformanceSuite } from '../../kit/conformance-suite.ts';
import { KNOWN_SUBSCRIBERS } from '../../network/known-subscribers.ts';
import { parseMm7Target, redactMm7Target, resolveNamespace } from '../client/client-options.ts';
import { defaultMm7Version } from '../codec/mm7-namespaces.ts';
import { GmmscError } from '../gmmsc-errors.ts';
import type { CheckContext, CheckSettings, ConformanceCheck } from './conformance-check.ts';
import { createMm7Probe } from './mm7-probe.ts';
import { reportChecks } from './report-checks.ts';
import { startReportWatch } from './report-watch.ts';
import { schemaChecks } from './schema-checks.ts';
import { statusChecks } from './status-checks.ts';
import { submitChecks } from './submit-checks.ts';
import { createXsdValidator, type XsdValidator } from './xsd-validator.ts';

/** Every check, in run order; the schema check last, so it sees every envelope of the run. */
export const GMMSC_CHECKS: readonly ConformanceCheck[] = [...submitChecks, ...statusChecks, ...reportChecks, ...schemaChecks];

/** The checks with `--only` selection and expectations; errors are GMMSC_ERR_CONFIG. */
export const GMMSC_SUITE = createConformanceSuite(GMMSC_CHECKS, (message) => new GmmscError('GMMSC_ERR_CONFIG', message));

export type ConformanceResult = KitResult<'clause'>;

/** `target` is the URL with its password masked. */
export interface ConformanceReport extends KitReport<'clause'> {
  /** Where the suite received callbacks. */
  callbackUrl: string;
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

export async function runGmmscConformance(opts: GmmscConformanceOptions): Promise<ConformanceReport> {
  const target = parseMm7Target(opts.target);
  const checks = GMMSC_SUITE.select(opts.only);
  const expectations = GMMSC_SUITE.resolveExpectations(opts.expectations);
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
  const ctx: CheckContext = {
    ...settings,
    probe,
    reports,
    shared: createSharedResults(),
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
  try {
    await opts.onCallbackUrl?.(reports.url);
    const outcome = await runConformanceChecks({ checks, reference: 'clause', capMs: checkCapMs, openContext: () => ({ ctx }), expectations, onResult: opts.onResult });
    return { target: redactMm7Target(opts.target), targetName: expectations?.targetName, callbackUrl: reports.url, ...outcome };
  } finally {
    await probe.close();
    await reports.close();
    xsd?.close();
  }
}

// Runs the RCS conformance checks, one after another, against any MaaP-style endpoint. The suite
// runs its own webhook receiver; the target learns its URL through `registerWebhook` (our simulator:
// PUT /admin/webhook) or from whoever configures the target (the URL is in the report).
import { KNOWN_SUBSCRIBERS } from '../../network/known-subscribers.ts';
import { RcsError } from '../rcs-errors.ts';
import { authChecks } from './auth-checks.ts';
import { capabilityChecks } from './capability-checks.ts';
import { createCheckContext, type RunState } from './check-context.ts';
import { VerdictSignal, type CheckSettings, type CheckVerdict, type ConformanceCheck } from './conformance-check.ts';
import { assertKnownChecks, loadExpectations, type ConformanceExpectations } from './conformance-expectations.ts';
import { createMaapWire } from './maap-wire.ts';
import { sendChecks } from './send-checks.ts';
import { throttleChecks } from './throttle-checks.ts';
import { webhookChecks } from './webhook-checks.ts';
import { startWebhookSink, type WebhookSinkOptions } from './webhook-sink.ts';

/** Every check, in run order; throttling last so its burst cannot starve the others. */
export const RCS_CHECKS: readonly ConformanceCheck[] = [...authChecks, ...capabilityChecks, ...sendChecks, ...webhookChecks, ...throttleChecks];

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
  target: string;
  targetName?: string;
  /** Where the suite received webhooks (null: run without a receiver). */
  webhookUrl: string | null;
  passed: boolean;
  results: ConformanceResult[];
}

export interface RcsConformanceOptions {
  /** MaaP base URL, e.g. http://127.0.0.1:8082 */
  target: string;
  clientId: string;
  clientSecret: string;
  botId: string;
  capableContact?: string;
  notCapableContacts?: string[];
  expectations?: string | ConformanceExpectations;
  timeoutMs?: number;
  webhookTimeoutMs?: number;
  maxTokenWaitMs?: number;
  throttleBurst?: number;
  expectThrottle?: boolean;
  /** Check ids, or group names such as 'limits' for every limits.* check. */
  only?: string[];
  /** The suite's webhook receiver; `false` runs without one (webhook checks skip). */
  webhook?: WebhookSinkOptions | false;
  /** Tells the target the receiver's URL; resolves with a function that undoes it after the run. */
  registerWebhook?: (url: string) => Promise<(() => Promise<void>) | void>;
  /** Called once the webhook receiver listens, before the first check. */
  onWebhookUrl?: (url: string) => void;
  onResult?: (result: ConformanceResult) => void;
}

export function selectChecks(only: string[] | undefined): ConformanceCheck[] {
  if (!only || only.length === 0) return [...RCS_CHECKS];
  const wanted = only.map((s) => s.trim()).filter(Boolean);
  const picks = (c: ConformanceCheck, w: string) => c.id === w || c.id.startsWith(`${w}.`);
  const unknown = wanted.filter((w) => !RCS_CHECKS.some((c) => picks(c, w)));
  if (unknown.length > 0) throw new RcsError('RCS_ERR_CONFIG', `unknown check id(s): ${unknown.join(', ')}`);
  return RCS_CHECKS.filter((c) => wanted.some((w) => picks(c, w)));
}

export async function runRcsConformance(opts: RcsConformanceOptions): Promise<ConformanceReport> {
  const checks = selectChecks(opts.only);
  const known = new Set(RCS_CHECKS.map((c) => c.id));
  const expectations = typeof opts.expectations === 'string' ? loadExpectations(opts.expectations, known) : opts.expectations;
  if (expectations && typeof opts.expectations !== 'string') assertKnownChecks(expectations, known);
  try {
    new URL(opts.target);
  } catch {
    throw new RcsError('RCS_ERR_CONFIG', `target '${opts.target}' is not a URL such as http://127.0.0.1:8082`);
  }
  const timeoutMs = opts.timeoutMs ?? 5000;
  const settings: CheckSettings = {
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    botId: opts.botId,
    capableContact: opts.capableContact ?? KNOWN_SUBSCRIBERS.ktAndroidRcs,
    notCapableContacts: opts.notCapableContacts ?? [KNOWN_SUBSCRIBERS.ktIos, KNOWN_SUBSCRIBERS.sktAndroid],
    timeoutMs,
    webhookTimeoutMs: opts.webhookTimeoutMs ?? 30_000,
    maxTokenWaitMs: opts.maxTokenWaitMs ?? 5000,
    throttleBurst: opts.throttleBurst ?? 200,
    expectThrottle: opts.expectThrottle ?? false,
  };
  const checkCapMs = 12 * timeoutMs + settings.webhookTimeoutMs + settings.maxTokenWaitMs + 2000;
  const wire = createMaapWire(opts.target, timeoutMs);
  const sink = opts.webhook === false ? null : await startWebhookSink(opts.webhook ?? {});
  let undo: (() => Promise<void>) | void = undefined;
  const verdicts: Array<{ check: ConformanceCheck; verdict: CheckVerdict; ms: number }> = [];
  try {
    if (sink) opts.onWebhookUrl?.(sink.url);
    if (sink && opts.registerWebhook) undo = await opts.registerWebhook(sink.url);
    const run: RunState = { memo: new Map(), token: null };
    for (const check of checks) {
      const started = performance.now();
      const ctx = createCheckContext(settings, wire, sink, run);
      let verdict: CheckVerdict;
      let timer: NodeJS.Timeout | undefined;
      try {
        const cap = new Promise<CheckVerdict>((resolve) => {
          timer = setTimeout(() => resolve({ status: 'fail', detail: `check did not finish within ${checkCapMs} ms` }), checkCapMs);
        });
        verdict = await Promise.race([check.run(ctx), cap]);
      } catch (err) {
        verdict = err instanceof VerdictSignal ? err.verdict : { status: 'fail', detail: `check crashed: ${(err as Error).message}` };
      } finally {
        clearTimeout(timer);
      }
      const ms = Math.round(performance.now() - started);
      verdicts.push({ check, verdict, ms });
      opts.onResult?.(toResult(check, settleSkip(verdict, verdicts, false), ms, expectations));
    }
  } finally {
    if (undo) await undo().catch(() => {});
    await Promise.all([wire.close(), sink?.close()]);
  }
  const results = verdicts.map(({ check, verdict, ms }) => toResult(check, settleSkip(verdict, verdicts), ms, expectations));
  return {
    target: opts.target,
    targetName: expectations?.targetName,
    webhookUrl: sink?.url ?? null,
    passed: results.length > 0 && results.every((r) => r.status !== 'fail' && r.status !== 'unexpected-pass'),
    results,
  };
}

/** A skip is only honest when the check it points at did fail; otherwise it is a failure of its own. */
function settleSkip(verdict: CheckVerdict, all: ReadonlyArray<{ check: ConformanceCheck; verdict: CheckVerdict }>, final = true): CheckVerdict {
  if (verdict.status !== 'skip' || !verdict.prerequisite) return verdict;
  const pre = all.find((v) => v.check.id === verdict.prerequisite);
  // While the run is going, a prerequisite that runs later has not had its say yet.
  if (!pre && !final) return verdict;
  if (pre && pre.verdict.status !== 'pass') return { ...verdict, detail: `${verdict.detail} (see ${verdict.prerequisite})` };
  const why = pre ? `${verdict.prerequisite} passed` : `${verdict.prerequisite} was not run`;
  return { status: 'fail', detail: `${verdict.detail} (${why})` };
}

function toResult(check: ConformanceCheck, verdict: CheckVerdict, ms: number, exp: ConformanceExpectations | undefined): ConformanceResult {
  const base = { id: check.id, title: check.title, clause: check.clause, ms };
  const reason = exp?.expectedFailures[check.id];
  if (reason !== undefined && verdict.status === 'fail') return { ...base, status: 'expected-fail', detail: `${reason} — ${verdict.detail ?? ''}` };
  if (reason !== undefined && verdict.status === 'pass') return { ...base, status: 'unexpected-pass', detail: `listed as expected failure (${reason}) but passed${verdict.detail ? `: ${verdict.detail}` : ''}` };
  return { ...base, status: verdict.status, ...(verdict.detail ? { detail: verdict.detail } : {}) };
}

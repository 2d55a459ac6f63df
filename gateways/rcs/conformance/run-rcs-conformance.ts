// Runs the RCS conformance checks, one after another (the kit's runner), against any MaaP-style endpoint. The suite
// runs its own webhook receiver; the target learns its URL through `registerWebhook` (our simulator:
// PUT /admin/webhook) or from whoever configures the target (the URL is in the report).
import { createSharedResults, type ConformanceReport as KitReport, type ConformanceResult as KitResult } from '../../kit/conformance-check.ts';
import type { ConformanceExpectations } from '../../kit/conformance-expectations.ts';
import { runConformanceChecks } from '../../kit/conformance-runner.ts';
import { createConformanceSuite } from '../../kit/conformance-suite.ts';
import { KNOWN_SUBSCRIBERS } from '../../network/known-subscribers.ts';
import { RcsError } from '../rcs-errors.ts';
import { authChecks } from './auth-checks.ts';
import { capabilityChecks } from './capability-checks.ts';
import { createCheckContext, type RunState } from './check-context.ts';
import type { CheckSettings, ConformanceCheck } from './conformance-check.ts';
import { createMaapWire } from './maap-wire.ts';
import { sendChecks } from './send-checks.ts';
import { throttleChecks } from './throttle-checks.ts';
import { webhookChecks } from './webhook-checks.ts';
import { startWebhookSink, type WebhookSinkOptions } from './webhook-sink.ts';

/** Every check, in run order; throttling last so its burst cannot starve the others. */
export const RCS_CHECKS: readonly ConformanceCheck[] = [...authChecks, ...capabilityChecks, ...sendChecks, ...webhookChecks, ...throttleChecks];

/** The checks with `--only` selection and expectations; errors are RCS_ERR_CONFIG. */
export const RCS_SUITE = createConformanceSuite(RCS_CHECKS, (message) => new RcsError('RCS_ERR_CONFIG', message));

export type ConformanceResult = KitResult<'clause'>;

export interface ConformanceReport extends KitReport<'clause'> {
  /** Where the suite received webhooks (null: run without a receiver). */
  webhookUrl: string | null;
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

export async function runRcsConformance(opts: RcsConformanceOptions): Promise<ConformanceReport> {
  const checks = RCS_SUITE.select(opts.only);
  const expectations = RCS_SUITE.resolveExpectations(opts.expectations);
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
  try {
    if (sink) opts.onWebhookUrl?.(sink.url);
    if (sink && opts.registerWebhook) undo = await opts.registerWebhook(sink.url);
    const run: RunState = { shared: createSharedResults(), token: null };
    const outcome = await runConformanceChecks({
      checks,
      reference: 'clause',
      capMs: checkCapMs,
      openContext: () => ({ ctx: createCheckContext(settings, wire, sink, run) }),
      expectations,
      onResult: opts.onResult,
    });
    return { target: opts.target, targetName: expectations?.targetName, webhookUrl: sink?.url ?? null, ...outcome };
  } finally {
    if (undo) await undo().catch(() => {});
    await Promise.all([wire.close(), sink?.close()]);
  }
}

// Runs a load profile: starts the in-process stack unless a target is given, checks the target answers,
// runs each phase through autocannon with fresh request bodies, samples the engine's progress every
// second, waits for what was accepted to reach a final state (bounded by drainTimeout), and judges the
// figures against the profile's targets.
import { availableParallelism, loadavg } from 'node:os';
import { createRng } from '../gateways/kit/rng.ts';
import { loadNetwork } from '../gateways/network/load-network.ts';
import { createLocalProgressProbe, createMetricsProgressProbe, type EngineProgress, type ProgressProbe } from './engine-progress-probe.ts';
import { evaluateLoadTargets, perHour, type TargetCheck } from './evaluate-load-targets.ts';
import { LoadError } from './load-errors.ts';
import type { LoadProfile, RecipientsSpec } from './load-profile-schema.ts';
import { createRecipientSource, type RecipientSource } from './recipient-source.ts';
import { createRequestGenerator } from './request-generator.ts';
import { runLoadPhase, type PhaseResult } from './run-load-phase.ts';
import { startLocalStack, type LocalStack } from './start-local-stack.ts';

export interface RunLoadProfileOptions {
  /** Engine API base URL; overrides the profile's target. */
  target?: string;
  /** Overrides every phase's duration. */
  durationMs?: number;
  /** Progress lines (phase start/end, drain). */
  log?: (line: string) => void;
  /** Called with each 2xx answer's message ids (costs a JSON parse per answer). */
  onAccepted?: (ids: string[]) => void;
  /** An in-process stack the caller started and will stop (e.g. to inspect its store afterwards); overrides any target. */
  stack?: LocalStack;
}

export interface ProgressSample extends EngineProgress {
  /** Seconds since the first phase started. */
  t: number;
}

export interface DeliveryFigures {
  source: ProgressProbe['source'];
  /** Messages the engine counted as accepted during the run. */
  accepted: number;
  final: number;
  finalByState: Record<string, number>;
  /** Accepted and not final when the last phase ended, and when the run ended. */
  backlogAtLoadEnd: number;
  backlogAtEnd: number;
  /** From the end of the last phase until everything accepted was final (or drainTimeout). */
  drainMs: number;
  drained: boolean;
  finalPerSecond: { duringLoad: number; peak: number; overall: number };
  /** Final messages per hour over load + drain. */
  finalPerHour: number;
}

export interface LoadResult {
  profile: string;
  description: string;
  target: string;
  local: boolean;
  startedAt: string;
  machine: { loadAverage: number[]; cpus: number; node: string };
  phases: PhaseResult[];
  measured: {
    durationMs: number;
    requests: number;
    failed: number;
    errorRatio: number;
    acceptedMessages: number;
    acceptedPerSecond: number;
    acceptedPerHour: number;
    intakeP99Ms: number;
  };
  delivery: DeliveryFigures | null;
  timeline: ProgressSample[];
  targets: TargetCheck[];
  passed: boolean;
}

const DRAIN_POLL_MS = 250;

export async function runLoadProfile(profile: LoadProfile, opts: RunLoadProfileOptions = {}): Promise<LoadResult> {
  const log = opts.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const machine = { loadAverage: loadavg().map((l) => Math.round(l * 100) / 100), cpus: availableParallelism(), node: process.version };
  const targetUrl = opts.target ?? profile.target;
  let stack: LocalStack | null = opts.stack ?? null;
  const ownStack = stack === null && targetUrl === undefined;
  if (ownStack) {
    log('starting the in-process stack (network, NP API, 4 simulators, engine)');
    stack = await startLocalStack({ apiKey: profile.apiKey, seed: profile.seed, store: profile.stack.store, gatewayTps: profile.stack.gatewayTps, gatewayWindow: profile.stack.gatewayWindow, log: (l) => log(`engine: ${l}`) });
  }
  try {
    const url = stack?.url ?? targetUrl!.replace(/\/$/, '');
    const apiKey = stack?.apiKey ?? profile.apiKey;
    await checkTarget(url, apiKey);
    const probe = stack !== null ? createLocalProgressProbe(stack.service.engine) : createMetricsProgressProbe(url);
    await probe.read();
    const network = stack?.network ?? loadNetwork();
    const rng = createRng(profile.seed);
    const sources = new Map<string, RecipientSource>();
    const sourceFor = (spec: RecipientsSpec): RecipientSource => {
      const key = JSON.stringify(spec);
      let s = sources.get(key);
      if (s === undefined) sources.set(key, (s = createRecipientSource(spec, { rng: rng.fork(`recipients:${key}`), network })));
      return s;
    };
    // Keys differ per run so a target that remembers idempotency keys never answers from memory.
    const runId = `${profile.name}-${Date.now().toString(36)}`;

    const timeline: ProgressSample[] = [];
    const t0 = Date.now();
    const sample = async (): Promise<EngineProgress | null> => {
      const p = await probe.read();
      if (p !== null) timeline.push({ t: Math.round((Date.now() - t0) / 100) / 10, ...p });
      return p;
    };
    const sampler = setInterval(() => void sample(), 1000);
    const phases: PhaseResult[] = [];
    let loadEnd: EngineProgress | null;
    let loadMs: number;
    try {
      for (const [i, phase] of profile.phases.entries()) {
        const ms = opts.durationMs ?? phase.duration;
        log(`phase ${phase.name}: ${ms / 1000}s, ${phase.connections} connections, ${phase.request.kind}${phase.request.kind === 'batch' ? ` of ${phase.request.batchSize}` : ''}${phase.rate ? `, at most ${phase.rate} requests/s` : ''}`);
        const generator = createRequestGenerator({ request: phase.request, recipients: sourceFor(phase.request.recipients), rng: rng.fork(`mix:${phase.name}`), keyPrefix: `${runId}-${i}` });
        const r = await runLoadPhase({ url, apiKey, phase, durationMs: ms, generator, ...(opts.onAccepted ? { onAccepted: opts.onAccepted } : {}) });
        phases.push(r);
        log(`phase ${phase.name}: ${r.requests.ok}/${r.requests.answered} 2xx, ${Math.round(r.accepted.perSecond)} messages/s accepted, p99 ${r.latencyMs.p99} ms`);
      }
      loadMs = Date.now() - t0;
      loadEnd = await sample();
    } finally {
      clearInterval(sampler);
    }

    let delivery: DeliveryFigures | null = null;
    if (loadEnd !== null) {
      log(`draining: ${loadEnd.backlog} messages not final (at most ${profile.drainTimeout / 1000}s)`);
      const drainStart = Date.now();
      let last = loadEnd;
      while (last.final < last.accepted && Date.now() - drainStart < profile.drainTimeout) {
        await new Promise((r) => setTimeout(r, DRAIN_POLL_MS));
        last = (await sample()) ?? last;
      }
      const drainMs = Date.now() - drainStart;
      delivery = deliveryFigures(probe.source, loadEnd, last, loadMs, drainMs, timeline);
      log(`drained ${delivery.drained ? 'fully' : 'partly'} in ${(drainMs / 1000).toFixed(1)}s: ${last.final}/${last.accepted} final`);
    }

    const measuredPhases = phases.filter((p) => p.measured);
    const durationMs = measuredPhases.reduce((a, p) => a + p.durationMs, 0);
    const requests = measuredPhases.reduce((a, p) => a + p.requests.answered + p.requests.errors, 0);
    const failed = measuredPhases.reduce((a, p) => a + p.requests.non2xx + p.requests.errors, 0);
    const acceptedMessages = measuredPhases.reduce((a, p) => a + p.accepted.messages, 0);
    const measured = {
      durationMs,
      requests,
      failed,
      errorRatio: requests > 0 ? failed / requests : 1,
      acceptedMessages,
      acceptedPerSecond: durationMs > 0 ? (acceptedMessages / durationMs) * 1000 : 0,
      acceptedPerHour: perHour(acceptedMessages, durationMs),
      intakeP99Ms: Math.max(...measuredPhases.map((p) => p.latencyMs.p99)),
    };
    // Delivered throughput is a target only where every final state counted is this run's (the in-process engine).
    const targets = evaluateLoadTargets({ ...measured, finalPerHour: stack !== null && delivery !== null ? delivery.finalPerHour : null }, profile.targets);
    return {
      profile: profile.name,
      description: profile.description,
      target: stack !== null ? `${url} (in-process stack)` : url,
      local: stack !== null,
      startedAt,
      machine,
      phases,
      measured,
      delivery,
      timeline,
      targets,
      passed: targets.every((t) => t.passed),
    };
  } finally {
    if (ownStack && stack !== null) {
      log('stopping the in-process stack');
      await stack.stop();
    }
  }
}

function deliveryFigures(source: ProgressProbe['source'], loadEnd: EngineProgress, last: EngineProgress, loadMs: number, drainMs: number, timeline: ProgressSample[]): DeliveryFigures {
  // Over windows of at least a second: drain polls are closer together than the load-time samples.
  let peak = 0;
  for (let i = 0, j = 0; i < timeline.length; i++) {
    while (j < timeline.length && timeline[j].t - timeline[i].t < 1) j++;
    if (j === timeline.length) break;
    peak = Math.max(peak, (timeline[j].final - timeline[i].final) / (timeline[j].t - timeline[i].t));
  }
  const drained = last.final >= last.accepted;
  return {
    source,
    accepted: last.accepted,
    final: last.final,
    finalByState: last.finalByState,
    backlogAtLoadEnd: loadEnd.accepted - loadEnd.final,
    backlogAtEnd: last.accepted - last.final,
    drainMs,
    drained,
    finalPerSecond: { duringLoad: loadMs > 0 ? (loadEnd.final / loadMs) * 1000 : 0, peak, overall: ((last.final / (loadMs + drainMs)) * 1000) },
    finalPerHour: perHour(last.final, loadMs + drainMs),
  };
}

/** The target answers /healthz and takes the API key; otherwise every request would just fail. */
async function checkTarget(url: string, apiKey: string): Promise<void> {
  const fail = (why: string, cause?: unknown): LoadError => new LoadError('LOAD_ERR_TARGET', `target ${url}: ${why}`, cause === undefined ? undefined : { cause });
  try {
    const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
    if (!health.ok) throw fail(`GET /healthz answered ${health.status}`);
    const auth = await fetch(`${url}/v1/messages?clientRef=msgsim-load-probe`, { headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(5000) });
    if (auth.status === 401 || auth.status === 403) throw fail(`the API key was refused (${auth.status}); set apiKey in the profile`);
  } catch (e) {
    if (e instanceof LoadError) throw e;
    throw fail(`not reachable: ${(e as Error).message}`, e);
  }
}

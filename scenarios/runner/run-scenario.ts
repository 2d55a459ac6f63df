// Runs one loaded scenario: sets up the stack it needs (or reaches an external engine), registers its
// templates, then on the scenario clock submits its traffic and injects its faults while watching
// every message, until every accepted message is final (or `until`, or the timeout). Then it judges
// the expectations and returns the ScenarioResult the summary and the report are made from.
// Throws RunError RUN_ERR_START / RUN_ERR_UNSUPPORTED when the run cannot start; nothing was sent then.
import type { GatewayName } from '../../engine/channel.ts';
import { createRng } from '../../gateways/kit/rng.ts';
import { startLocalStack, type LocalStack } from '../local-stack.ts';
import type { ScenarioResult } from '../report/scenario-result.ts';
import type { Scenario } from '../scenario-schema.ts';
import { httpAdminPort, injectAdminPort, type AdminPort } from './admin-port.ts';
import { createEngineClient } from './engine-client.ts';
import { evaluateExpectations } from './expectations.ts';
import { createFaultInjector } from './fault-injector.ts';
import { createMessagePoller } from './message-poller.ts';
import { createRecipientPicker } from './recipient-mix.ts';
import { RunError } from './run-errors.ts';
import { collectFacts, latencySummaries, throughputSeries } from './run-facts.ts';
import { createRunObserver } from './run-observer.ts';
import { createScenarioClock } from './scenario-clock.ts';
import { createScenarioNetwork } from './scenario-network.ts';
import { readStoredSummaries } from './stored-summaries.ts';
import { createTrafficScheduler, stepEnd } from './traffic-scheduler.ts';
import { createTrafficSubmitter } from './traffic-submitter.ts';

export interface RunProgress {
  name: string;
  /** Scenario-clock offset now, ms. */
  offset: number;
  wallMs: number;
  submitted: number;
  accepted: number;
  refused: number;
  final: number;
  delivered: number;
  fallbacks: number;
  faults: string[];
  openCircuits: GatewayName[];
}

export interface RunScenarioOptions {
  /** An external engine; overrides the scenario's engine.url. */
  engineUrl?: string;
  apiKey?: string;
  /** Admin API of each gateway's simulator when the engine is external (default: those of `msgsim up`). */
  adminUrls?: Partial<Record<GatewayName, string>>;
  /** Ports of a stack the runner starts; default 'free'. */
  ports?: 'default' | 'free';
  store?: 'memory' | { sqlite: string };
  onProgress?(p: RunProgress): void;
  /** Real ms between progress calls; default 250. */
  progressEveryMs?: number;
  log?(line: string): void;
}

export const UP_ADMIN_URLS: Record<GatewayName, string> = {
  smsvas: 'http://127.0.0.1:9775',
  gmmsc: 'http://127.0.0.1:9081',
  rcs: 'http://127.0.0.1:9082',
  xroshot: 'http://127.0.0.1:9083',
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function runScenario(scenario: Scenario, opts: RunScenarioOptions = {}): Promise<ScenarioResult> {
  const startedAt = new Date().toISOString();
  const wall0 = performance.now();
  const log = opts.log ?? (() => {});
  const simulatedStart = scenario.clock.start ?? Date.now();
  const clock = createScenarioClock({ speed: scenario.clock.speed, start: simulatedStart });
  const network = createScenarioNetwork(scenario.network);
  const externalUrl = opts.engineUrl ?? scenario.engine.url;
  const external = externalUrl !== undefined;
  checkSupported(scenario, external);
  if (external && scenario.engine.config !== undefined) {
    log(`note: ${scenario.source}: engine.config is not applied to an external engine (${externalUrl}); it runs with its own configuration`);
  }
  const webhookDown = [...new Set(scenario.faults.filter((f) => f.kind === 'webhook-down').map((f) => f.gateway))];

  let stack: LocalStack;
  try {
    stack = await startLocalStack({
      clock,
      seed: scenario.seed,
      network,
      gateways: scenario.gateways,
      engine: { ...(scenario.engine.config !== undefined ? { config: scenario.engine.config } : {}), ...(externalUrl !== undefined ? { url: externalUrl } : {}), ...(opts.apiKey ?? scenario.engine.apiKey ? { apiKey: opts.apiKey ?? scenario.engine.apiKey } : {}) },
      ports: opts.ports ?? 'free',
      store: opts.store ?? 'memory',
      webhookGates: webhookDown,
      log: (l) => log(`engine: ${l}`),
    });
  } catch (err) {
    throw new RunError('RUN_ERR_START', `${scenario.source}: cannot start the stack: ${(err as Error).message}`, { cause: err });
  }
  const client = createEngineClient({ url: stack.engineUrl, apiKey: stack.apiKey });
  const admins = new Map<GatewayName, AdminPort>();
  try {
    for (const t of scenario.templates) await client.registerTemplate(t);
    if (external) await applyExternalBehaviours(scenario, opts, admins);
    else for (const [gw, sim] of Object.entries(stack.simulators)) admins.set(gw as GatewayName, injectAdminPort(sim.admin));
  } catch (err) {
    await client.close().catch(() => {});
    await stack.stop();
    throw new RunError('RUN_ERR_START', `${scenario.source}: ${(err as Error).message}`, { cause: err });
  }

  const observer = createRunObserver(simulatedStart);
  const poller = external ? createMessagePoller({ client, observer }) : null;
  const unsubscribe = stack.engine?.engine.on('event', observer.onEvent) ?? (() => {});
  const submitter = createTrafficSubmitter({ client, log, ...(poller !== null ? { onAccepted: (id, state, at) => poller.track(id, state, at) } : {}) });
  const rng = createRng(scenario.seed);
  const errors: string[] = [];
  const traffic = createTrafficScheduler({
    clock,
    start: simulatedStart,
    steps: scenario.traffic,
    rng: rng.fork('traffic'),
    picker: (mix, r) => createRecipientPicker({ network, mix, rng: r }),
    submit: (s) => submitter.submit(s),
    onError: (step, err) => errors.push(`traffic[${step}]: ${(err as Error).message}`),
  });
  const faults = createFaultInjector({
    clock,
    start: simulatedStart,
    faults: scenario.faults,
    admin: (gw) => admins.get(gw) ?? null,
    gate: (gw) => stack.simulators[gw]?.webhookGate ?? null,
    onError: (f, err) => errors.push(`fault ${f.kind} on ${f.gateway} at ${f.at} ms: ${(err as Error).message}`),
  });

  const offset = (): number => clock.now() - simulatedStart;
  let trafficDone = false;
  void traffic.done.then(() => (trafficDone = true));
  const progress = (): void => {
    const c = observer.counts();
    const s = submitter.stats();
    opts.onProgress?.({
      name: scenario.name,
      offset: offset(),
      wallMs: performance.now() - wall0,
      submitted: traffic.submitted(),
      accepted: Math.max(c.accepted, s.accepted),
      refused: s.refused,
      final: c.final,
      delivered: c.delivered,
      fallbacks: c.fallbacks,
      faults: faults.active(),
      openCircuits: observer.openCircuits(),
    });
  };

  clock.go();
  traffic.start();
  faults.start();
  let error: string | undefined;
  const deadline = performance.now() + scenario.timeout;
  let lastProgress = 0;
  let lastPoll = 0;
  for (;;) {
    const now = performance.now();
    if (poller !== null && now - lastPoll >= 500) {
      lastPoll = now;
      await poller.poll();
    }
    if (now - lastProgress >= (opts.progressEveryMs ?? 250)) {
      lastProgress = now;
      progress();
    }
    const c = observer.counts();
    const allFinal = trafficDone && c.final >= c.accepted && c.accepted >= submitter.stats().accepted;
    if (scenario.until !== undefined ? offset() >= scenario.until : allFinal) break;
    if (now >= deadline) {
      error = `timed out after ${Math.round(scenario.timeout / 1000)} s (wall clock) with ${c.final} of ${c.accepted} messages final`;
      break;
    }
    await sleep(20);
  }
  const simulatedMs = offset();
  traffic.stop();
  await faults.stop().catch((e: unknown) => errors.push(`restoring faults: ${(e as Error).message}`));
  progress();
  unsubscribe();

  const summaries = poller !== null ? poller.summaries() : await readStoredSummaries(stack, observer.timelines.keys());
  await client.close().catch(() => {});
  await stack.stop();

  const streams = scenario.traffic.filter((t) => t.kind === 'stream');
  const scheduled = scenario.traffic.filter((t) => t.kind === 'scheduled');
  // Scheduled traffic flows from its send time until the last of it is sent, not while it is submitted.
  const flow =
    streams.length > 0
      ? { from: Math.min(...streams.map((t) => t.at)), to: Math.max(...streams.map(stepEnd)) }
      : scheduled.length > 0
        ? { from: Math.min(...scheduled.map((t) => t.sendAt)) }
        : null;
  const facts = collectFacts(observer.timelines, summaries, flow);
  const expectations = evaluateExpectations(scenario.expect, facts);
  if (error === undefined && errors.length > 0) error = errors.join('; ');
  return {
    name: scenario.name,
    ...(scenario.description !== undefined ? { description: scenario.description } : {}),
    source: scenario.source,
    passed: error === undefined && expectations.every((e) => e.passed),
    ...(error !== undefined ? { error } : {}),
    startedAt,
    durationMs: Math.round(performance.now() - wall0),
    simulatedMs,
    simulatedStart,
    clockSpeed: scenario.clock.speed,
    seed: scenario.seed,
    messages: facts.messages,
    states: facts.states,
    fallbacks: facts.fallbacks,
    gateways: facts.gateways,
    throughput: throughputSeries(facts, simulatedMs),
    latency: latencySummaries(facts),
    faults: faults.windows(),
    expectations,
  };
}

function checkSupported(scenario: Scenario, external: boolean): void {
  if (!external) return;
  const down = scenario.faults.find((f) => f.kind === 'webhook-down');
  if (down !== undefined) throw new RunError('RUN_ERR_UNSUPPORTED', `${scenario.source}: a webhook-down fault needs the engine the runner starts (no engine.url / --engine-url)`);
  const preset = Object.entries(scenario.gateways).find(([, g]) => g?.preset !== undefined);
  if (preset !== undefined) throw new RunError('RUN_ERR_UNSUPPORTED', `${scenario.source}: gateways.${preset[0]}.preset needs the simulators the runner starts; against an external engine give a behaviour instead`);
}

/** Against an external engine the simulators are someone else's: behaviours are put through their admin API. */
async function applyExternalBehaviours(scenario: Scenario, opts: RunScenarioOptions, admins: Map<GatewayName, AdminPort>): Promise<void> {
  for (const gw of ['smsvas', 'gmmsc', 'rcs', 'xroshot'] as const) admins.set(gw, httpAdminPort(opts.adminUrls?.[gw] ?? UP_ADMIN_URLS[gw]));
  for (const [gw, setup] of Object.entries(scenario.gateways) as Array<[GatewayName, Scenario['gateways'][GatewayName]]>) {
    if (setup?.behaviour === undefined) continue;
    const res = await (admins.get(gw) as AdminPort).request('PUT', '/admin/behaviour', setup.behaviour);
    if (res.status !== 200) throw new Error(`gateways.${gw}.behaviour: the simulator's admin API answered ${res.status}`);
  }
}


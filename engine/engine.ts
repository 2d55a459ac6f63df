// The dispatch engine: joins intake -> compose -> routing -> dispatch -> reports over one store, the
// gateway channels and the number-portability lookup. Every accepted message is saved before it is
// acknowledged, moves one way through the pipeline (pipeline/), and ends in a final state that its
// tenant is told about (reports/). start() resumes whatever a previous process left unfinished.
// The caller owns the store, the channels and the carrier lookup: stop() leaves them open.
import type { Registry } from 'prom-client';
import type { Clock } from '../gateways/kit/clock.ts';
import type { Rng } from '../gateways/kit/rng.ts';
import type { Channel, GatewayName } from './channel.ts';
import { createAdPolicy, type AdPolicy } from './compliance/ad-policy.ts';
import { createComposer, type Composer } from './compose/composer.ts';
import { normalizeMobile, normalizeSender } from './compose/korean-number.ts';
import { createGatewayDispatcher, type GatewayDispatcher } from './dispatch/gateway-dispatcher.ts';
import type { EngineConfig } from './engine-config.ts';
import { createEngineMetrics, type EngineCounts } from './engine-metrics.ts';
import type { Intake } from './intake/intake.ts';
import type { MessageRecord } from './message.ts';
import { createDispatchStep } from './pipeline/dispatch-step.ts';
import { createEngineEvents, type EngineEventListener } from './pipeline/engine-events.ts';
import { createIntakeStep } from './pipeline/intake-step.ts';
import { createMessageIds } from './pipeline/message-ids.ts';
import type { Job, PipelineContext } from './pipeline/pipeline-context.ts';
import { createRecordWriter } from './pipeline/record-writer.ts';
import { resume, type ResumeSummary } from './pipeline/resume.ts';
import { createRoutingStep, type CarrierLookupLike } from './pipeline/routing-step.ts';
import { createFinalStatus } from './reports/final-status.ts';
import { createMoForwarder } from './reports/mo-forwarder.ts';
import { createReportStep } from './reports/report-step.ts';
import { createTenantWebhooks, createUndiciTransport, type WebhookTransport } from './reports/tenant-webhooks.ts';
import { createCapabilityCheck } from './routing/capability-check.ts';
import { loadDefaultRoutes } from './routing/load-default-routes.ts';
import { createRouteTable } from './routing/route-table.ts';
import { createScheduler } from './schedule/scheduler.ts';
import type { Store } from './store/store.ts';
import { createTemplateService, type TemplateService } from './templates/template-service.ts';

export type { EngineEvent, EngineEventListener } from './pipeline/engine-events.ts';

export interface EngineOptions {
  config: EngineConfig;
  store: Store;
  /** Connected channels; a gateway missing here is unavailable (its legs fall back). */
  channels: ReadonlyMap<GatewayName, Channel>;
  carrierLookup: CarrierLookupLike;
  clock: Clock;
  rng: Rng;
  templates?: TemplateService;
  composer?: Pick<Composer, 'compose'>;
  adPolicy?: AdPolicy;
  /** Status and MO webhook POSTs (default: undici). */
  webhookTransport?: WebhookTransport;
  /** Operational log lines (default: stderr). */
  log?: (line: string) => void;
  /** How far ahead the scheduler loads due messages (engine clock, default 5 s). */
  schedulerLookaheadMs?: number;
  /** Longest real-time wait in stop() for sends in flight (default 5 s). */
  drainMs?: number;
}

export interface EngineSnapshot extends EngineCounts {
  inMemory: number;
  queued: number;
  inFlight: number;
  /** Sends waiting for a slot in their gateway's in-flight window. */
  awaitingWindow: number;
  scheduled: number;
  awaitingReport: number;
  writesQueued: number;
  webhooksPending: number;
  circuits: Partial<Record<GatewayName, 'closed' | 'open' | 'half-open'>>;
  gateways: GatewayName[];
  resumed: ResumeSummary | null;
}

export interface Engine extends Intake {
  /** Resume unfinished messages, start the scheduler, then let reports through. */
  start(): Promise<void>;
  /** Stop taking work, let sends in flight answer (bounded), flush the store writes. */
  stop(): Promise<void>;
  readonly templates: TemplateService;
  /** prom-client registry with the engine's metrics (the API serves it at /metrics). */
  readonly metrics: Registry;
  snapshot(): EngineSnapshot;
  /** Every state change as an event; returns the unsubscribe function. */
  on(event: 'event', listener: EngineEventListener): () => void;
}

export function createEngine(opts: EngineOptions): Engine {
  const { config, store, rng } = opts;
  // Records carry whole milliseconds (the system clock has sub-ms precision; the store indexes integers).
  const source = opts.clock;
  const clock: Clock = { speed: source.speed, now: () => Math.floor(source.now()), setTimer: (fn, ms) => source.setTimer(fn, ms) };
  const log = opts.log ?? ((line: string) => process.stderr.write(`engine: ${line}\n`));
  const lookaheadMs = opts.schedulerLookaheadMs ?? 5000;
  const metrics = createEngineMetrics();
  const events = createEngineEvents((err) => log(`event listener failed: ${(err as Error).message}`));
  const ctx: PipelineContext = {
    config,
    store,
    clock,
    writer: createRecordWriter(store, (err) => log(`store write failed: ${err instanceof Error ? err.message : String(err)}`)),
    metrics,
    events,
    jobs: new Map(),
    closing: new Map(),
    tenants: new Map(config.tenants.map((t) => [t.id, t])),
    cancelledIds: new Set(),
    stopping: false,
    log,
  };

  const templates = opts.templates ?? createTemplateService({ store, clock });
  const composer = opts.composer ?? createComposer({ templates, clock });
  const adPolicy = opts.adPolicy ?? createAdPolicy(config.compliance);
  const routes = createRouteTable(config.routes ?? loadDefaultRoutes());
  const webhooks = createTenantWebhooks({ config: config.webhooks, clock, transport: opts.webhookTransport ?? createUndiciTransport(), metrics, events, log });
  const final = createFinalStatus(ctx, webhooks);
  const rcs = opts.channels.get('rcs');
  const capability = rcs?.capability !== undefined ? createCapabilityCheck({ channel: rcs, ttlMs: config.gateways.rcs.capabilityTtl, clock }) : null;

  const dispatchers = new Map<GatewayName, GatewayDispatcher>();
  for (const [gw, channel] of opts.channels) {
    dispatchers.set(
      gw,
      createGatewayDispatcher({
        channel,
        policy: config.gateways[gw].policy,
        clock,
        rng: rng.fork('dispatch'),
        onLateAccept: (msg, outcome) => dispatch.lateAccept(msg, outcome.gatewayIds),
        onRoom: () => dispatch.pump(gw),
        onCircuit: (t) => {
          log(`${gw} circuit ${t.from} -> ${t.to}`);
          if (events.active) events.emit({ type: 'circuit', gateway: gw, state: t.to, at: t.at });
        },
      }),
    );
  }

  const reports = createReportStep({ ctx, dispatch: () => dispatch, final });
  const dispatch = createDispatchStep({
    ctx,
    channels: opts.channels,
    dispatchers,
    capability,
    final,
    onSubmitted: (job, attempt, deadline) => reports.track(job, attempt, deadline),
  });
  const routing = createRoutingStep({ ctx, lookup: opts.carrierLookup, routes, dispatch, final });

  function makeJob(record: MessageRecord, to?: string, from?: string): Job {
    return {
      record,
      to: to ?? normalizeMobile(record.request.to) ?? record.request.to,
      from: from ?? normalizeSender(record.request.from) ?? record.request.from,
      priority: record.request.priority,
      plan: null,
      sending: false,
      cancelled: false,
      lookupFailures: 0,
    };
  }

  const scheduler = createScheduler({ ctx, makeJob, release: (job) => routing.enqueue(job), lookaheadMs });
  const intake = createIntakeStep({ ctx, composer, adPolicy, ids: createMessageIds(clock, rng.fork('message-ids')), final, scheduler, makeJob, route: (job) => routing.enqueue(job) });
  const mo = createMoForwarder(ctx, webhooks);

  // Reports can come as soon as a channel is connected; they wait until resume rebuilt the correlation.
  reports.hold();
  for (const channel of opts.channels.values()) {
    channel.on('report', (r) => reports.handle(r));
    channel.on('mo', (m) => mo.forward(m));
  }

  const circuits = (): EngineSnapshot['circuits'] => {
    const out: EngineSnapshot['circuits'] = {};
    for (const [gw, d] of dispatchers) out[gw] = d.circuit();
    return out;
  };
  metrics.setGaugeSources({ inMemory: () => ctx.jobs.size, queued: () => routing.queued(), inFlight: () => dispatch.inFlight(), circuits });

  let started = false;
  let resumed: ResumeSummary | null = null;

  return {
    ...intake,
    templates,
    metrics: metrics.registry,
    async start() {
      if (started) return;
      started = true;
      resumed = await resume({ ctx, routes, makeJob, route: (job) => routing.enqueue(job), dispatch, reports, scheduler, final, lookaheadMs });
      if (resumed.resubmittedAfterRestart > 0) log(`resumed: ${resumed.resubmittedAfterRestart} sends were in flight at the last stop and are sent again (possible duplicates)`);
      scheduler.start();
      await scheduler.poll();
      reports.release();
    },
    async stop() {
      if (ctx.stopping) return;
      ctx.stopping = true;
      scheduler.stop();
      routing.stop();
      const until = Date.now() + (opts.drainMs ?? 5000);
      while (dispatch.inFlight() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      for (const d of dispatchers.values()) d.close();
      reports.stop();
      await webhooks.drain(Math.max(0, until - Date.now()));
      webhooks.close();
      await ctx.writer.flush();
    },
    snapshot() {
      const s = reports.stats();
      return {
        ...metrics.counts(),
        inMemory: ctx.jobs.size,
        queued: routing.queued(),
        inFlight: dispatch.inFlight(),
        awaitingWindow: dispatch.queued(),
        scheduled: scheduler.waiting(),
        awaitingReport: s.deadlines,
        writesQueued: ctx.writer.queued(),
        webhooksPending: webhooks.pending() + webhooks.retrying(),
        circuits: circuits(),
        gateways: [...opts.channels.keys()],
        resumed,
      };
    },
    on(_event, listener) {
      return events.on(listener);
    },
  };
}

// Routing: which carrier serves each recipient (ONE number-portability lookup for everything that
// arrived in a turn, never one request per message), then the route plan for the content kind and
// network, then leg 0 goes to dispatch. Real-time messages are taken before scheduled ones. A failed
// lookup leaves the messages 'accepted' and tries them again with backoff; a number not in service
// fails at once with no fallback (no gateway can deliver it).
import type { CarrierInfo } from '../routing/carrier-lookup.ts';
import type { RouteTable } from '../routing/route-table.ts';
import { isFinal } from '../message.ts';
import type { FinalStatus } from '../reports/final-status.ts';
import { createDueQueue } from '../schedule/due-queue.ts';
import type { DispatchStep } from './dispatch-step.ts';
import type { Job, PipelineContext } from './pipeline-context.ts';

/** The part of the carrier lookup routing uses. */
export interface CarrierLookupLike {
  lookup(msisdns: readonly string[]): Promise<Map<string, CarrierInfo>>;
}

export interface RoutingStep {
  enqueue(job: Job): void;
  /** Messages waiting for routing (queued, looking up, or waiting to retry a failed lookup). */
  queued(): number;
  stop(): void;
}

/** Most messages routed per lookup (the NP API takes 10,000 numbers per request). */
const BATCH = 5000;
/** Lookups in flight at once: routing keeps flowing while one batch waits for its answer. */
const MAX_LOOKUPS = 4;
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 60_000;

class JobQueue {
  private items: Job[] = [];
  private head = 0;
  push(j: Job): void {
    this.items.push(j);
  }
  shift(): Job | undefined {
    if (this.head >= this.items.length) return undefined;
    const j = this.items[this.head];
    this.items[this.head++] = undefined as unknown as Job;
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return j;
  }
  get size(): number {
    return this.items.length - this.head;
  }
}

export function createRoutingStep(deps: {
  ctx: PipelineContext;
  lookup: CarrierLookupLike;
  routes: RouteTable;
  dispatch: DispatchStep;
  final: FinalStatus;
}): RoutingStep {
  const { ctx, lookup, routes, dispatch, final } = deps;
  const { clock, events } = ctx;
  const realtime = new JobQueue();
  const scheduled = new JobQueue();
  let lookups = 0;
  let inLookup = 0;
  let tickArmed = false;
  let stopped = false;
  const retries = createDueQueue<Job>(clock, (jobs) => {
    for (const j of jobs) enqueue(j);
  });

  function enqueue(job: Job): void {
    if (stopped) return;
    (job.priority === 'realtime' ? realtime : scheduled).push(job);
    arm();
  }

  function arm(): void {
    if (tickArmed || lookups >= MAX_LOOKUPS || stopped) return;
    tickArmed = true;
    setImmediate(tick);
  }

  function tick(): void {
    tickArmed = false;
    if (stopped) return;
    const batch: Job[] = [];
    const numbers = new Set<string>();
    while (batch.length < BATCH) {
      const j = realtime.shift() ?? scheduled.shift();
      if (j === undefined) break;
      if (j.cancelled || isFinal(j.record.state)) continue;
      batch.push(j);
      numbers.add(j.to);
    }
    if (batch.length === 0) return;
    lookups++;
    inLookup += batch.length;
    lookup.lookup([...numbers]).then(
      (carriers) => done(batch, carriers, null),
      (err: unknown) => done(batch, null, err),
    );
    if (realtime.size + scheduled.size > 0) arm();
  }

  function done(batch: Job[], carriers: Map<string, CarrierInfo> | null, err: unknown): void {
    lookups--;
    inLookup -= batch.length;
    if (stopped) return;
    if (carriers === null) ctx.log(`number-portability lookup failed for ${batch.length} messages, retrying: ${err instanceof Error ? err.message : String(err)}`);
    const now = clock.now();
    for (const job of batch) {
      if (job.cancelled || isFinal(job.record.state)) continue;
      const info = carriers?.get(job.to);
      if (info === undefined) {
        retryLater(job, now);
        continue;
      }
      job.lookupFailures = 0;
      route(job, info, now);
    }
    arm();
  }

  function retryLater(job: Job, now: number): void {
    const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** job.lookupFailures);
    job.lookupFailures++;
    retries.push(now + delay, job);
  }

  function route(job: Job, info: CarrierInfo, now: number): void {
    const r = job.record;
    if (info.carrier === null) {
      final.finalize(job, 'failed', 'no-subscriber');
      return;
    }
    r.carrier = info.carrier;
    const plan = routes.planFor(r.content.kind, info.onNet);
    if (plan === null) {
      final.finalize(job, 'failed', 'ENGINE_ERR_NO_ROUTE');
      return;
    }
    job.plan = plan;
    if (events.active) events.emit({ type: 'routed', id: r.id, carrier: info.carrier, onNet: info.onNet, plan: plan.name, at: now });
    dispatch.startLeg(job, 0);
  }

  return {
    enqueue,
    queued: () => realtime.size + scheduled.size + inLookup + retries.size(),
    stop() {
      stopped = true;
      retries.clear();
    },
  };
}

// Resume after a stop or a crash: every non-final message in the store goes back to where it was.
// accepted/held -> routing (or left to the scheduler when due later); routed -> sent again on its leg,
// and an attempt still 'pending' (the send was in flight at the crash) is closed as 'unavailable'
// (engine-restart) and counted as a possible duplicate; submitted -> its gateway ids are correlated
// again and its report deadline re-armed. Then final statuses never acknowledged are sent again.
import type { EngineConfig } from '../engine-config.ts';
import type { MessageRecord } from '../message.ts';
import type { FinalStatus } from '../reports/final-status.ts';
import type { ReportStep } from '../reports/report-step.ts';
import type { RouteTable } from '../routing/route-table.ts';
import type { Scheduler } from '../schedule/scheduler.ts';
import type { DispatchStep } from './dispatch-step.ts';
import type { Job, PipelineContext } from './pipeline-context.ts';
import { lastAttempt } from './pipeline-context.ts';

export interface ResumeDeps {
  ctx: PipelineContext;
  routes: RouteTable;
  makeJob(record: MessageRecord): Job;
  route(job: Job): void;
  dispatch: DispatchStep;
  reports: ReportStep;
  scheduler: Pick<Scheduler, 'offer'>;
  final: FinalStatus;
  lookaheadMs: number;
}

export interface ResumeSummary {
  routing: number;
  resent: number;
  awaitingReport: number;
  leftToScheduler: number;
  resubmittedAfterRestart: number;
  renotified: number;
}

const PAGE = 2000;
const UNNOTIFIED_LIMIT = 100_000;

export async function resume(deps: ResumeDeps): Promise<ResumeSummary> {
  const { ctx, routes } = deps;
  const { clock, writer } = ctx;
  const summary: ResumeSummary = { routing: 0, resent: 0, awaitingReport: 0, leftToScheduler: 0, resubmittedAfterRestart: 0, renotified: 0 };
  const ownCarrier = ctx.config.network.ownCarrier;
  let after: string | null = null;
  for (;;) {
    const page: MessageRecord[] = await ctx.store.nonFinal(after, PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    const now = clock.now();
    for (const r of page) {
      if (ctx.jobs.has(r.id) || ctx.cancelledIds.has(r.id)) continue;
      if (r.state === 'accepted' || r.state === 'held') {
        if (r.dueAt !== null && r.dueAt > now) {
          deps.scheduler.offer(r);
          summary.leftToScheduler++;
          continue;
        }
        const job = deps.makeJob(r);
        ctx.jobs.set(r.id, job);
        deps.route(job);
        summary.routing++;
        continue;
      }
      const job = deps.makeJob(r);
      job.plan = r.carrier === undefined ? null : routes.planFor(r.content.kind, r.carrier === ownCarrier);
      if (job.plan === null || r.leg >= job.plan.legs.length) {
        // Routed before the route plans changed: route it afresh.
        job.plan = null;
        ctx.jobs.set(r.id, job);
        deps.route(job);
        summary.routing++;
        continue;
      }
      ctx.jobs.set(r.id, job);
      const a = lastAttempt(r);
      if (r.state === 'submitted' && a !== undefined && a.outcome === 'submitted') {
        const leg = job.plan.legs[r.leg];
        const timeout = leg.reportTimeout ?? (ctx.config.gateways as EngineConfig['gateways'])[leg.gateway].policy.reportTimeout;
        deps.reports.track(job, a, r.dueAt ?? (a.endedAt ?? a.startedAt) + timeout);
        summary.awaitingReport++;
        continue;
      }
      if (a !== undefined && a.outcome === 'pending') {
        a.outcome = 'unavailable';
        a.code = 'engine-restart';
        a.endedAt = now;
        summary.resubmittedAfterRestart++;
      }
      r.updatedAt = now;
      writer.mark(r);
      deps.dispatch.startLeg(job, r.leg);
      summary.resent++;
    }
    if (page.length < PAGE) break;
  }
  if (summary.resubmittedAfterRestart > 0) ctx.metrics.resubmitted(summary.resubmittedAfterRestart);
  for (const r of await ctx.store.unnotified(UNNOTIFIED_LIMIT)) {
    deps.final.notify(r);
    summary.renotified++;
  }
  return summary;
}

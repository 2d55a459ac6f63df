// Scheduled sends and held advertisements stay in the store until they are nearly due: every second of
// the engine clock the scheduler asks the store for what comes due within the lookahead, keeps those
// in memory until their time, then hands them to routing at priority 'scheduled' (behind real-time
// traffic everywhere). Messages accepted already within the lookahead are offered directly by intake.
import type { Clock, Timer } from '../../gateways/kit/clock.ts';
import type { MessageRecord } from '../message.ts';
import type { Job, PipelineContext } from '../pipeline/pipeline-context.ts';
import { createDueQueue } from './due-queue.ts';

export interface Scheduler {
  /** A saved accepted/held record with a due time: kept in memory if due within the lookahead. */
  offer(record: MessageRecord): void;
  start(): void;
  stop(): void;
  /** Records loaded and waiting for their time. */
  waiting(): number;
  /** Poll the store once now (tests, resume). */
  poll(): Promise<void>;
}

export interface SchedulerOptions {
  ctx: PipelineContext;
  makeJob(record: MessageRecord): Job;
  release(job: Job): void;
  /** How far ahead the store is read (default 5 s of engine clock). */
  lookaheadMs?: number;
  pollMs?: number;
  /** Most records loaded per poll. */
  limit?: number;
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { ctx } = opts;
  const clock: Clock = ctx.clock;
  const lookahead = opts.lookaheadMs ?? 5000;
  const pollMs = opts.pollMs ?? 1000;
  const limit = opts.limit ?? 10_000;
  let timer: Timer | null = null;
  let running = false;
  let polling: Promise<void> | null = null;

  const due = createDueQueue<Job>(clock, (jobs) => {
    for (const job of jobs) {
      if (job.cancelled || ctx.jobs.get(job.record.id) !== job) continue;
      opts.release(job);
    }
  });

  function load(record: MessageRecord): void {
    if (ctx.jobs.has(record.id) || ctx.cancelledIds.has(record.id)) return;
    if (record.state !== 'accepted' && record.state !== 'held') return;
    const job = opts.makeJob(record);
    // Released in bulk (08:00 after a night of held ads, a campaign's start): behind real-time traffic.
    job.priority = 'scheduled';
    ctx.jobs.set(record.id, job);
    due.push(record.dueAt ?? clock.now(), job);
  }

  async function pollOnce(): Promise<void> {
    const records = await ctx.store.due(clock.now() + lookahead, limit);
    for (const r of records) load(r);
  }

  function poll(): Promise<void> {
    polling ??= pollOnce()
      .catch((err: unknown) => ctx.log(`scheduler: store.due failed: ${(err as Error).message}`))
      .finally(() => {
        polling = null;
      });
    return polling;
  }

  function arm(): void {
    if (!running) return;
    timer = clock.setTimer(() => {
      timer = null;
      void poll().then(arm);
    }, pollMs);
  }

  return {
    offer(record) {
      if (record.dueAt !== null && record.dueAt <= clock.now() + lookahead) load(record);
    },
    start() {
      if (running) return;
      running = true;
      arm();
    },
    stop() {
      running = false;
      timer?.cancel();
      timer = null;
      due.clear();
    },
    waiting: () => due.size(),
    poll,
  };
}

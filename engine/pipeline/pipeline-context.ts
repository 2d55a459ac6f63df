// What every step of the pipeline shares: the messages the engine is working on (in memory, keyed by
// id), the writer every state change goes through, metrics, events and the clock. A Job is the
// in-memory companion of one non-final MessageRecord.
import type { Clock } from '../../gateways/kit/clock.ts';
import type { EngineConfig, RoutePlan, Tenant } from '../engine-config.ts';
import type { EngineMetrics } from '../engine-metrics.ts';
import type { MessageRecord, Priority } from '../message.ts';
import type { Store } from '../store/store.ts';
import type { EngineEvents } from './engine-events.ts';
import type { RecordWriter } from './record-writer.ts';

export interface Job {
  record: MessageRecord;
  /** Recipient and callback number in national form, as the gateways take them. */
  to: string;
  from: string;
  priority: Priority;
  /** Set by routing (or on resume from the stored carrier); null until then. */
  plan: RoutePlan | null;
  /** A dispatcher send (or capability query) for this job is under way. */
  sending: boolean;
  cancelled: boolean;
  /** NP lookups that failed for this job in a row (routing retries back off on it). */
  lookupFailures: number;
}

export interface PipelineContext {
  config: EngineConfig;
  store: Store;
  clock: Clock;
  writer: RecordWriter;
  metrics: EngineMetrics;
  events: EngineEvents;
  /** Every non-final message held in memory (in the pipeline, or loaded by the scheduler). */
  jobs: Map<string, Job>;
  tenants: ReadonlyMap<string, Tenant>;
  /**
   * Final records whose final write is not committed yet. Until it is, the store (and the writer's
   * queue) may still hold an older state, so anything that looks a message up by id reads it here
   * first: a late report applied to a stored copy would write that older state back.
   */
  closing: Map<string, MessageRecord>;
  /** Ids cancelled while not in memory; the scheduler and resume skip them even if a read raced the save. */
  cancelledIds: Set<string>;
  /** True once stop() began: results of sends cut short by closing change nothing. */
  stopping: boolean;
  log(line: string): void;
}

/** The newest in-memory version of a message: its job's record, or a final record still being written. */
export function liveRecord(ctx: PipelineContext, id: string): MessageRecord | undefined {
  return ctx.jobs.get(id)?.record ?? ctx.closing.get(id);
}

export function lastAttempt(record: MessageRecord): MessageRecord['attempts'][number] | undefined {
  return record.attempts[record.attempts.length - 1];
}

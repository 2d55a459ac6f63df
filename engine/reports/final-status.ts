// A message reaching a final state: the record is closed (state, reason, no due time), leaves memory
// once that is committed (ctx.closing holds it until then),
// is counted, and its tenant is told through the status webhook (the request's, else the tenant's).
// The webhook goes out only after the final state is committed, so a tenant that reads the message
// back on the callback sees what it was told; its acknowledgement sets `notified` and is saved too.
import type { EngineConfig } from '../engine-config.ts';
import type { MessageRecord, MessageState } from '../message.ts';
import type { Job, PipelineContext } from '../pipeline/pipeline-context.ts';
import { lastAttempt } from '../pipeline/pipeline-context.ts';
import type { TenantWebhooks } from './tenant-webhooks.ts';

export type FinalState = Extract<MessageState, 'delivered' | 'failed' | 'expired' | 'cancelled'>;

export interface FinalStatus {
  finalize(job: Job, state: FinalState, reason?: string): void;
  /** A record already final (and written): count it and notify its tenant. */
  closed(record: MessageRecord): void;
  /** Notify the tenant of a final record (resume: records never acknowledged). */
  notify(record: MessageRecord): void;
}

/** The status webhook body. */
export function statusPayload(r: MessageRecord): string {
  const last = lastAttempt(r);
  return JSON.stringify({
    id: r.id,
    clientRef: r.request.clientRef ?? null,
    state: r.state,
    reason: r.reason ?? null,
    contentKind: last?.contentKind ?? r.content.kind,
    gateway: last?.gateway ?? null,
    fallbacks: r.fallbacks,
    attempts: r.attempts.length,
    at: new Date(r.updatedAt).toISOString(),
  });
}

export function webhookUrlOf(r: MessageRecord, tenants: ReadonlyMap<string, EngineConfig['tenants'][number]>): string | undefined {
  return r.request.webhookUrl ?? tenants.get(r.tenant)?.webhookUrl;
}

export function createFinalStatus(ctx: PipelineContext, webhooks: TenantWebhooks): FinalStatus {
  const { clock, writer, metrics, events } = ctx;

  function notify(r: MessageRecord): void {
    const url = webhookUrlOf(r, ctx.tenants);
    if (url === undefined) {
      if (!r.notified) {
        r.notified = true;
        writer.mark(r);
      }
      return;
    }
    writer.write(r).then(
      () =>
        webhooks.post({
          kind: 'status',
          url,
          body: statusPayload(r),
          id: r.id,
          onAck: () => {
            r.notified = true;
            writer.mark(r);
          },
        }),
      () => {
        // Not committed: the store failure is logged by the writer; resume finds the record non-final.
      },
    );
  }

  function closed(r: MessageRecord): void {
    metrics.final(r.state, lastAttempt(r)?.gateway ?? 'none', r.updatedAt - r.createdAt);
    if (events.active) events.emit({ type: 'final', id: r.id, state: r.state, ...(r.reason !== undefined ? { reason: r.reason } : {}), at: r.updatedAt });
    notify(r);
  }

  return {
    finalize(job, state, reason) {
      const r = job.record;
      r.state = state;
      if (reason !== undefined) r.reason = reason;
      else if (state === 'delivered') delete r.reason;
      r.dueAt = null;
      r.updatedAt = clock.now();
      ctx.jobs.delete(r.id);
      ctx.closing.set(r.id, r);
      const settled = (): void => {
        if (ctx.closing.get(r.id) === r) ctx.closing.delete(r.id);
      };
      writer.write(r).then(settled, settled);
      closed(r);
    },
    closed,
    notify,
  };
}

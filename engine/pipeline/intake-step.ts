// Intake: compose every request of a submit (any error rejects the whole set), resolve idempotency
// keys, apply the ad night rule, build the records, save them in ONE store call and only then answer.
// Real-time messages then enter routing; scheduled ones and held ads wait in the store for the
// scheduler; blocked ads are final at once (failed, ENGINE_ERR_AD_BLOCKED) so the tenant sees why.
import { createHash } from 'node:crypto';
import type { Composer } from '../compose/composer.ts';
import type { AdPolicy } from '../compliance/ad-policy.ts';
import type { Tenant } from '../engine-config.ts';
import type { CancelResult, FieldError, Intake, SubmitResult } from '../intake/intake.ts';
import type { ComposedContent, MessageRecord, MessageRequest, MessageState } from '../message.ts';
import { isFinal } from '../message.ts';
import type { FinalStatus } from '../reports/final-status.ts';
import type { Scheduler } from '../schedule/scheduler.ts';
import type { MessageIds } from './message-ids.ts';
import type { Job, PipelineContext } from './pipeline-context.ts';
import { lastAttempt, liveRecord } from './pipeline-context.ts';

export interface IntakeStepDeps {
  ctx: PipelineContext;
  composer: Pick<Composer, 'compose'>;
  adPolicy: AdPolicy;
  ids: MessageIds;
  final: FinalStatus;
  scheduler: Pick<Scheduler, 'offer'>;
  makeJob(record: MessageRecord, to?: string, from?: string): Job;
  /** Hand a job to routing. */
  route(job: Job): void;
}

interface KeyEntry {
  id: string;
  fingerprint: string;
  /** Resolves once the record holding this key is committed. */
  committed: Promise<void>;
}

/** Idempotency keys of this process kept in memory; older ones are found through the store. */
const MAX_KEYS = 200_000;

const fingerprintOf = (req: MessageRequest): string => createHash('sha1').update(JSON.stringify(req)).digest('base64');

export function createIntakeStep(deps: IntakeStepDeps): Intake {
  const { ctx, composer, adPolicy, ids, final, scheduler } = deps;
  const { clock, writer, metrics, events, store } = ctx;
  const keys = new Map<string, KeyEntry>();

  function remember(k: string, e: KeyEntry): void {
    keys.set(k, e);
    if (keys.size > MAX_KEYS) keys.delete(keys.keys().next().value as string);
  }

  async function stateOf(id: string): Promise<MessageState> {
    const job = ctx.jobs.get(id);
    if (job !== undefined) return job.record.state;
    return (await store.get(id))?.state ?? 'accepted';
  }

  async function submit(tenant: Tenant, requests: readonly MessageRequest[], fieldPrefix: (i: number) => string): Promise<SubmitResult> {
    const n = requests.length;
    const composed = await Promise.all(requests.map((req) => composer.compose(tenant, req)));
    const errors: FieldError[] = [];
    for (let i = 0; i < n; i++) {
      const c = composed[i];
      if (!c.ok) errors.push({ ...c.error, field: joinField(fieldPrefix(i), c.error.field) });
    }
    if (errors.length > 0) return { ok: false, errors };

    // Idempotency: only requests carrying a key are looked up, in memory first, then in the store.
    const items: Array<{ id: string; state: MessageState; duplicate: boolean } | undefined> = new Array(n);
    const fingerprints: Array<string | undefined> = new Array(n);
    const inBatch = new Map<string, number>();
    const waits: Promise<void>[] = [];
    for (let i = 0; i < n; i++) {
      const key = requests[i].idempotencyKey;
      if (key === undefined) continue;
      const k = `${tenant.id}\u0000${key}`;
      const fp = fingerprintOf(requests[i]);
      fingerprints[i] = fp;
      const first = inBatch.get(k);
      if (first !== undefined) {
        if (fingerprints[first] !== fp) errors.push(mismatch(fieldPrefix(i)));
        continue; // answered with the first item's id below
      }
      inBatch.set(k, i);
      const known = keys.get(k);
      if (known !== undefined) {
        if (known.fingerprint !== fp) errors.push(mismatch(fieldPrefix(i)));
        else {
          waits.push(known.committed.then(async () => void (items[i] = { id: known.id, state: await stateOf(known.id), duplicate: true })));
        }
        continue;
      }
      waits.push(
        store.findByIdempotencyKey(tenant.id, key).then((found) => {
          if (found === null) return;
          if (fingerprintOf(found.request) !== fp) errors.push(mismatch(fieldPrefix(i)));
          else items[i] = { id: found.id, state: ctx.jobs.get(found.id)?.record.state ?? found.state, duplicate: true };
        }),
      );
    }
    if (waits.length > 0) await Promise.all(waits);
    if (errors.length > 0) return { ok: false, errors };

    const now = clock.now();
    const records: MessageRecord[] = [];
    const jobs: Array<Job | undefined> = [];
    const entries: Array<[string, KeyEntry]> = [];
    let resolveCommitted!: () => void;
    let rejectCommitted!: (e: unknown) => void;
    const committed = new Promise<void>((res, rej) => {
      resolveCommitted = res;
      rejectCommitted = rej;
    });
    committed.catch(() => {});
    for (let i = 0; i < n; i++) {
      if (items[i] !== undefined) continue;
      const req = requests[i];
      const key = req.idempotencyKey;
      if (key !== undefined) {
        const first = inBatch.get(`${tenant.id}\u0000${key}`) as number;
        if (first !== i) continue;
      }
      const c = composed[i] as Extract<(typeof composed)[number], { ok: true }>;
      const record = buildRecord(tenant, req, c.content, now);
      records.push(record);
      items[i] = { id: record.id, state: record.state, duplicate: false };
      jobs.push(record.state === 'accepted' && record.dueAt === null ? deps.makeJob(record, c.to, c.from) : undefined);
      if (key !== undefined) entries.push([`${tenant.id}\u0000${key}`, { id: record.id, fingerprint: fingerprints[i] as string, committed }]);
    }
    // Later submits with the same key wait for this commit instead of creating a second message.
    for (const [k, e] of entries) remember(k, e);
    try {
      await writer.write(records);
      resolveCommitted();
    } catch (err) {
      rejectCommitted(err);
      for (const [k, e] of entries) if (keys.get(k) === e) keys.delete(k);
      throw err;
    }
    // Duplicates of an item within this batch take its id.
    for (let i = 0; i < n; i++) {
      if (items[i] !== undefined) continue;
      const first = inBatch.get(`${tenant.id}\u0000${requests[i].idempotencyKey}`) as number;
      const f = items[first] as { id: string; state: MessageState };
      items[i] = { id: f.id, state: f.state, duplicate: true };
    }

    for (let j = 0; j < records.length; j++) {
      const r = records[j];
      metrics.accepted(r.content.kind, r.request.priority);
      if (events.active) events.emit({ type: 'accepted', id: r.id, tenant: r.tenant, state: r.state, at: now });
      const job = jobs[j];
      if (job !== undefined) {
        ctx.jobs.set(r.id, job);
        deps.route(job);
      } else if (r.state === 'failed') final.closed(r);
      else scheduler.offer(r);
    }
    return { ok: true, items: items as Array<{ id: string; state: MessageState; duplicate: boolean }> };
  }

  function buildRecord(tenant: Tenant, req: MessageRequest, content: ComposedContent, now: number): MessageRecord {
    const sendAt = req.priority === 'scheduled' && req.sendAt !== undefined && req.sendAt > now ? req.sendAt : null;
    const decision = adPolicy.check(req, now);
    let state: MessageState = 'accepted';
    let dueAt: number | null = sendAt;
    let reason: string | undefined;
    if (decision.action === 'hold') {
      state = 'held';
      dueAt = decision.until;
    } else if (decision.action === 'block') {
      state = 'failed';
      dueAt = null;
      reason = decision.code;
    }
    const record: MessageRecord = {
      id: ids.next(),
      tenant: tenant.id,
      request: req,
      content,
      state,
      leg: 0,
      fallbacks: [],
      attempts: [],
      createdAt: now,
      updatedAt: now,
      dueAt,
      notified: false,
    };
    if (reason !== undefined) record.reason = reason;
    return record;
  }

  async function get(tenant: Tenant, id: string): Promise<MessageRecord | null> {
    const r = liveRecord(ctx, id) ?? (await store.get(id));
    return r !== null && r.tenant === tenant.id ? r : null;
  }

  async function cancel(tenant: Tenant, id: string): Promise<CancelResult> {
    const job = ctx.jobs.get(id);
    if (job !== undefined) {
      const r = job.record;
      if (r.tenant !== tenant.id) return { kind: 'not-found' };
      // Once a try is on its way (pending) or accepted, the gateway has it: too late.
      if (r.state === 'submitted' || isFinal(r.state) || lastAttempt(r)?.outcome === 'pending') return { kind: 'too-late', record: r };
      job.cancelled = true;
      final.finalize(job, 'cancelled', 'cancelled');
      await writer.write(r);
      return { kind: 'cancelled', record: r };
    }
    const r = await store.get(id);
    if (r === null || r.tenant !== tenant.id) return { kind: 'not-found' };
    const again = ctx.jobs.get(id);
    if (again !== undefined) return cancel(tenant, id);
    if (r.state !== 'accepted' && r.state !== 'held' && r.state !== 'routed') return { kind: 'too-late', record: r };
    r.state = 'cancelled';
    r.reason = 'cancelled';
    r.dueAt = null;
    r.updatedAt = clock.now();
    ctx.cancelledIds.add(id);
    if (ctx.cancelledIds.size > MAX_KEYS) ctx.cancelledIds.delete(ctx.cancelledIds.values().next().value as string);
    await writer.write(r);
    final.closed(r);
    return { kind: 'cancelled', record: r };
  }

  return {
    submit,
    get,
    cancel,
    // Messages in flight are newer in memory than in the store.
    findByClientRef: async (tenant, clientRef, limit) => (await store.findByClientRef(tenant.id, clientRef, limit)).map((r) => liveRecord(ctx, r.id) ?? r),
  };
}

/** 'recipients[3].' + 'to'; a problem with the whole item names the item ('recipients[3]'). */
function joinField(prefix: string, field: string): string {
  return field === '' ? prefix.replace(/\.$/, '') : prefix + field;
}

function mismatch(prefix: string): FieldError {
  return {
    field: `${prefix}idempotencyKey`,
    code: 'ENGINE_ERR_IDEMPOTENCY_MISMATCH',
    message: 'this idempotency key was used with a different request',
  };
}

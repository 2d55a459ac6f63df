// The durable store: better-sqlite3 in WAL mode with synchronous=NORMAL (a committed transaction
// survives a process crash; an OS crash may lose the last ones), and group commit: save() only queues,
// and every call made within flushIntervalMs is written in one transaction (sqlite-row-writer.ts).
import type Database from 'better-sqlite3';
import type { Clock } from '../../gateways/kit/clock.ts';
import type { GatewayName } from '../channel.ts';
import { EngineError } from '../engine-errors.ts';
import { MESSAGE_STATES } from '../message.ts';
import type { MessageRecord, MessageState } from '../message.ts';
import type { Template } from '../templates/template.ts';
import { FINAL_SQL, NON_FINAL_SQL, openDatabase } from './sqlite-schema.ts';
import type { Store } from './store.ts';
import { createRowWriter, toRow } from './sqlite-row-writer.ts';
import type { Row } from './sqlite-row-writer.ts';
import { createWalCheckpointer } from './wal-checkpointer.ts';

export interface SqliteStoreOptions {
  /** Database file; its directory is created. ':memory:' for a throwaway database. */
  path: string;
  /** Longest wait before queued saves are committed (default 5 ms). */
  flushIntervalMs?: number;
  /**
   * Accepted for symmetry with other components but not read: flush timing is real time on purpose,
   * since a commit must not wait for a manual or accelerated clock, and the store stamps no data.
   */
  clock?: Clock;
  /** Queued records that trigger a flush on the next turn of the event loop instead of the timer. */
  flushThreshold?: number;
  /** Records written between two checkpoints on the worker thread (~1 KiB of log each). */
  checkpointEvery?: number;
}

// The writer's own automatic checkpoint stays as a backstop in case the worker falls far behind.
const BACKSTOP_CHECKPOINT_PAGES = 20_000;
const DEFAULT_CHECKPOINT_PAGES = 1_000;

interface Waiter {
  rows: Row[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

const closedError = () => new EngineError('ENGINE_ERR_CLOSED', 'the store is closed');
const storeError = (what: string, cause: unknown) =>
  new EngineError('ENGINE_ERR_STORE', `${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
const idemKey = (tenant: string, key: string) => `${tenant}\u0000${key}`;

export function createSqliteStore(opts: SqliteStoreOptions): Store {
  const flushIntervalMs = opts.flushIntervalMs ?? 5;
  const flushThreshold = opts.flushThreshold ?? 5_000;
  const checkpointEvery = opts.checkpointEvery ?? 4_000;
  let db: Database.Database;
  try {
    db = openDatabase(opts.path);
  } catch (e) {
    throw e instanceof EngineError ? e : storeError(`cannot open the store at ${opts.path}`, e);
  }
  const onDisk = opts.path !== ':memory:' && db.pragma('journal_mode', { simple: true }) === 'wal';
  const checkpointer = onDisk
    ? createWalCheckpointer({
        path: opts.path,
        onFailure: () => {
          if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_CHECKPOINT_PAGES}`);
        },
      })
    : null;
  if (checkpointer) db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  let writtenSinceCheckpoint = 0;

  const selectRecord = db.prepare('SELECT record FROM messages WHERE id = ?').pluck();
  const selectByIdem = db.prepare('SELECT record FROM messages WHERE tenant = ? AND idempotency_key = ?').pluck();
  const selectByClientRef = db.prepare('SELECT record FROM messages WHERE tenant = ? AND client_ref = ? ORDER BY rowid LIMIT ?').pluck();
  const selectGatewayId = db.prepare('SELECT message_id FROM gateway_ids WHERE gateway = ? AND gateway_id = ?').pluck();
  const selectNonFinal = db.prepare(`SELECT record FROM messages WHERE ${NON_FINAL_SQL} AND id > ? ORDER BY id LIMIT ?`).pluck();
  const selectDue = db.prepare(`SELECT record FROM messages WHERE due_at <= ? AND ${NON_FINAL_SQL} ORDER BY due_at, id LIMIT ?`).pluck();
  const selectUnnotified = db.prepare(`SELECT record FROM messages WHERE notified = 0 AND ${FINAL_SQL} ORDER BY id LIMIT ?`).pluck();
  const selectCounts = db.prepare('SELECT state, count(*) AS n FROM messages GROUP BY state');
  const upsertTemplate = db.prepare('INSERT INTO templates (tenant, id, record) VALUES (?, ?, ?) ON CONFLICT (tenant, id) DO UPDATE SET record = excluded.record');
  const selectTemplate = db.prepare('SELECT record FROM templates WHERE tenant = ? AND id = ?').pluck();
  const selectTemplates = db.prepare('SELECT record FROM templates WHERE tenant = ? ORDER BY id').pluck();

  const write = createRowWriter(db);

  // The queue: the latest row per id (what a flush writes and what get() sees before it), rows by
  // idempotency key (intake checks keys on its hot path, so that lookup must not force a flush), and
  // the callers waiting for the commit.
  let pending = new Map<string, Row>();
  let pendingByIdem = new Map<string, Row>();
  let waiters: Waiter[] = [];
  let queued = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let immediate: ReturnType<typeof setImmediate> | null = null;
  let closed = false;

  function flush(): void {
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = immediate = null;
    if (waiters.length === 0) return;
    const batch = pending;
    const batchWaiters = waiters;
    pending = new Map();
    pendingByIdem = new Map();
    waiters = [];
    queued = 0;
    try {
      write(batch.values());
    } catch (e) {
      if (batchWaiters.length === 1) {
        batchWaiters[0].reject(storeError('saving messages failed', e));
        return;
      }
      // Replay call by call, in order, so that one bad record (a reused idempotency key) fails only the
      // save() it came with; the outcome equals applying the calls one after another.
      for (const w of batchWaiters) {
        try {
          write(w.rows);
          w.resolve();
        } catch (e2) {
          w.reject(storeError('saving messages failed', e2));
        }
      }
      return;
    }
    for (const w of batchWaiters) w.resolve();
    writtenSinceCheckpoint += batch.size;
    if (checkpointer && writtenSinceCheckpoint >= checkpointEvery) {
      writtenSinceCheckpoint = 0;
      checkpointer.request();
    }
  }

  function schedule(): void {
    if (immediate) return;
    if (queued >= flushThreshold || flushIntervalMs <= 0) {
      if (timer) clearTimeout(timer);
      timer = null;
      immediate = setImmediate(flush);
    } else if (!timer) {
      timer = setTimeout(flush, flushIntervalMs);
    }
  }

  /** Reads that cannot be answered from the queue see it committed first (they are not on the hot path). */
  function settled(): void {
    if (waiters.length > 0) flush();
  }

  const parse = <T>(json: string | undefined): T | null => (json === undefined ? null : (JSON.parse(json) as T));
  const parseAll = <T>(rows: unknown[]): T[] => rows.map((j) => JSON.parse(j as string) as T);

  function guarded<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => Promise<R> {
    return (...args) => {
      if (closed) return Promise.reject(closedError());
      try {
        return Promise.resolve(fn(...args));
      } catch (e) {
        return Promise.reject(e instanceof EngineError ? e : storeError('store read failed', e));
      }
    };
  }

  return {
    save(records) {
      if (closed) return Promise.reject(closedError());
      let rows: Row[];
      try {
        rows = records.map(toRow);
      } catch (e) {
        return Promise.reject(storeError('a record cannot be serialised', e));
      }
      if (rows.length === 0) return Promise.resolve();
      for (const row of rows) {
        pending.set(row.id, row);
        if (row.idempotencyKey !== null) pendingByIdem.set(idemKey(row.tenant, row.idempotencyKey), row);
      }
      queued += rows.length;
      return new Promise<void>((resolve, reject) => {
        waiters.push({ rows, resolve, reject });
        schedule();
      });
    },
    get: guarded((id: string) => {
      const row = pending.get(id);
      return parse<MessageRecord>(row ? row.json : (selectRecord.get(id) as string | undefined));
    }),
    findByIdempotencyKey: guarded((tenant: string, key: string) => {
      const row = pendingByIdem.get(idemKey(tenant, key));
      if (row) return parse<MessageRecord>(row.json);
      const found = parse<MessageRecord>(selectByIdem.get(tenant, key) as string | undefined);
      // A newer version of the stored record may be waiting in the queue.
      const newer = found && pending.get(found.id);
      return newer ? parse<MessageRecord>(newer.json) : found;
    }),
    findByClientRef: guarded((tenant: string, clientRef: string, limit: number) => {
      settled();
      return parseAll<MessageRecord>(selectByClientRef.all(tenant, clientRef, limit));
    }),
    findByGatewayId: guarded((gateway: GatewayName, gatewayId: string) => {
      settled();
      return (selectGatewayId.get(gateway, gatewayId) as string | undefined) ?? null;
    }),
    nonFinal: guarded((afterId: string | null, limit: number) => {
      settled();
      return parseAll<MessageRecord>(selectNonFinal.all(afterId ?? '', limit));
    }),
    due: guarded((until: number, limit: number) => {
      settled();
      return parseAll<MessageRecord>(selectDue.all(until, limit));
    }),
    unnotified: guarded((limit: number) => {
      settled();
      return parseAll<MessageRecord>(selectUnnotified.all(limit));
    }),
    counts: guarded(() => {
      settled();
      const out = Object.fromEntries(MESSAGE_STATES.map((s) => [s, 0])) as Record<MessageState, number>;
      for (const { state, n } of selectCounts.all() as Array<{ state: MessageState; n: number }>) out[state] = n;
      return out;
    }),
    saveTemplate: guarded((t: Template) => {
      upsertTemplate.run(t.tenant, t.id, JSON.stringify(t));
    }),
    getTemplate: guarded((tenant: string, id: string) => parse<Template>(selectTemplate.get(tenant, id) as string | undefined)),
    listTemplates: guarded((tenant: string) => parseAll<Template>(selectTemplates.all(tenant))),
    async close() {
      if (closed) return;
      closed = true;
      try {
        flush();
        // The worker's connection goes first so that the writer's close, the last one, checkpoints
        // the whole log and removes it.
        await checkpointer?.close();
        db.close();
      } catch (e) {
        throw storeError('closing the store failed', e);
      }
    },
  };
}

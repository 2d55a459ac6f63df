// The durable store: better-sqlite3 in WAL mode with synchronous=NORMAL (a committed transaction
// survives a process crash; an OS crash may lose the last ones), and group commit: save() only queues,
// and every call made within flushIntervalMs is written in one transaction. Each record is serialised
// once, when save() is called, so a caller mutating it afterwards cannot change what is written.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../../gateways/kit/clock.ts';
import type { GatewayName } from '../channel.ts';
import { EngineError } from '../engine-errors.ts';
import { MESSAGE_STATES } from '../message.ts';
import type { MessageRecord, MessageState } from '../message.ts';
import type { Template } from '../templates/template.ts';
import { FINAL_SQL, NON_FINAL_SQL, migrate } from './sqlite-schema.ts';
import type { Store } from './store.ts';

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
}

/** One record as it will be written: index columns, its JSON and its gateway ids (pairs flattened). */
interface Row {
  id: string;
  tenant: string;
  state: MessageState;
  dueAt: number | null;
  createdAt: number;
  updatedAt: number;
  clientRef: string | null;
  idempotencyKey: string | null;
  notified: number;
  json: string;
  gatewayIds: string[];
}

interface Waiter {
  rows: Row[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

const closedError = () => new EngineError('ENGINE_ERR_CLOSED', 'the store is closed');
const storeError = (what: string, cause: unknown) =>
  new EngineError('ENGINE_ERR_STORE', `${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
const idemKey = (tenant: string, key: string) => `${tenant}\u0000${key}`;

function toRow(r: MessageRecord): Row {
  const gatewayIds: string[] = [];
  for (const a of r.attempts) for (const g of a.gatewayIds) gatewayIds.push(a.gateway, g);
  return {
    id: r.id,
    tenant: r.tenant,
    state: r.state,
    dueAt: r.dueAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    clientRef: r.request.clientRef ?? null,
    idempotencyKey: r.request.idempotencyKey ?? null,
    notified: r.notified ? 1 : 0,
    json: JSON.stringify(r),
    gatewayIds,
  };
}

function open(path: string): Database.Database {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536'); // 64 MiB: keeps the index pages hot under a steady write load
    db.pragma('journal_size_limit = 67108864');
    migrate(db, path);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function createSqliteStore(opts: SqliteStoreOptions): Store {
  const flushIntervalMs = opts.flushIntervalMs ?? 5;
  const flushThreshold = opts.flushThreshold ?? 5_000;
  let db: Database.Database;
  try {
    db = open(opts.path);
  } catch (e) {
    throw e instanceof EngineError ? e : storeError(`cannot open the store at ${opts.path}`, e);
  }

  const upsert = db.prepare(
    `INSERT INTO messages (id, tenant, state, due_at, created_at, updated_at, client_ref, idempotency_key, notified, record)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, due_at = excluded.due_at, updated_at = excluded.updated_at,
       notified = excluded.notified, record = excluded.record`,
  );
  // Tenant, creation time, clientRef and idempotency key come from the request and never change, so the
  // update leaves their columns (and the two indexes over them) alone.
  const insertGatewayId = db.prepare('INSERT OR IGNORE INTO gateway_ids (gateway, gateway_id, message_id) VALUES (?, ?, ?)');
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

  const write = db.transaction((rows: Iterable<Row>) => {
    for (const r of rows) {
      upsert.run(r.id, r.tenant, r.state, r.dueAt, r.createdAt, r.updatedAt, r.clientRef, r.idempotencyKey, r.notified, r.json);
      const g = r.gatewayIds;
      for (let i = 0; i < g.length; i += 2) insertGatewayId.run(g[i], g[i + 1], r.id);
    }
  });

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
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      try {
        flush();
        db.close();
        return Promise.resolve();
      } catch (e) {
        return Promise.reject(storeError('closing the store failed', e));
      }
    },
  };
}

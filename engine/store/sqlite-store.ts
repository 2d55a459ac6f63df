// The durable store: better-sqlite3 in WAL mode with synchronous=NORMAL (a committed transaction
// survives a process crash; an OS crash may lose the last ones) and group commit: save() only queues;
// the queue is written in one transaction by the writer thread (sqlite-writer-thread.ts) once it is
// flushIntervalMs old or large, and while one batch is being written the next one gathers. Reads run
// on this thread's own connection and see a record from the moment save() is called.
import type Database from 'better-sqlite3';
import type { Clock } from '../../gateways/kit/clock.ts';
import type { GatewayName } from '../channel.ts';
import { EngineError } from '../engine-errors.ts';
import { MESSAGE_STATES } from '../message.ts';
import type { MessageRecord, MessageState } from '../message.ts';
import type { Template } from '../templates/template.ts';
import { createRecordSink } from './record-bytes.ts';
import { WRITER_STATEMENTS, encodeRows, encodeTemplate, rowJson, toRow } from './sqlite-row-writer.ts';
import type { Row } from './sqlite-row-writer.ts';
import { FINAL_SQL, NON_FINAL_SQL, WRITER_PRAGMAS, openDatabase } from './sqlite-schema.ts';
import { createWriterThread } from './sqlite-writer-thread.ts';
import type { WriterThread } from './sqlite-writer-thread.ts';
import type { Store } from './store.ts';

export interface SqliteStoreOptions {
  /** Database file; its directory is created. */
  path: string;
  /** Longest wait before queued saves are sent to be committed (default 5 ms). */
  flushIntervalMs?: number;
  /**
   * Accepted for symmetry with other components but not read: flush timing is real time on purpose,
   * since a commit must not wait for a manual or accelerated clock, and the store stamps no data.
   */
  clock?: Clock;
  /** Queued records that are sent at once instead of at the end of the interval (default 5,000). */
  flushThreshold?: number;
}

interface Waiter {
  rows: Row[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** What one transaction writes: the latest row per id, the same by idempotency key, and who waits. */
interface Batch {
  rows: Map<string, Row>;
  byIdem: Map<string, Row>;
  waiters: Waiter[];
  /** Settles once this batch's commit is over, whatever its outcome (reads wait on it). */
  over: Promise<void>;
  end: () => void;
}

const closedError = () => new EngineError('ENGINE_ERR_CLOSED', 'the store is closed');
const storeError = (what: string, cause: unknown) =>
  new EngineError('ENGINE_ERR_STORE', `${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
const idemKey = (tenant: string, key: string) => `${tenant}\u0000${key}`;
const newBatch = (): Batch => {
  let end!: () => void;
  const over = new Promise<void>((resolve) => (end = resolve));
  return { rows: new Map(), byIdem: new Map(), waiters: [], over, end };
};

export function createSqliteStore(opts: SqliteStoreOptions): Store {
  const flushIntervalMs = opts.flushIntervalMs ?? 5;
  const flushThreshold = opts.flushThreshold ?? 5_000;
  if (opts.path === ':memory:') throw new EngineError('ENGINE_ERR_STORE', 'the SQLite store needs a file; use createMemoryStore() for a throwaway store');
  let db: Database.Database;
  try {
    db = openDatabase(opts.path);
  } catch (e) {
    throw e instanceof EngineError ? e : storeError(`cannot open the store at ${opts.path}`, e);
  }
  let broken: string | null = null;
  let writer: WriterThread;
  try {
    writer = createWriterThread({
      path: opts.path,
      pragmas: WRITER_PRAGMAS,
      statements: WRITER_STATEMENTS,
      onDeath: (why) => {
        broken = why;
        const orphan = gathering;
        gathering = newBatch();
        for (const w of orphan.waiters) w.reject(storeError('saving messages failed', why));
        orphan.end();
      },
    });
  } catch (e) {
    db.close();
    throw storeError(`cannot start the store's writer thread for ${opts.path}`, e);
  }

  const selectRecord = db.prepare('SELECT record FROM messages WHERE id = ?').pluck();
  const selectByIdem = db.prepare('SELECT record FROM messages WHERE tenant = ? AND idempotency_key = ?').pluck();
  const selectByClientRef = db.prepare('SELECT record FROM messages WHERE tenant = ? AND client_ref = ? ORDER BY rowid LIMIT ?').pluck();
  const selectGatewayId = db.prepare('SELECT message_id FROM gateway_ids WHERE gateway = ? AND gateway_id = ?').pluck();
  const selectNonFinal = db.prepare(`SELECT record FROM messages WHERE ${NON_FINAL_SQL} AND id > ? ORDER BY id LIMIT ?`).pluck();
  const selectDue = db.prepare(`SELECT record FROM messages WHERE due_at <= ? AND ${NON_FINAL_SQL} ORDER BY due_at, id LIMIT ?`).pluck();
  const selectUnnotified = db.prepare(`SELECT record FROM messages WHERE notified = 0 AND ${FINAL_SQL} ORDER BY id LIMIT ?`).pluck();
  const selectCounts = db.prepare('SELECT state, count(*) AS n FROM messages GROUP BY state');
  const selectTemplate = db.prepare('SELECT record FROM templates WHERE tenant = ? AND id = ?').pluck();
  const selectTemplates = db.prepare('SELECT record FROM templates WHERE tenant = ? ORDER BY id').pluck();

  let gathering = newBatch();
  const sink = createRecordSink();
  let writing: { batch: Batch; done: Promise<void> } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let immediate: ReturnType<typeof setImmediate> | null = null;
  /** The interval ran out (or a read asked) while a batch was being written: send as soon as it is done. */
  let sendWhenIdle = false;
  let closed = false;

  async function commit(batch: Batch): Promise<void> {
    const fail = (w: Waiter, why: unknown) => w.reject(storeError('saving messages failed', why));
    let errors: Array<string | null>;
    try {
      const e = encodeRows([[...batch.rows.values()]]);
      errors = await writer.exec(e.groups, e.bytes);
    } catch (e) {
      for (const w of batch.waiters) fail(w, e);
      return;
    }
    if (errors[0] === null) {
      for (const w of batch.waiters) w.resolve();
      return;
    }
    if (batch.waiters.length === 1) {
      fail(batch.waiters[0], errors[0]);
      return;
    }
    // Replay call by call, in order, so that one bad record (a reused idempotency key) fails only the
    // save() it came with; the outcome equals applying the calls one after another.
    try {
      const e = encodeRows(batch.waiters.map((w) => w.rows));
      const each = await writer.exec(e.groups, e.bytes);
      batch.waiters.forEach((w, i) => (each[i] === null ? w.resolve() : fail(w, each[i])));
    } catch (e) {
      for (const w of batch.waiters) fail(w, e);
    }
  }

  function send(): void {
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = immediate = null;
    if (gathering.waiters.length === 0) return;
    if (writing) {
      sendWhenIdle = true;
      return;
    }
    sendWhenIdle = false;
    const batch = gathering;
    gathering = newBatch();
    const done = commit(batch).finally(() => {
      batch.end();
      writing = null;
      if (sendWhenIdle || gathering.rows.size >= flushThreshold) send();
    });
    writing = { batch, done };
  }

  function schedule(): void {
    if (immediate || (writing && sendWhenIdle)) return;
    if (gathering.rows.size >= flushThreshold || flushIntervalMs <= 0) {
      if (timer) clearTimeout(timer);
      timer = null;
      immediate = setImmediate(send);
    } else if (!timer) {
      timer = setTimeout(send, flushIntervalMs);
    }
  }

  /**
   * Reads that cannot be answered from the queue wait until what was saved before them is committed
   * (they are not on the hot path). Only that: saves keep coming under load, and a read that waited
   * for a quiet moment would wait for the end of the load (the scheduler's poll did).
   */
  async function settled(): Promise<void> {
    const waits: Promise<void>[] = [];
    if (writing) waits.push(writing.batch.over);
    if (gathering.waiters.length > 0) {
      waits.push(gathering.over);
      if (writing) sendWhenIdle = true;
      else send();
    }
    await Promise.all(waits);
  }

  const queued = (id: string): Row | undefined => gathering.rows.get(id) ?? writing?.batch.rows.get(id);
  const parse = <T>(json: string | undefined): T | null => (json === undefined ? null : (JSON.parse(json) as T));
  const parseRow = (row: Row): MessageRecord => JSON.parse(rowJson(row)) as MessageRecord;
  const parseAll = <T>(rows: unknown[]): T[] => rows.map((j) => JSON.parse(j as string) as T);

  function reader<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
    return async (...args) => {
      if (closed) throw closedError();
      try {
        return await fn(...args);
      } catch (e) {
        throw e instanceof EngineError ? e : storeError('store read failed', e);
      }
    };
  }

  return {
    save(records) {
      if (closed) return Promise.reject(closedError());
      if (broken !== null) return Promise.reject(storeError('saving messages failed', broken));
      let rows: Row[];
      try {
        rows = records.map((r) => toRow(r, sink));
      } catch (e) {
        return Promise.reject(storeError('a record cannot be serialised', e));
      }
      if (rows.length === 0) return Promise.resolve();
      for (const row of rows) {
        gathering.rows.set(row.id, row);
        if (row.idempotencyKey !== null) gathering.byIdem.set(idemKey(row.tenant, row.idempotencyKey), row);
      }
      return new Promise<void>((resolve, reject) => {
        gathering.waiters.push({ rows, resolve, reject });
        schedule();
      });
    },
    get: reader((id: string) => {
      const row = queued(id);
      return row ? parseRow(row) : parse<MessageRecord>(selectRecord.get(id) as string | undefined);
    }),
    findByIdempotencyKey: reader((tenant: string, key: string) => {
      const k = idemKey(tenant, key);
      const row = gathering.byIdem.get(k) ?? writing?.batch.byIdem.get(k);
      if (row) return parseRow(row);
      const found = parse<MessageRecord>(selectByIdem.get(tenant, key) as string | undefined);
      // A newer version of the stored record may be waiting in the queue.
      const newer = found && queued(found.id);
      return newer ? parseRow(newer) : found;
    }),
    findByClientRef: reader(async (tenant: string, clientRef: string, limit: number) => {
      await settled();
      return parseAll<MessageRecord>(selectByClientRef.all(tenant, clientRef, limit));
    }),
    findByGatewayId: reader(async (gateway: GatewayName, gatewayId: string) => {
      await settled();
      return (selectGatewayId.get(gateway, gatewayId) as string | undefined) ?? null;
    }),
    nonFinal: reader(async (afterId: string | null, limit: number) => {
      await settled();
      return parseAll<MessageRecord>(selectNonFinal.all(afterId ?? '', limit));
    }),
    due: reader(async (until: number, limit: number) => {
      await settled();
      return parseAll<MessageRecord>(selectDue.all(until, limit));
    }),
    unnotified: reader(async (limit: number) => {
      await settled();
      return parseAll<MessageRecord>(selectUnnotified.all(limit));
    }),
    counts: reader(async () => {
      await settled();
      const out = Object.fromEntries(MESSAGE_STATES.map((s) => [s, 0])) as Record<MessageState, number>;
      for (const { state, n } of selectCounts.all() as Array<{ state: MessageState; n: number }>) out[state] = n;
      return out;
    }),
    saveTemplate: reader(async (t: Template) => {
      const e = encodeTemplate(t.tenant, t.id, JSON.stringify(t));
      const [error] = await writer.exec(e.groups, e.bytes);
      if (error !== null) throw storeError('saving a template failed', error);
    }),
    getTemplate: reader((tenant: string, id: string) => parse<Template>(selectTemplate.get(tenant, id) as string | undefined)),
    listTemplates: reader((tenant: string) => parseAll<Template>(selectTemplates.all(tenant))),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await settled();
        // The writer's connection goes first, so that this one's close, the last, checkpoints the
        // whole log into the database file and removes it.
        await writer.close();
        db.close();
      } catch (e) {
        throw storeError('closing the store failed', e);
      }
    },
  };
}

import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEngineError } from '../../engine/engine-errors.ts';
import type { MessageRecord } from '../../engine/message.ts';
import { createSqliteStore } from '../../engine/store/sqlite-store.ts';
import type { Store } from '../../engine/store/store.ts';
import { makeRecord } from './fixtures/store-records.ts';
import { describeStoreContract } from './store-contract.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const crashChild = fileURLToPath(new URL('./fixtures/store-crash-child.ts', import.meta.url));

describeStoreContract('sqlite store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'msgsim-store-'));
  const path = join(dir, 'nested', 'msgsim.db');
  const opened: Store[] = [createSqliteStore({ path })];
  return {
    store: opened[0],
    reopen: async () => {
      opened.push(createSqliteStore({ path }));
      return opened[opened.length - 1];
    },
    cleanup: async () => {
      for (const s of opened) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}, { durable: true });

describe('sqlite store (durability and failures)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'msgsim-store-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every record whose save() resolved when the process is killed mid-write, and the file is sound', async () => {
    const path = join(dir, 'crash.db');
    const child = spawn(process.execPath, ['--import', 'tsx', crashChild, path], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const resolved: number[] = [];
    let stderr = '';
    let buffered = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('close', (code, signal) => resolve(signal ?? code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        buffered += d.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) if (line.startsWith('RESOLVED ')) resolved.push(Number(line.slice(9)));
        // Kill while saves are still arriving, well after the first commits.
        if (resolved.length >= 200 && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('close', () => reject(new Error(`child ended before being killed: ${stderr}`)));
    });
    expect(await exited).toBe('SIGKILL');

    const db = new Database(path);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const store = createSqliteStore({ path });
    try {
      const highest = Math.max(...resolved);
      for (const k of resolved) {
        for (const n of [k * 100, k * 100 + 99]) {
          const id = `m${String(n).padStart(8, '0')}`;
          const r = await store.get(id);
          expect(r, `${id} of resolved batch ${k}`).not.toBeNull();
          expect(await store.findByGatewayId('smsvas', `g${n}`)).toBe(id);
        }
        // Batch k also marked batch k-1 delivered.
        if (k > 0) expect((await store.get(`m${String(k * 100 - 1).padStart(8, '0')}`))?.state).toBe('delivered');
      }
      const c = await store.counts();
      expect(c.submitted + c.delivered).toBeGreaterThanOrEqual((highest + 1) * 100);
    } finally {
      await store.close();
    }
  });

  it('creates the parent directory and writes the schema version', async () => {
    const path = join(dir, 'a', 'b', 'x.db');
    const store = createSqliteStore({ path });
    await store.save([makeRecord('m1')]);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a database from a newer schema version, a file that is not a database and no file at all, with ENGINE_ERR_STORE', () => {
    const newer = join(dir, 'newer.db');
    const db = new Database(newer);
    db.pragma('user_version = 99');
    db.close();
    expect(() => createSqliteStore({ path: newer })).toThrow(expect.objectContaining({ code: 'ENGINE_ERR_STORE' }));
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database file, not at all, not even close'.repeat(100));
    expect(() => createSqliteStore({ path: junk })).toThrow(expect.objectContaining({ code: 'ENGINE_ERR_STORE' }));
    expect(() => createSqliteStore({ path: ':memory:' })).toThrow(expect.objectContaining({ code: 'ENGINE_ERR_STORE' }));
  });

  it('rejects a save whose record cannot be serialised, and only that one', async () => {
    const store = createSqliteStore({ path: join(dir, 'x.db') });
    const bad = makeRecord('m1') as MessageRecord & { extra: bigint };
    bad.extra = 1n;
    const e = await store.save([bad]).catch((err: unknown) => err);
    expect(isEngineError(e, 'ENGINE_ERR_STORE')).toBe(true);
    await store.save([makeRecord('m2')]);
    expect(await store.get('m2')).not.toBeNull();
    await store.close();
  });

  it('commits saves queued past the flush threshold without waiting for the timer', async () => {
    const store = createSqliteStore({ path: join(dir, 'x.db'), flushIntervalMs: 60_000, flushThreshold: 10 });
    let bound: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([
      store.save(Array.from({ length: 10 }, (_, i) => makeRecord(`m${i}`))).then(() => 'committed'),
      new Promise((resolve) => (bound = setTimeout(() => resolve('still queued'), 2_000))),
    ]);
    clearTimeout(bound);
    expect(outcome).toBe('committed');
    await store.close();
  });
});

describe('sqlite store (checkpoints)', () => {
  it('copies the write-ahead log into the database file while the store stays open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msgsim-store-'));
    const path = join(dir, 'x.db');
    const store = createSqliteStore({ path });
    try {
      const before = statSync(path).size;
      // ~20 MB of log, far past SQLite's automatic checkpoint (1,000 pages).
      for (let k = 0; k < 40; k++) await store.save(Array.from({ length: 1_000 }, (_, i) => makeRecord(`m${k}-${i}`)));
      expect(statSync(path).size).toBeGreaterThan(before);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

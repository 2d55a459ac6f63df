// The one connection that writes, on a worker thread: the event loop only serialises records and
// hands over flat arrays of statement parameters (large text as bytes in one buffer, moved rather
// than copied), and SQLite's B-tree work, its commits and its checkpoints (the only fsyncs under
// synchronous=NORMAL) happen on the other core. The worker knows no schema: it runs numbered prepared
// statements, each group of operations in one transaction. It is plain JavaScript evaluated from a
// string, so it needs no TypeScript loader in whichever runner (tsx, vitest) hosts the store.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
for (const p of workerData.pragmas) db.pragma(p);
const statements = workerData.statements.map((s) => {
  const fromBytes = new Array(s.params).fill(false);
  for (const p of s.byteParams || []) fromBytes[p] = true;
  return { stmt: db.prepare(s.sql), params: s.params, fromBytes, plain: !s.byteParams || s.byteParams.length === 0 };
});
const begin = db.prepare('BEGIN');
const commit = db.prepare('COMMIT');
const rollback = db.prepare('ROLLBACK');
function runGroup(ops, bytes) {
  begin.run();
  try {
    for (let i = 0; i < ops.length; ) {
      const s = statements[ops[i]];
      if (s.plain) {
        s.stmt.run(ops.slice(i + 1, i + 1 + s.params));
        i += 1 + s.params;
        continue;
      }
      const args = new Array(s.params);
      let k = i + 1;
      for (let p = 0; p < s.params; p++) {
        if (s.fromBytes[p]) {
          args[p] = bytes.subarray(ops[k], ops[k] + ops[k + 1]);
          k += 2;
        } else args[p] = ops[k++];
      }
      s.stmt.run(args);
      i = k;
    }
    commit.run();
    return null;
  } catch (e) {
    if (db.inTransaction) rollback.run();
    return String((e && e.message) || e);
  }
}
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  parentPort.postMessage({ seq: m.seq, errors: m.groups.map((ops) => runGroup(ops, m.bytes)) });
});
`;

export interface WriterStatement {
  sql: string;
  /** Number of `?` parameters. */
  params: number;
  /**
   * Parameters given as two operation slots, offset and length in the exec() call's bytes, and bound
   * as those bytes (a BLOB: the SQL casts it where it wants TEXT).
   */
  byteParams?: number[];
}

export interface WriterThread {
  /**
   * Runs each group in its own transaction, in order, after everything sent before. A group is a flat
   * list of operations: a statement's index followed by its parameters; byte parameters point into
   * `bytes`, which is handed over to the thread (unusable here afterwards). Resolves with one entry
   * per group: null when committed, else why it was rolled back.
   */
  exec(groups: unknown[][], bytes?: Uint8Array): Promise<Array<string | null>>;
  close(): Promise<void>;
}

export function createWriterThread(opts: {
  path: string;
  pragmas: string[];
  statements: WriterStatement[];
  /** The thread died: everything in flight is rejected with this, and so is every later exec(). */
  onDeath: (why: string) => void;
}): WriterThread {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path: opts.path, pragmas: opts.pragmas, statements: opts.statements } });
  worker.unref(); // only outstanding work keeps the process alive (see exec)
  const waiting = new Map<number, { resolve: (errors: Array<string | null>) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let dead: string | null = null;
  let closing = false;

  const die = (why: string) => {
    if (dead !== null) return;
    dead = why;
    for (const w of waiting.values()) w.reject(new Error(why));
    waiting.clear();
    opts.onDeath(why);
  };
  worker.on('message', (m: { seq: number; errors: Array<string | null> }) => {
    const w = waiting.get(m.seq);
    waiting.delete(m.seq);
    if (waiting.size === 0 && !closing) worker.unref();
    w?.resolve(m.errors);
  });
  worker.on('error', (e) => die(`the store's writer thread failed: ${e.message}`));
  worker.on('exit', (code) => {
    if (!closing) die(`the store's writer thread exited with ${code}`);
  });

  return {
    exec(groups, bytes = new Uint8Array(0)) {
      if (dead !== null) return Promise.reject(new Error(dead));
      const n = ++seq;
      // A commit in flight must finish before the process may end.
      if (waiting.size === 0) worker.ref();
      return new Promise((resolve, reject) => {
        waiting.set(n, { resolve, reject });
        // Only a buffer of its own can be moved; a view into a shared one (Buffer's pool) is copied.
        const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
        worker.postMessage({ seq: n, groups, bytes }, own ? [bytes.buffer as ArrayBuffer] : []);
      });
    },
    async close() {
      if (closing) return;
      closing = true;
      if (dead !== null) return;
      worker.ref();
      await new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('close');
      });
    },
  };
}

// Copies the write-ahead log back into the database file on a worker thread. SQLite's automatic
// checkpoint runs inside the commit that crosses its threshold, on the committing thread: with
// synchronous=NORMAL that is where the only fsyncs are, and it stalled the event loop for tens of
// milliseconds every few megabytes of writes. A PASSIVE checkpoint on a second connection never blocks
// the writer. The worker is plain JavaScript evaluated from a string so that it needs no TypeScript
// loader in whichever runner (tsx, vitest) hosts the store.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('synchronous = NORMAL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    checkpoint.run();
    parentPort.postMessage('done');
  } catch (e) {
    parentPort.postMessage('failed: ' + (e && e.message));
  }
});
`;

export interface WalCheckpointer {
  /** Asks for a checkpoint unless one is running; never waits for it. */
  request(): void;
  /** False once the worker failed; the writer should then checkpoint for itself. */
  healthy(): boolean;
  close(): Promise<void>;
}

export function createWalCheckpointer(opts: { path: string; onFailure: (why: string) => void }): WalCheckpointer {
  let worker: Worker | null = null;
  let busy = false;
  let failed = false;
  let closed = false;

  const fail = (why: string) => {
    if (failed) return;
    failed = true;
    opts.onFailure(why);
  };

  // Started on the first request, so a store that writes little never pays for a thread.
  function start(): Worker {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path: opts.path } });
    w.unref();
    w.on('message', (m: string) => {
      busy = false;
      if (m !== 'done') fail(m);
    });
    w.on('error', (e) => fail(e.message));
    w.on('exit', (code) => {
      if (!closed) fail(`checkpoint worker exited with ${code}`);
    });
    return w;
  }

  return {
    request() {
      if (busy || failed || closed) return;
      worker ??= start();
      busy = true;
      worker.postMessage('checkpoint');
    },
    healthy: () => !failed,
    async close() {
      if (closed) return;
      closed = true;
      if (!worker || failed) {
        await worker?.terminate();
        return;
      }
      const w = worker;
      w.ref(); // the process must not end before the worker let go of the database
      await new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        w.postMessage('close');
      });
    },
  };
}

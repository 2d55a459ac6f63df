// Every state change of a message is written through here. Changes made in one event-loop turn go to
// the store as ONE save() call (a record changed twice in the turn is written once, as it is at the
// end of the turn); callers that must not move on before the write is durable (intake answers, the
// pending attempt written before a send, a receipt's acknowledgement, cancel) await the batch's
// promise, the others only mark. Each turn's save goes at once, whatever is still committing: the
// store gathers it into its next transaction while the current one commits. Holding it back until
// the previous save was committed (as this once did) put a second commit into every wait, and those
// waits bound throughput: a send holds a window slot until its pending attempt is committed, and a
// receipt holds a slot of the SMSC's deliver window until its final state is.
import type { MessageRecord } from '../message.ts';
import type { Store } from '../store/store.ts';

export interface RecordWriter {
  /** Queue for the next group save; resolves once committed. */
  write(records: MessageRecord | readonly MessageRecord[]): Promise<void>;
  /** Queue for the next group save without waiting (a failed save is reported through onError). */
  mark(record: MessageRecord): void;
  /** Resolves once everything queued so far is committed. */
  flush(): Promise<void>;
  /** Records queued and not yet handed to the store. */
  queued(): number;
}

interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export function createRecordWriter(store: Store, onError: (err: unknown) => void): RecordWriter {
  let dirty = new Set<MessageRecord>();
  let batch: Batch | null = null;
  const inFlight = new Set<Promise<void>>();

  let due = false;

  const run = (): void => {
    due = false;
    const b = batch as Batch;
    const records = [...dirty];
    dirty = new Set();
    batch = null;
    const p = store.save(records).then(b.resolve, (err: unknown) => {
      onError(err);
      b.reject(err);
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  const current = (): Promise<void> => {
    if (batch !== null) return batch.promise;
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Marked-only batches have no awaiting caller; the failure is already reported through onError.
    promise.catch(() => {});
    batch = { promise, resolve, reject };
    if (!due) {
      due = true;
      setImmediate(run);
    }
    return promise;
  };

  return {
    write(records) {
      if (Array.isArray(records)) for (const r of records as readonly MessageRecord[]) dirty.add(r);
      else dirty.add(records as MessageRecord);
      return current();
    },
    mark(record) {
      dirty.add(record);
      void current();
    },
    async flush() {
      while (batch !== null || inFlight.size > 0) {
        if (batch !== null) await batch.promise.catch(() => {});
        await Promise.allSettled([...inFlight]);
      }
    },
    queued: () => dirty.size,
  };
}

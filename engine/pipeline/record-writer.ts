// Every state change of a message is written through here. Changes made in one event-loop turn go to
// the store as ONE save() call (a record changed twice in the turn is written once, as it is at the
// end of the turn); callers that must not move on before the write is durable (intake answers, the
// pending attempt written before a send, cancel) await the batch's promise, the others only mark.
// One save is in flight at a time: under load the next batch grows while the store commits, so a
// message that changed state several times meanwhile (submitted, then delivered) is written once.
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

  let saving = false;
  let due = false;

  const run = (): void => {
    due = false;
    if (saving) return; // the save in flight runs the next batch when it is done
    const b = batch as Batch;
    const records = [...dirty];
    dirty = new Set();
    batch = null;
    saving = true;
    const p = store.save(records).then(b.resolve, (err: unknown) => {
      onError(err);
      b.reject(err);
    });
    inFlight.add(p);
    void p.finally(() => {
      inFlight.delete(p);
      saving = false;
      if (batch !== null && !due) {
        due = true;
        setImmediate(run);
      }
    });
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
    if (!saving) {
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

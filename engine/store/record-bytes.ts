// A record's JSON as UTF-8, written straight into shared byte chunks (bump allocation) when it is
// saved: the JSON string dies young instead of surviving in the heap until the commit, and a row
// keeps only where its bytes are (no view object per row).
import type { MessageRecord } from '../message.ts';

export interface RecordSink {
  /** Appends the record's JSON; `chunk`, `start` and `end` then say where its bytes are. */
  write(r: MessageRecord): void;
  chunk: Buffer;
  start: number;
  end: number;
}

const CHUNK_BYTES = 256 * 1024;

export function createRecordSink(): RecordSink {
  let used = 0;
  const sink: RecordSink = {
    chunk: Buffer.allocUnsafeSlow(0),
    start: 0,
    end: 0,
    write(r) {
      const text = JSON.stringify(r);
      // A UTF-16 unit never takes more than 3 UTF-8 bytes: room for that means no measuring first.
      const most = text.length * 3;
      if (sink.chunk.length - used < most) {
        sink.chunk = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, most));
        used = 0;
      }
      sink.start = used;
      used += sink.chunk.write(text, used, 'utf8');
      sink.end = used;
    },
  };
  return sink;
}

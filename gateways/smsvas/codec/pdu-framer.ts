// Incremental SMPP framing: TCP chunks in, whole PDUs out. Only command_length is trusted here; the
// body is left to decodePdu so that one bad PDU costs one generic_nack, not the session.
import { HEADER_LENGTH } from './pdu.ts';

export const DEFAULT_MAX_PDU_LENGTH = 65536;

export type FramerEvent =
  | { kind: 'frame'; frame: Buffer }
  | { kind: 'invalid-length'; commandLength: number; header: Buffer };

export interface PduFramer {
  push(chunk: Buffer): FramerEvent[];
  /** Octets received but not yet part of a whole frame. */
  buffered(): number;
  /** True after an invalid length: the stream cannot be resynchronised and further input is ignored. */
  readonly broken: boolean;
}

export function createPduFramer(opts?: { maxLength?: number }): PduFramer {
  const maxLength = opts?.maxLength ?? DEFAULT_MAX_PDU_LENGTH;
  let pending: Buffer = Buffer.alloc(0);
  let broken = false;

  return {
    get broken() {
      return broken;
    },
    buffered: () => pending.length,
    push(chunk: Buffer): FramerEvent[] {
      if (broken || chunk.length === 0) return [];
      const buf = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      const events: FramerEvent[] = [];
      let off = 0;
      while (buf.length - off >= 4) {
        const commandLength = buf.readUInt32BE(off);
        if (commandLength < HEADER_LENGTH || commandLength > maxLength) {
          // Nothing after a bad length can be trusted, so report with what header octets we have and stop.
          events.push({ kind: 'invalid-length', commandLength, header: Buffer.from(buf.subarray(off, Math.min(off + HEADER_LENGTH, buf.length))) });
          broken = true;
          pending = Buffer.alloc(0);
          return events;
        }
        if (buf.length - off < commandLength) break;
        events.push({ kind: 'frame', frame: buf.subarray(off, off + commandLength) });
        off += commandLength;
      }
      // Copy the tail so a small remainder does not pin a large socket chunk.
      pending = off === buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(off));
      return events;
    },
  };
}

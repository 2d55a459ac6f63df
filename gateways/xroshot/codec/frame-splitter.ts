// Incremental MAS framing: every frame is one UTF-8 XML document followed by a NUL octet. TCP chunks
// in, whole frames out. UTF-8 never puts 0x00 inside a multi-octet character, so the first NUL always
// ends a frame. A peer that never sends NUL cannot be resynchronised: past `maxFrameBytes` the
// splitter reports `too-large` once and ignores everything after it.

export const FRAME_TERMINATOR = 0x00;
/** The terminator as text, for writers that append frames to one string and encode once. */
export const FRAME_TERMINATOR_TEXT = '\u0000';
export const DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;

export type FrameEvent = { kind: 'frame'; frame: Buffer } | { kind: 'too-large'; buffered: number };

export interface FrameSplitter {
  push(chunk: Buffer): FrameEvent[];
  /** Octets received but not yet part of a whole frame. */
  buffered(): number;
  /** True after `too-large`: further input is dropped. */
  readonly broken: boolean;
}

export function createFrameSplitter(opts?: { maxFrameBytes?: number }): FrameSplitter {
  const max = opts?.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  // Chunks of the frame in progress, kept apart so a long frame is concatenated once, not per chunk.
  let parts: Buffer[] = [];
  let partBytes = 0;
  let broken = false;

  const emit = (events: FrameEvent[], tail: Buffer): void => {
    const frame = parts.length === 0 ? tail : Buffer.concat([...parts, tail], partBytes + tail.length);
    parts = [];
    partBytes = 0;
    // Line breaks around frames and doubled NULs carry nothing.
    if (!isBlank(frame)) events.push({ kind: 'frame', frame });
  };

  return {
    get broken() {
      return broken;
    },
    buffered: () => partBytes,
    push(chunk) {
      if (broken || chunk.length === 0) return [];
      const events: FrameEvent[] = [];
      let off = 0;
      for (;;) {
        const nul = chunk.indexOf(FRAME_TERMINATOR, off);
        const end = nul === -1 ? chunk.length : nul;
        if (partBytes + (end - off) > max) {
          broken = true;
          events.push({ kind: 'too-large', buffered: partBytes + (end - off) });
          parts = [];
          partBytes = 0;
          return events;
        }
        if (nul === -1) break;
        emit(events, chunk.subarray(off, nul));
        off = nul + 1;
      }
      if (off < chunk.length) {
        // Copy so a small remainder does not pin a large socket chunk.
        const rest = Buffer.from(chunk.subarray(off));
        parts.push(rest);
        partBytes += rest.length;
      }
      return events;
    },
  };
}

/** One frame on the wire: the document's UTF-8 octets and the NUL terminator. */
export function encodeFrame(xml: string): Buffer {
  const body = Buffer.from(xml, 'utf8');
  const out = Buffer.allocUnsafe(body.length + 1);
  body.copy(out, 0);
  out[body.length] = FRAME_TERMINATOR;
  return out;
}

function isBlank(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

// A socket speaking SMPP: framing + decode in, encode + write out. Both the simulator's sessions and
// the client sit on this, so wire behaviour (what counts as a bad frame) is identical on both sides.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { SmppDecodeError } from './codec-errors.ts';
import { createPduFramer } from './pdu-framer.ts';
import { decodePdu, encodePdu, type EncodablePdu, type Pdu } from './pdu.ts';

export interface PduStreamEvents {
  pdu: [pdu: Pdu];
  'decode-error': [err: SmppDecodeError, frame: Buffer];
  'invalid-length': [commandLength: number, header: Buffer];
  close: [hadError: boolean];
  error: [err: Error];
}

export interface PduStream extends EventEmitter<PduStreamEvents> {
  /** Encodes and writes; returns socket.write's result so callers can honour backpressure. */
  send(pdu: EncodablePdu, opts?: { bodyOnError?: boolean }): boolean;
  sendRaw(buf: Buffer): boolean;
  /** Half-closes after pending writes flush. */
  close(): void;
  destroy(): void;
  readonly socket: Socket;
  readonly closed: boolean;
}

/**
 * Wraps a connected socket. After 'invalid-length' no more input is read: the caller answers
 * generic_nack ESME_RINVCMDLEN and closes, since the byte stream cannot be resynchronised.
 */
export function createPduStream(socket: Socket, opts?: { maxLength?: number }): PduStream {
  const framer = createPduFramer(opts);
  const emitter = new EventEmitter<PduStreamEvents>();
  let closed = false;

  const onData = (chunk: Buffer): void => {
    for (const ev of framer.push(chunk)) {
      if (closed) return;
      if (ev.kind === 'invalid-length') {
        socket.off('data', onData);
        emitter.emit('invalid-length', ev.commandLength, ev.header);
        return;
      }
      let pdu: Pdu;
      try {
        pdu = decodePdu(ev.frame);
      } catch (err) {
        if (!(err instanceof SmppDecodeError)) throw err;
        emitter.emit('decode-error', err, ev.frame);
        continue;
      }
      emitter.emit('pdu', pdu);
    }
  };
  socket.on('data', onData);
  socket.on('close', (hadError: boolean) => {
    closed = true;
    emitter.emit('close', hadError);
  });
  socket.on('error', (err: Error) => {
    // An 'error' with no listener would crash the process; a peer resetting the TCP connection is routine.
    if (emitter.listenerCount('error') > 0) emitter.emit('error', err);
  });

  // Every PDU written during one turn of the event loop (responses to a chunk of input, the requests
  // they make room for) leaves in one socket write: per-PDU writes cost more than encoding them.
  let corked = false;
  const uncork = (): void => {
    corked = false;
    socket.uncork();
  };
  const write = (buf: Buffer): boolean => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return socket.write(buf);
  };

  // defineProperties, not Object.assign: assign would freeze the `closed` getter's value at creation.
  Object.defineProperties(emitter, {
    socket: { value: socket, enumerable: true },
    // Ended (our side closed) counts too: writing after end() errors and resets the connection.
    closed: { get: () => closed || socket.destroyed || socket.writableEnded, enumerable: true },
  });
  return Object.assign(emitter as EventEmitter<PduStreamEvents> & { readonly socket: Socket; readonly closed: boolean }, {
    send(pdu: EncodablePdu, sendOpts?: { bodyOnError?: boolean }): boolean {
      return write(encodePdu(pdu, sendOpts));
    },
    sendRaw(buf: Buffer): boolean {
      return write(buf);
    },
    close(): void {
      socket.end();
    },
    destroy(): void {
      socket.destroy();
    },
  });
}

// One TCP connection to the SMSC under test, seen at the PDU level: nothing is matched, retried or
// hidden, every received PDU is kept in arrival order so a check can judge exactly what was on the wire.
// Only the SMSC's own requests are answered (deliver_sm, enquire_link, unbind), as any ESME must.
import { connect, type Socket } from 'node:net';
import { RESPONSE_BIT } from '../codec/command-id.ts';
import type { SmppDecodeError } from '../codec/codec-errors.ts';
import type { EncodablePdu, Pdu } from '../codec/pdu.ts';
import { createPduStream, type PduStream } from '../codec/pdu-stream.ts';
import type { SmppTarget } from './smpp-target.ts';

export interface WireSession {
  /** Every decoded PDU from the SMSC, in arrival order. */
  readonly received: readonly Pdu[];
  /** Frames from the SMSC that did not decode (each is a conformance finding in itself). */
  readonly undecodable: ReadonlyArray<{ error: SmppDecodeError; frame: Buffer }>;
  readonly closed: boolean;
  /** A fresh sequence_number (1, 2, 3, ...; never reused within the session). */
  nextSeq(): number;
  send(pdu: EncodablePdu): void;
  sendRaw(frame: Buffer): void;
  /** First PDU at index >= `from` (default: the next one to arrive) matching; null on timeout or close. */
  waitFor(match: (pdu: Pdu) => boolean, timeoutMs: number, from?: number): Promise<Pdu | null>;
  /** Sends a request and resolves with the first response-bit PDU that arrives after it (or null). */
  request(pdu: RequestPdu, timeoutMs: number): Promise<Pdu | null>;
  /** Resolves true once the SMSC has closed the connection, false if it is still open after `timeoutMs`. */
  waitClosed(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** A request to send; without a sequence_number the session assigns the next one. */
export type RequestPdu = { command: EncodablePdu['command']; sequence_number?: number; [field: string]: unknown };

type Waiter = { match: (pdu: Pdu) => boolean; resolve: (pdu: Pdu | null) => void };

export function openWireSession(target: SmppTarget, timeoutMs: number): Promise<WireSession> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: target.host, port: target.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TCP connection to ${target.host}:${target.port} within ${timeoutMs}ms`));
    }, timeoutMs);
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot connect to ${target.host}:${target.port}: ${err.message}`));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      resolve(wrap(createPduStream(socket)));
    });
  });
}

function wrap(stream: PduStream): WireSession {
  const received: Pdu[] = [];
  const undecodable: Array<{ error: SmppDecodeError; frame: Buffer }> = [];
  let waiters: Waiter[] = [];
  const closeWaiters: Array<() => void> = [];
  let closed = false;
  let seq = 0;

  const answer = (pdu: Pdu): void => {
    const reply = (command: EncodablePdu['command'], fields?: Record<string, unknown>) => {
      if (!closed) stream.send({ command, sequence_number: pdu.sequence_number, ...fields });
    };
    if (pdu.command === 'deliver_sm') reply('deliver_sm_resp', { message_id: '' });
    else if (pdu.command === 'enquire_link') reply('enquire_link_resp');
    else if (pdu.command === 'unbind') reply('unbind_resp');
  };

  stream.on('pdu', (pdu) => {
    received.push(pdu);
    if ((pdu.command_id & RESPONSE_BIT) === 0) answer(pdu);
    const still: Waiter[] = [];
    for (const w of waiters) {
      if (w.match(pdu)) w.resolve(pdu);
      else still.push(w);
    }
    waiters = still;
  });
  stream.on('decode-error', (error, frame) => {
    undecodable.push({ error, frame: Buffer.from(frame) });
  });
  // A broken length from the SMSC leaves nothing to resynchronise on; the session is over.
  stream.on('invalid-length', () => stream.destroy());
  stream.on('error', () => stream.destroy());
  stream.on('close', () => {
    closed = true;
    for (const w of waiters) w.resolve(null);
    waiters = [];
    for (const f of closeWaiters.splice(0)) f();
  });

  const session: WireSession = {
    received,
    undecodable,
    get closed() {
      return closed || stream.closed;
    },
    nextSeq: () => ++seq,
    send(pdu) {
      if (!session.closed) stream.send(pdu);
    },
    sendRaw(frame) {
      if (!session.closed) stream.sendRaw(frame);
    },
    waitFor(match, ms, from = received.length) {
      for (let i = from; i < received.length; i++) if (match(received[i])) return Promise.resolve(received[i]);
      if (session.closed) return Promise.resolve(null);
      return new Promise((resolve) => {
        const w: Waiter = {
          match,
          resolve: (pdu) => {
            clearTimeout(timer);
            resolve(pdu);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((x) => x !== w);
          resolve(null);
        }, ms);
        waiters.push(w);
      });
    },
    request(pdu, ms) {
      const from = received.length;
      session.send({ ...pdu, sequence_number: pdu.sequence_number ?? session.nextSeq() });
      return session.waitFor((p) => (p.command_id & RESPONSE_BIT) !== 0, ms, from);
    },
    waitClosed(ms) {
      if (session.closed) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(session.closed), ms);
        closeWaiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
    close() {
      if (session.closed) return Promise.resolve();
      const done = session.waitClosed(1000).then(() => undefined);
      stream.destroy();
      return done;
    },
  };
  return session;
}

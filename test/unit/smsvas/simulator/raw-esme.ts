// A byte-level ESME for simulator tests: every PDU it sends and receives is visible to the test.
import { connect } from 'node:net';
import { createPduStream, type PduStream } from '../../../../gateways/smsvas/codec/pdu-stream.ts';
import type { EncodablePdu, Pdu } from '../../../../gateways/smsvas/codec/pdu.ts';

export interface RawEsme {
  stream: PduStream;
  /** Sends a request and resolves with the PDU that answers its sequence_number. */
  request(pdu: Omit<EncodablePdu, 'sequence_number'> & { sequence_number?: number }): Promise<Pdu>;
  /** Resolves with the next inbound PDU of this command (already received ones first). */
  next(command: string, timeoutMs?: number): Promise<Pdu>;
  received: Pdu[];
  closed: Promise<void>;
  close(): void;
}

export async function connectRawEsme(port: number): Promise<RawEsme> {
  const socket = connect({ port, host: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const stream = createPduStream(socket);
  const received: Pdu[] = [];
  const pending = new Map<number, (p: Pdu) => void>();
  const waiters: Array<{ command: string; resolve: (p: Pdu) => void }> = [];
  let seq = 0;
  stream.on('pdu', (pdu) => {
    const r = pdu.command_id & 0x80000000 ? pending.get(pdu.sequence_number) : undefined;
    if (r) {
      pending.delete(pdu.sequence_number);
      return r(pdu);
    }
    const w = waiters.findIndex((x) => x.command === pdu.command);
    if (w >= 0) return waiters.splice(w, 1)[0].resolve(pdu);
    received.push(pdu);
  });
  stream.on('error', () => {});
  const closed = new Promise<void>((resolve) => stream.on('close', () => resolve()));
  return {
    stream,
    received,
    closed,
    request(pdu) {
      const sequence_number = pdu.sequence_number ?? ++seq;
      return new Promise((resolve) => {
        pending.set(sequence_number, resolve);
        stream.send({ ...pdu, sequence_number } as EncodablePdu);
      });
    },
    next(command, timeoutMs = 2000) {
      const i = received.findIndex((p) => p.command === command);
      if (i >= 0) return Promise.resolve(received.splice(i, 1)[0]);
      return new Promise((resolve, reject) => {
        const entry = { command, resolve: (p: Pdu) => (clearTimeout(t), resolve(p)) };
        const t = setTimeout(() => {
          waiters.splice(waiters.indexOf(entry), 1);
          reject(new Error(`no ${command} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(entry);
      });
    },
    close: () => stream.destroy(),
  };
}

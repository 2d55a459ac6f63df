// One fuzzing connection: writes a case followed by a probe (req_ping, which no case sends) and reads
// until the probe's res_ping or the close, so every case is judged on its own.
import { connect, type Socket } from 'node:net';
import { createFrameSplitter } from '../../gateways/xroshot/codec/frame-splitter.ts';
import { decodeMas } from '../../gateways/xroshot/codec/mas-decoder.ts';
import { encodeMas } from '../../gateways/xroshot/codec/mas-encoder.ts';
import type { MasMessage } from '../../gateways/xroshot/codec/mas-message.ts';
import type { FuzzCase } from './xroshot-frame-cases.ts';

const PROBE = encodeMas({ method: 'req_ping' });

export type Verdict = { closed: true; answers: MasMessage[]; undecodable: number } | { closed: false; answers: MasMessage[]; undecodable: number };

export interface FuzzConnection {
  run(c: FuzzCase, timeoutMs?: number): Promise<Verdict>;
  readonly closed: boolean;
  destroy(): void;
}

export async function openFuzzConnection(port: number): Promise<FuzzConnection> {
  const socket: Socket = connect({ port, host: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const splitter = createFrameSplitter();
  let answers: MasMessage[] = [];
  let undecodable = 0;
  let closed = false;
  let wake: (() => void) | null = null;
  socket.on('data', (chunk) => {
    for (const ev of splitter.push(chunk)) {
      if (ev.kind !== 'frame') continue;
      try {
        answers.push(decodeMas(ev.frame));
      } catch {
        undecodable++;
      }
    }
    wake?.();
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    closed = true;
    wake?.();
  });
  const probeAnswered = () => answers.some((m) => m.method === 'res_ping');
  return {
    get closed() {
      return closed;
    },
    async run(c, timeoutMs = 3000) {
      answers = [];
      undecodable = 0;
      socket.write(Buffer.concat([c.bytes, PROBE]));
      const deadline = Date.now() + timeoutMs;
      while (!closed && !probeAnswered()) {
        if (Date.now() > deadline) throw new Error(`no answer and no close within ${timeoutMs} ms for case: ${c.name}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
        wake = null;
      }
      const before = probeAnswered() ? answers.slice(0, answers.findIndex((m) => m.method === 'res_ping')) : answers;
      return { closed, answers: before, undecodable };
    },
    destroy: () => socket.destroy(),
  };
}

// One TCP connection to the MAS server under test, seen frame by frame: nothing is matched, retried or
// hidden. Every decoded frame is kept in arrival order, every frame that does not decode is kept with
// its error, and octets that never got a NUL terminator are counted, so a check judges the wire itself.
// Only the server's own requests are answered (req_report, req_ping, req_unregist), as any agent must.
import { connect, type Socket } from 'node:net';
import { createFrameSplitter } from '../codec/frame-splitter.ts';
import { decodeMas } from '../codec/mas-decoder.ts';
import { encodeMas } from '../codec/mas-encoder.ts';
import type { MasMessage } from '../codec/mas-message.ts';

export interface MasWireSession {
  /** Every decoded frame from the server, in arrival order. */
  readonly received: readonly MasMessage[];
  /** Frames from the server that did not decode. */
  readonly undecodable: ReadonlyArray<{ error: Error; frame: Buffer }>;
  /** Octets received since the last NUL: a server that never terminates its frames shows here. */
  readonly unterminated: number;
  readonly closed: boolean;
  send(m: MasMessage): void;
  sendRaw(octets: Buffer | string): void;
  /** First frame at index >= `from` (default: the next to arrive) that matches; null on timeout or close. */
  waitFor(match: (m: MasMessage) => boolean, timeoutMs: number, from?: number): Promise<MasMessage | null>;
  /** Sends and waits for the first frame with method `answer` after it. */
  request<M extends MasMessage['method']>(m: MasMessage, answer: M, timeoutMs: number): Promise<Extract<MasMessage, { method: M }> | null>;
  waitClosed(timeoutMs: number): Promise<boolean>;
  /** Resolves at the next frame (decoded or not) or close; false on timeout. */
  waitActivity(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

type Waiter = { match: (m: MasMessage) => boolean; resolve: (m: MasMessage | null) => void };

export function openMasWireSession(host: string, port: number, timeoutMs: number): Promise<MasWireSession> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TCP connection to ${host}:${port} within ${timeoutMs}ms`));
    }, timeoutMs);
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot connect to ${host}:${port}: ${err.message}`));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      resolve(wrap(socket));
    });
  });
}

function wrap(socket: Socket): MasWireSession {
  const received: MasMessage[] = [];
  const undecodable: Array<{ error: Error; frame: Buffer }> = [];
  const splitter = createFrameSplitter();
  let waiters: Waiter[] = [];
  const closeWaiters: Array<() => void> = [];
  let activityWaiters: Array<() => void> = [];
  const activity = () => {
    const ws = activityWaiters;
    activityWaiters = [];
    for (const w of ws) w();
  };
  let closed = false;

  const write = (b: Buffer | string) => {
    if (!closed && !socket.destroyed) socket.write(b);
  };

  function answer(m: MasMessage): void {
    if (m.method === 'req_report') write(encodeMas({ method: 'res_report', result: 0, jobId: m.jobId }));
    else if (m.method === 'req_ping') write(encodeMas({ method: 'res_ping', result: 0 }));
    else if (m.method === 'req_unregist') write(encodeMas({ method: 'res_unregist', result: 0 }));
  }

  socket.on('data', (chunk: Buffer) => {
    for (const e of splitter.push(chunk)) {
      if (e.kind !== 'frame') continue;
      let m: MasMessage;
      try {
        m = decodeMas(e.frame);
      } catch (err) {
        undecodable.push({ error: err as Error, frame: Buffer.from(e.frame) });
        activity();
        continue;
      }
      received.push(m);
      answer(m);
      activity();
      const still: Waiter[] = [];
      for (const w of waiters) {
        if (w.match(m)) w.resolve(m);
        else still.push(w);
      }
      waiters = still;
    }
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    closed = true;
    for (const w of waiters) w.resolve(null);
    waiters = [];
    for (const f of closeWaiters.splice(0)) f();
    activity();
  });

  const session: MasWireSession = {
    received,
    undecodable,
    get unterminated() {
      return splitter.buffered();
    },
    get closed() {
      return closed;
    },
    send: (m) => write(encodeMas(m)),
    sendRaw: (b) => write(b),
    waitFor(match, ms, from = received.length) {
      for (let i = from; i < received.length; i++) if (match(received[i])) return Promise.resolve(received[i]);
      if (closed) return Promise.resolve(null);
      return new Promise((resolve) => {
        const w: Waiter = {
          match,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((x) => x !== w);
          resolve(null);
        }, ms);
        waiters.push(w);
      });
    },
    request(m, answerMethod, ms) {
      const from = received.length;
      session.send(m);
      return session.waitFor((x) => x.method === answerMethod, ms, from) as Promise<never>;
    },
    waitClosed(ms) {
      if (closed) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(closed), ms);
        closeWaiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
    waitActivity(ms) {
      if (closed) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          activityWaiters = activityWaiters.filter((w) => w !== done);
          resolve(false);
        }, ms);
        const done = () => {
          clearTimeout(timer);
          resolve(true);
        };
        activityWaiters.push(done);
      });
    },
    close() {
      if (closed) return Promise.resolve();
      const done = session.waitClosed(1000).then(() => undefined);
      socket.destroy();
      return done;
    },
  };
  return session;
}

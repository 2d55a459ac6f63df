// A tiny MAS server for client tests: it registers any agent holding the test certificate, answers
// every request at once by default, and lets a test replace any answer or push frames of its own.
// It opens the AuthTicket and the sealed fields, so a test can see what the client really sent.
import { createServer, type Server, type Socket } from 'node:net';
import { createFieldCipher, openAuthTicket, authKeyAt, type FieldCipher } from '../../../../gateways/xroshot/codec/auth-crypto.ts';
import { createFrameSplitter, encodeFrame } from '../../../../gateways/xroshot/codec/frame-splitter.ts';
import { decodeMas } from '../../../../gateways/xroshot/codec/mas-decoder.ts';
import { encodeMas } from '../../../../gateways/xroshot/codec/mas-encoder.ts';
import type { MasMessage, ReqSendMessage2 } from '../../../../gateways/xroshot/codec/mas-message.ts';
import { formatMasTime } from '../../../../gateways/xroshot/codec/mas-time.ts';

export const TEST_CERT = 'T'.repeat(64) + 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(6);
export const SP_ID = 'sp1';
export const PASSWORD = 'pw1';

export interface ScriptedConnection {
  socket: Socket;
  received: MasMessage[];
  /** The one-time key's cipher once req_regist was read. */
  cipher: FieldCipher | null;
  send(m: MasMessage): void;
  sendRaw(b: Buffer | string): void;
}

export type Answer = (m: MasMessage, conn: ScriptedConnection) => MasMessage[] | 'default';

export interface ScriptedServer {
  port: number;
  connections: ScriptedConnection[];
  /** Every request from every connection, in arrival order. */
  received(): MasMessage[];
  /** Replaces the default answers; return 'default' to fall back, [] to stay silent. */
  answer: Answer | null;
  /** Plain recipient numbers of a req_send_message_2, opened with the connection's key. */
  open(conn: ScriptedConnection, req: ReqSendMessage2): { callback: string; recipients: string[]; text: string };
  dropAll(): void;
  close(): Promise<void>;
}

let jobSeq = 0;

export function defaultAnswer(m: MasMessage, conn: ScriptedConnection): MasMessage[] {
  const time = formatMasTime(Date.now());
  switch (m.method) {
    case 'req_auth':
      return [{ method: 'res_auth', result: 0, time }];
    case 'req_regist': {
      const key = authKeyAt(TEST_CERT, m.authKey);
      if (!key) return [{ method: 'res_regist', result: 2, sessionId: null, sendLimitPerSecond: [], productStatus: [], sendLimitPerMonth: [] }];
      const t = openAuthTicket(m.authTicket, key);
      if (t.serviceProviderId !== SP_ID || t.password !== PASSWORD) {
        return [{ method: 'res_regist', result: 7, sessionId: null, sendLimitPerSecond: [], productStatus: [], sendLimitPerMonth: [] }];
      }
      conn.cipher = createFieldCipher(t.oneTimeKey);
      return [{ method: 'res_regist', result: 0, sessionId: `S${conn.socket.remotePort}`, sendLimitPerSecond: [], productStatus: [], sendLimitPerMonth: [] }];
    }
    case 'req_send_message_2': {
      const ids = m.recipients.map((r) => ({ seqNo: r.seqNo, jobId: `J${++jobSeq}` }));
      return [
        ...ids.map((j) => ({ method: 'res_send_message' as const, result: 0, time, customMessageId: m.customMessageId, sequenceNumber: j.seqNo, jobId: j.jobId, groupId: 'G1' })),
        { method: 'res_send_message_all', result: 0, time, customMessageId: m.customMessageId, count: ids.length, groupId: 'G1', jobIds: ids },
      ];
    }
    case 'req_ping':
      return [{ method: 'res_ping', result: 0 }];
    case 'req_unregist':
      return [{ method: 'res_unregist', result: 0 }];
    default:
      return [];
  }
}

export async function startScriptedServer(answer: Answer | null = null): Promise<ScriptedServer> {
  const connections: ScriptedConnection[] = [];
  const all: MasMessage[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const conn: ScriptedConnection = {
      socket,
      received: [],
      cipher: null,
      send: (m) => void (socket.destroyed || socket.write(encodeMas(m))),
      sendRaw: (b) => void (socket.destroyed || socket.write(b)),
    };
    connections.push(conn);
    const splitter = createFrameSplitter();
    socket.on('data', (chunk: Buffer) => {
      for (const e of splitter.push(chunk)) {
        if (e.kind !== 'frame') continue;
        const m = decodeMas(e.frame);
        conn.received.push(m);
        all.push(m);
        const custom = s.answer?.(m, conn) ?? 'default';
        for (const out of custom === 'default' ? defaultAnswer(m, conn) : custom) conn.send(out);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const s: ScriptedServer = {
    port: (server.address() as { port: number }).port,
    connections,
    received: () => all,
    answer,
    open(conn, req) {
      const c = conn.cipher as FieldCipher;
      return { callback: c.decryptText(req.callbackNumber), recipients: req.recipients.map((r) => c.decryptText(r.number)), text: c.decryptText(req.content, 'euc-kr') };
    },
    dropAll() {
      for (const sock of sockets) sock.destroy();
    },
    close() {
      for (const sock of sockets) sock.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return s;
}

export { encodeFrame };

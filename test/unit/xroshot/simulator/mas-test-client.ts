// A frame-level MAS client for simulator tests: every frame it sends and receives is visible, and it
// logs in and seals fields with the codec's crypto the way a real client does.
import { connect, type Socket } from 'node:net';
import { authKeyAt, createFieldCipher, sealAuthTicket, type FieldCipher } from '../../../../gateways/xroshot/codec/auth-crypto.ts';
import { createFrameSplitter } from '../../../../gateways/xroshot/codec/frame-splitter.ts';
import { decodeMas } from '../../../../gateways/xroshot/codec/mas-decoder.ts';
import { encodeMas } from '../../../../gateways/xroshot/codec/mas-encoder.ts';
import type { Attachment, MasMessage, ReqReport, ReqSendMessage2, ResAuth, ResRegist, ResSendMessage, ResSendMessageAll } from '../../../../gateways/xroshot/codec/mas-message.ts';

export interface LoginOptions {
  serviceProviderId?: string;
  password?: string;
  endUserId?: string;
  cert?: string;
  authKey?: number;
  oneTimeKey?: string;
  /** Replaces the server time in the ticket. */
  serverTime?: string;
}

export interface SendOptions {
  kind?: 'SMS' | 'LMS' | 'MMS';
  callback?: string;
  to: string[];
  text?: string;
  subject?: string;
  attachments?: Attachment[];
  customMessageId?: string;
}

export interface MasTestClient {
  socket: Socket;
  received: MasMessage[];
  /** Raw frames that did not decode. */
  malformed: Buffer[];
  closed: Promise<void>;
  send(m: MasMessage): void;
  next<M extends MasMessage['method']>(method: M, timeoutMs?: number): Promise<Extract<MasMessage, { method: M }>>;
  login(o?: LoginOptions): Promise<{ auth: ResAuth; regist: ResRegist }>;
  sendMessage(o: SendOptions): Promise<{ perRecipient: ResSendMessage[]; all: ResSendMessageAll }>;
  buildSend(o: SendOptions): ReqSendMessage2;
  ackReport(r: ReqReport, result?: number): void;
  otk: FieldCipher;
  close(): void;
}

export const TEST_CERT = 'Qx7Lm2Vb9Tz4Kp1Wn8Rc5Hy3Jd6Fs0Ga'.repeat(8);
export const TEST_ACCOUNT = { serviceProviderId: 'sp1', password: 'pw1', endUsers: ['eu1'], cert: TEST_CERT };

export async function connectMas(port: number): Promise<MasTestClient> {
  const socket = connect({ port, host: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const splitter = createFrameSplitter();
  const received: MasMessage[] = [];
  const malformed: Buffer[] = [];
  const waiters: Array<{ method: string; resolve: (m: MasMessage) => void }> = [];
  let otk = createFieldCipher('unset');
  let seq = 0;
  socket.on('data', (chunk) => {
    for (const ev of splitter.push(chunk)) {
      if (ev.kind !== 'frame') continue;
      let m: MasMessage;
      try {
        m = decodeMas(ev.frame);
      } catch {
        malformed.push(ev.frame);
        continue;
      }
      const w = waiters.findIndex((x) => x.method === m.method);
      if (w >= 0) waiters.splice(w, 1)[0].resolve(m);
      else received.push(m);
    }
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));

  const client: MasTestClient = {
    socket,
    received,
    malformed,
    closed,
    get otk() {
      return otk;
    },
    send: (m) => void socket.write(encodeMas(m)),
    next(method, timeoutMs = 2000) {
      const i = received.findIndex((m) => m.method === method);
      if (i >= 0) return Promise.resolve(received.splice(i, 1)[0] as never);
      return new Promise((resolve, reject) => {
        const entry = { method: method as string, resolve: (m: MasMessage) => (clearTimeout(t), resolve(m as never)) };
        const t = setTimeout(() => {
          waiters.splice(waiters.indexOf(entry), 1);
          reject(new Error(`no ${method} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(entry);
      });
    },
    async login(o = {}) {
      const sp = o.serviceProviderId ?? TEST_ACCOUNT.serviceProviderId;
      client.send({ method: 'req_auth', serviceProviderId: sp });
      const auth = await client.next('res_auth');
      const index = o.authKey ?? 7;
      const oneTimeKey = o.oneTimeKey ?? 'one-time-key-1';
      const authTicket = sealAuthTicket(
        { serviceProviderId: sp, password: o.password ?? TEST_ACCOUNT.password, endUserId: o.endUserId ?? 'eu1', serverTime: o.serverTime ?? auth.time ?? '', oneTimeKey },
        authKeyAt(o.cert ?? TEST_CERT, index) ?? 'x',
      );
      client.send({ method: 'req_regist', serviceProviderId: sp, endUserId: o.endUserId ?? 'eu1', authTicket, authKey: index, version: '1.0.15' });
      const regist = await client.next('res_regist');
      otk = createFieldCipher(oneTimeKey);
      return { auth, regist };
    },
    buildSend(o) {
      const kind = o.kind ?? 'SMS';
      return {
        method: 'req_send_message_2',
        messageType: kind === 'SMS' ? 1 : 4,
        messageSubType: kind === 'MMS' ? 3 : 1,
        callbackNumber: otk.encrypt(o.callback ?? '15880000'),
        customMessageId: o.customMessageId ?? `c${++seq}`,
        reserveType: null,
        reserveTime: null,
        recipients: o.to.map((n, i) => ({ seqNo: i + 1, number: otk.encrypt(n) })),
        subject: o.subject ?? (kind === 'SMS' ? '' : '알림'),
        content: otk.encrypt(o.text ?? '안녕하세요 msgsim', 'euc-kr'),
        attachments: o.attachments ?? [],
      };
    },
    async sendMessage(o) {
      const req = client.buildSend(o);
      client.send(req);
      const all = await client.next('res_send_message_all');
      const perRecipient: ResSendMessage[] = [];
      for (let i = received.length - 1; i >= 0; i--) {
        const m = received[i];
        if (m.method === 'res_send_message' && m.customMessageId === req.customMessageId) perRecipient.unshift(received.splice(i, 1)[0] as ResSendMessage);
      }
      return { perRecipient, all };
    },
    ackReport: (r, result = 0) => client.send({ method: 'res_report', result, jobId: r.jobId }),
    close: () => socket.destroy(),
  };
  return client;
}

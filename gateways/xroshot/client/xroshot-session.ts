// One MAS connection from the agent side: TCP connect, req_auth (server time), req_regist (sealed
// AuthTicket naming this session's one-time key), a window of req_send_message_2 keyed by
// CustomMessageID with response timeouts, req_ping keepalive with a dead-peer timeout, res_report for
// every req_report, and a bounded req_unregist. It never reconnects: the pool decides what follows.
// A res_report may leave later than its req_report was read (once the handler's promise settles) while
// the next frames are read meanwhile: the relay matches res_report by JobID, in any order.
import { connect as netConnect, type Socket } from 'node:net';
import type { Clock, Timer } from '../../kit/clock.ts';
import type { Rng } from '../../kit/rng.ts';
import { createPendingRequests, type PendingRequests } from '../../kit/pending-requests.ts';
import { authKeyAt, createFieldCipher, sealAuthTicket, AUTH_KEY_LENGTH, type FieldCipher } from '../codec/auth-crypto.ts';
import { sniffMethod } from '../codec/mas-document.ts';
import { decodeMas } from '../codec/mas-decoder.ts';
import { masToXml } from '../codec/mas-encoder.ts';
import type { MasMessage, ReqReport, ResRegist, ResSendMessage, ResSendMessageAll } from '../codec/mas-message.ts';
import { createFrameSplitter, FRAME_TERMINATOR_TEXT } from '../codec/frame-splitter.ts';

/** A message ready to go, in plain text: the session seals numbers and content with its own key. */
export interface OutgoingMessage {
  messageType: number;
  messageSubType: number;
  callback: string;
  recipients: string[];
  subject: string;
  text: string;
  /** base64 file contents. */
  attachments: Array<{ fileName: string; data: string }>;
}

export interface SendAnswer {
  all: ResSendMessageAll;
  /** The per-recipient res_send_message frames that preceded it, decoded on first use. */
  recipients(): ResSendMessage[];
}

export interface XroshotSessionOptions {
  host: string;
  port: number;
  serviceProviderId: string;
  password: string;
  endUserId: string;
  certificate: string;
  authKeyIndex: number | null;
  version: string;
  window: number;
  responseTimeoutMs: number;
  pingIntervalMs: number;
  deadPeerMs: number;
  maxFrameBytes: number;
  clock: Clock;
  rng: Rng;
  /**
   * Handles a req_report: the Result to answer it with, or a promise to answer it once settled
   * (Result 0 when it resolves, REPORT_NOT_TAKEN when it rejects, so the relay sends it again). A
   * session lost before then never answers it: the relay gives its unconfirmed reports to the next one.
   */
  onReport(req: ReqReport, session: XroshotSession): number | PromiseLike<unknown>;
  /** The session was registered and is now gone. */
  onDown(session: XroshotSession, why: string): void;
  /** Window room came free. */
  onRoom(session: XroshotSession): void;
  onTimeouts(count: number): void;
  /** A frame from the server that could not be read (still answered where it was a req_report). */
  onUnreadable(why: string): void;
}

export type OpenResult =
  | { ok: true; sessionId: string; sendLimitPerSecond: number | null }
  | { ok: false; method: 'res_auth' | 'res_regist'; result: number };

export interface XroshotSession {
  readonly registered: boolean;
  readonly sessionId: string;
  readonly pending: PendingRequests<SendAnswer>;
  open(): Promise<OpenResult>;
  /** Writes one req_send_message_2; the caller has checked pending.hasRoom(). */
  send(msg: OutgoingMessage, done: (answer: SendAnswer | null) => void): void;
  /** req_unregist, then close; waits at most timeoutMs for res_unregist. */
  close(timeoutMs: number): Promise<void>;
  destroy(): void;
}

type Control = 'res_auth' | 'res_regist' | 'res_ping' | 'res_unregist';

/** res_report Result for a report the agent could not take now: 1 (system error); any non-zero asks for it again. */
export const REPORT_NOT_TAKEN = 1;
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomToken(rng: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ID_ALPHABET[rng.int(0, ID_ALPHABET.length - 1)];
  return s;
}

export function createXroshotSession(opts: XroshotSessionOptions): XroshotSession {
  const { clock } = opts;
  let socket: Socket | null = null;
  let registered = false;
  let down = false;
  let sessionId = '';
  let cipher: FieldCipher | null = null;
  let lastRx = 0;
  let pingTimer: Timer | null = null;
  let deadTimer: Timer | null = null;
  let nextId = 0;
  // One tag per connection keeps CustomMessageIDs unique across reconnects of the same pool slot.
  const tag = randomToken(opts.rng, 6);
  // Raw res_send_message frames by CustomMessageID: only a refused message needs them decoded, so the
  // common case pays one index lookup instead of an XML parse per recipient.
  const perRecipient = new Map<string, Buffer[]>();
  // Sealing is deterministic (zero IV), so the few callback numbers a session uses are sealed once.
  const sealedCallbacks = new Map<string, string>();
  let outbox = '';
  let flushQueued = false;

  const pending = createPendingRequests<SendAnswer>({
    size: opts.window,
    timeoutMs: opts.responseTimeoutMs,
    clock,
    onTimeout: (n) => {
      opts.onTimeouts(n);
      opts.onRoom(session);
    },
  });
  const control = createPendingRequests<MasMessage>({ size: 8, timeoutMs: opts.responseTimeoutMs, clock });

  // Frames written in one turn of the event loop are joined into one string and leave in one socket
  // write, encoded once.
  function write(m: MasMessage): void {
    if (!socket || down) return;
    outbox += masToXml(m) + FRAME_TERMINATOR_TEXT;
    if (flushQueued) return;
    flushQueued = true;
    process.nextTick(flush);
  }

  // req_report waiting for their handler's promise. Reports read in one turn usually share one promise
  // (the engine's store commit), so they wait as one group behind a single then().
  let waitingOn: PromiseLike<unknown> | null = null;
  let waitingJobs: string[] = [];

  function answerLater(jobId: string, wait: PromiseLike<unknown>): void {
    if (wait === waitingOn) {
      waitingJobs.push(jobId);
      return;
    }
    const jobs = [jobId];
    waitingOn = wait;
    waitingJobs = jobs;
    const answer = (result: number): void => {
      if (waitingOn === wait) waitingOn = null;
      for (const id of jobs) write({ method: 'res_report', result, jobId: id });
    };
    wait.then(
      () => answer(0),
      () => answer(REPORT_NOT_TAKEN),
    );
  }

  function flush(): void {
    flushQueued = false;
    const text = outbox;
    outbox = '';
    if (!socket || socket.destroyed || text === '') return;
    socket.write(text);
  }

  function ask(m: MasMessage, answer: Control): Promise<MasMessage | null> {
    return new Promise((resolve) => {
      control.add(answer, resolve);
      write(m);
    });
  }

  function fail(why: string): void {
    if (down) return;
    flush();
    down = true;
    const was = registered;
    registered = false;
    pingTimer?.cancel();
    deadTimer?.cancel();
    pingTimer = deadTimer = null;
    pending.stop();
    control.stop();
    socket?.destroy();
    perRecipient.clear();
    // Nothing more will be answered on this connection: settle what waits now.
    pending.abandonAll();
    control.abandonAll();
    if (was) opts.onDown(session, why);
  }

  function armPing(delay: number): void {
    if (opts.pingIntervalMs <= 0 || down) return;
    pingTimer = clock.setTimer(onPingDue, delay);
  }

  function onPingDue(): void {
    pingTimer = null;
    const idle = clock.now() - lastRx;
    if (idle < opts.pingIntervalMs) return armPing(opts.pingIntervalMs - idle);
    if (!control.has('res_ping')) {
      deadTimer = clock.setTimer(() => fail(`no res_ping within ${opts.deadPeerMs} ms`), opts.deadPeerMs);
      void ask({ method: 'req_ping' }, 'res_ping').then((r) => {
        deadTimer?.cancel();
        deadTimer = null;
        if (r === null && !down) fail('req_ping not answered');
      });
    }
    armPing(opts.pingIntervalMs);
  }

  function onFrame(frame: Buffer): void {
    lastRx = clock.now();
    const id = perRecipientId(frame);
    if (id !== null) {
      if (!pending.has(id)) return;
      const list = perRecipient.get(id);
      if (list) list.push(frame);
      else perRecipient.set(id, [frame]);
      return;
    }
    let m: MasMessage;
    try {
      m = decodeMas(frame);
    } catch (err) {
      const method = sniffMethod(frame.toString('utf8', 0, Math.min(frame.length, 512)));
      opts.onUnreadable(`${method ?? 'frame'}: ${(err as Error).message}`);
      // A report we cannot read is still acknowledged, or the server would resend it forever.
      if (method === 'req_report') write({ method: 'res_report', result: 0, jobId: '' });
      return;
    }
    switch (m.method) {
      case 'res_auth':
      case 'res_regist':
      case 'res_ping':
      case 'res_unregist':
        control.resolve(m.method, m);
        return;
      case 'res_send_message':
        // Only reached when the quick index could not read its CustomMessageID; nothing waits on it.
        return;
      case 'res_send_message_all': {
        const frames = perRecipient.get(m.customMessageId) ?? [];
        perRecipient.delete(m.customMessageId);
        if (pending.resolve(m.customMessageId, { all: m, recipients: () => decodeRecipients(frames) })) opts.onRoom(session);
        return;
      }
      case 'req_report': {
        const result = opts.onReport(m, session);
        if (typeof result === 'number') write({ method: 'res_report', result, jobId: m.jobId });
        else answerLater(m.jobId, result);
        return;
      }
      case 'req_ping':
        write({ method: 'res_ping', result: 0 });
        return;
      case 'req_unregist':
        write({ method: 'res_unregist', result: 0 });
        fail('the server sent req_unregist');
        return;
      default:
        // A request only an agent sends (req_auth, req_send_message_2, ...) means nothing coming from the server.
        opts.onUnreadable(`unexpected ${m.method} from the server`);
    }
  }

  function sealCallback(c: FieldCipher, callback: string): string {
    let sealed = sealedCallbacks.get(callback);
    if (sealed === undefined) {
      sealed = c.encrypt(callback);
      if (sealedCallbacks.size >= 64) sealedCallbacks.clear();
      sealedCallbacks.set(callback, sealed);
    }
    return sealed;
  }

  async function register(): Promise<OpenResult> {
    const auth = await ask({ method: 'req_auth', serviceProviderId: opts.serviceProviderId }, 'res_auth');
    if (auth === null || auth.method !== 'res_auth') throw new Error(down ? 'connection lost before res_auth' : `no res_auth within ${opts.responseTimeoutMs} ms`);
    if (auth.result !== 0 || auth.time === null) return { ok: false, method: 'res_auth', result: auth.result };
    const index = opts.authKeyIndex ?? opts.rng.int(0, opts.certificate.length - AUTH_KEY_LENGTH);
    const oneTimeKey = randomToken(opts.rng, 24);
    const authKey = authKeyAt(opts.certificate, index) as string;
    const ticket = sealAuthTicket(
      { serviceProviderId: opts.serviceProviderId, password: opts.password, endUserId: opts.endUserId, serverTime: auth.time, oneTimeKey },
      authKey,
    );
    const reg = await ask(
      { method: 'req_regist', serviceProviderId: opts.serviceProviderId, endUserId: opts.endUserId, authTicket: ticket, authKey: index, version: opts.version },
      'res_regist',
    );
    if (reg === null || reg.method !== 'res_regist') throw new Error(down ? 'connection lost before res_regist' : `no res_regist within ${opts.responseTimeoutMs} ms`);
    if (reg.result !== 0) return { ok: false, method: 'res_regist', result: reg.result };
    cipher = createFieldCipher(oneTimeKey);
    sessionId = reg.sessionId ?? '';
    registered = true;
    armPing(opts.pingIntervalMs);
    return { ok: true, sessionId, sendLimitPerSecond: lowestLimit(reg) };
  }

  const session: XroshotSession = {
    get registered() {
      return registered;
    },
    get sessionId() {
      return sessionId;
    },
    pending,
    open() {
      return new Promise<OpenResult>((resolve, reject) => {
        const sock = netConnect({ host: opts.host, port: opts.port });
        socket = sock;
        sock.setNoDelay(true);
        const early = (err: Error) => {
          fail(`socket error: ${err.message}`);
          reject(err);
        };
        sock.once('error', early);
        sock.once('connect', () => {
          sock.off('error', early);
          lastRx = clock.now();
          const splitter = createFrameSplitter({ maxFrameBytes: opts.maxFrameBytes });
          sock.on('data', (chunk: Buffer) => {
            for (const e of splitter.push(chunk)) {
              if (down) return;
              if (e.kind === 'frame') onFrame(e.frame);
              else fail(`the server sent ${e.buffered} octets without a NUL terminator; the stream cannot be resynchronised`);
            }
          });
          sock.on('error', (err) => fail(`socket error: ${err.message}`));
          sock.on('close', () => fail('connection closed'));
          register().then(
            (r) => {
              if (!r.ok) fail(`${r.method} Result ${r.result}`);
              resolve(r);
            },
            (err: Error) => {
              fail(err.message);
              reject(err);
            },
          );
        });
      });
    },
    send(msg, done) {
      const id = `${tag}${(++nextId).toString(36)}`;
      const c = cipher as FieldCipher;
      pending.add(id, done);
      write({
        method: 'req_send_message_2',
        messageType: msg.messageType,
        messageSubType: msg.messageSubType,
        callbackNumber: sealCallback(c, msg.callback),
        customMessageId: id,
        reserveType: null,
        reserveTime: null,
        recipients: msg.recipients.map((n, i) => ({ seqNo: i + 1, number: c.encrypt(n) })),
        subject: msg.subject,
        content: c.encrypt(msg.text, 'euc-kr'),
        attachments: msg.attachments.map((a, i) => ({ attachId: i + 1, fileName: a.fileName, data: a.data })),
      });
    },
    close(timeoutMs) {
      if (down) return Promise.resolve();
      if (!registered) {
        fail('closed by client');
        return Promise.resolve();
      }
      registered = false;
      return new Promise<void>((resolve) => {
        const timer = clock.setTimer(finish, timeoutMs);
        function finish(): void {
          timer.cancel();
          fail('closed by client');
          resolve();
        }
        void ask({ method: 'req_unregist', reason: 0 }, 'res_unregist').then(finish);
      });
    },
    destroy() {
      fail('destroyed by client');
    },
  };
  return session;
}

const PER_RECIPIENT_METHOD = Buffer.from('method="res_send_message"');
const CUSTOM_ID = /<CustomMessageID>([^<]{1,64})<\/CustomMessageID>/;

/** The CustomMessageID of a res_send_message frame, or null for any other frame (or one it cannot index). */
function perRecipientId(frame: Buffer): string | null {
  const at = frame.indexOf(PER_RECIPIENT_METHOD);
  if (at === -1 || at > 120) return null;
  return CUSTOM_ID.exec(frame.toString('utf8'))?.[1] ?? null;
}

function decodeRecipients(frames: Buffer[]): ResSendMessage[] {
  const out: ResSendMessage[] = [];
  for (const f of frames) {
    try {
      const m = decodeMas(f);
      if (m.method === 'res_send_message') out.push(m);
    } catch {
      // An unreadable per-recipient answer adds nothing to what res_send_message_all said.
    }
  }
  return out;
}

/** The smallest per-second limit res_regist announces, or null when it names none. */
function lowestLimit(reg: ResRegist): number | null {
  const limits = reg.sendLimitPerSecond.map((l) => l.value).filter((v) => v > 0);
  return limits.length === 0 ? null : Math.min(...limits);
}

// One client connection: connected -> authenticated (server time issued) -> registered -> closed.
// Frames in through the NUL splitter and the codec; answers shaped by latency, faults and quirks;
// req_report out toward the client, matched by res_report.
import type { Socket } from 'node:net';
import type { Timer } from '../../kit/clock.ts';
import { createTokenBucket, type TokenBucket } from '../../kit/token-bucket.ts';
import type { FieldCipher } from '../codec/auth-crypto.ts';
import { createFrameSplitter, FRAME_TERMINATOR_TEXT } from '../codec/frame-splitter.ts';
import { writeMasXml, el } from '../codec/mas-document.ts';
import { decodeMas } from '../codec/mas-decoder.ts';
import { masToXml } from '../codec/mas-encoder.ts';
import { isMasMethod, type MasMessage, type ReqReport } from '../codec/mas-message.ts';
import { formatMasTime } from '../codec/mas-time.ts';
import { REJECT_RESULT } from '../codec/result-code.ts';
import { isXroshotError, type XroshotError } from '../xroshot-errors.ts';
import { handleAuth, handleRegist, type AuthState } from './regist-handler.ts';
import type { ReportReceiver } from './report-queue.ts';
import { handleSend, type Fault, type Responder } from './send-handler.ts';
import type { AccountState, XroshotContext } from './xroshot-context.ts';

export type SessionState = 'connected' | 'registered' | 'closed';

export interface MasSession extends ReportReceiver {
  readonly state: SessionState;
  readonly serviceProviderId: string | null;
  /** Sends req_unregist and closes. */
  close(): void;
  destroy(): void;
}

// A malformed request still deserves an answer where its method can be read.
const MALFORMED_RESULT: Record<string, number> = {
  req_auth: REJECT_RESULT['auth-failed'],
  req_regist: REJECT_RESULT['auth-failed'],
  req_send_message_2: REJECT_RESULT['invalid-content'],
};
const RESULT_SYSTEM_ERROR = 1;

export function createMasSession(socket: Socket, ctx: XroshotContext, id: number, tpsOf: (a: AccountState) => number | null): MasSession {
  const splitter = createFrameSplitter({ maxFrameBytes: ctx.cfg.maxFrameBytes });
  const quirks = ctx.cfg.quirks;
  const auth: AuthState = { serviceProviderId: null };
  let state: SessionState = 'connected';
  let acct: AccountState | null = null;
  let otk: FieldCipher | null = null;
  let bucket: TokenBucket | null = null;
  let outstanding = 0;
  let closing = false;
  let lastActivity = ctx.clock.now();
  let idleTimer: Timer | null = null;

  const log = (dir: 'in' | 'out', method: string, result?: number, note?: string) =>
    ctx.log.push({ at: ctx.clock.now(), dir, session: id, serviceProviderId: acct?.account.serviceProviderId ?? auth.serviceProviderId, method, result, note });
  const blackholed = () => ctx.behaviour.outage()?.mode === 'blackhole';
  const writable = () => !closing && !socket.destroyed && socket.writable;

  // Frames produced in one turn (responses, then reports) are joined into one string and leave in
  // one write: one encoding and one syscall per turn instead of a Buffer and a writev entry per frame.
  let outbox = '';
  let flushQueued = false;

  function flushOut(): void {
    flushQueued = false;
    if (outbox === '') return;
    const text = outbox;
    outbox = '';
    if (!socket.destroyed && socket.writable) socket.write(text);
  }

  function writeRaw(bytes: Buffer | string): void {
    if (!writable()) return;
    if (typeof bytes === 'string') outbox += bytes;
    else {
      flushOut();
      socket.write(bytes);
    }
    if (!flushQueued) {
      flushQueued = true;
      process.nextTick(flushOut);
    }
  }

  function writeFrame(m: MasMessage): void {
    if (!writable()) return;
    writeRaw(quirks.omitTerminator ? masToXml(m) : masToXml(m) + FRAME_TERMINATOR_TEXT);
    const result = 'result' in m ? m.result : undefined;
    ctx.stats.inc(`out:${m.method}`);
    log('out', m.method, result);
  }

  const respond: Responder = (frames, latencyMs, fault?: Fault) => {
    if (blackholed()) return;
    const act = () => {
      if (fault !== undefined) return applyFault(fault);
      for (const f of frames) writeFrame(f);
    };
    if (latencyMs <= 0) return act();
    outstanding++;
    const owner = acct;
    if (owner) owner.outstanding++;
    ctx.clock.setTimer(() => {
      outstanding--;
      if (owner) owner.outstanding--;
      act();
    }, latencyMs);
  };

  function applyFault(fault: Fault): void {
    ctx.stats.inc(`fault:${fault}`);
    log('out', `fault:${fault}`);
    if (fault === 'drop-connection') return void socket.destroy();
    // A response that is not well-formed XML: the client must survive it.
    if (fault === 'corrupt') writeRaw(Buffer.from('<?xml version="1.0" encoding="UTF-8"?><MAS method="res_send_message_all"><Result>0</Res\0', 'utf8'));
  }

  function answerMalformed(err: XroshotError): void {
    ctx.stats.inc(`in:malformed:${err.code}`);
    log('in', err.method ?? '(unreadable)', undefined, err.message);
    const method = err.method;
    if (method === null || !method.startsWith('req_')) {
      // Without a readable request there is nothing to answer, and nothing after it can be trusted.
      if (method === null) finish();
      return;
    }
    if (blackholed()) return;
    const time = formatMasTime(ctx.clock.now());
    if (method === 'req_send_message_2') {
      return writeFrame({ method: 'res_send_message_all', result: MALFORMED_RESULT[method], time, customMessageId: '', count: 0, groupId: '', jobIds: [] });
    }
    // Requests this relay does not serve (req_storage, ...) are not subscribed services.
    const result = MALFORMED_RESULT[method] ?? (isMasMethod(method) ? RESULT_SYSTEM_ERROR : REJECT_RESULT.unsupported);
    const resMethod = `res_${method.slice(4)}`;
    const xml = writeMasXml(resMethod, [el('Result', result)]);
    writeRaw(quirks.omitTerminator ? xml : xml + FRAME_TERMINATOR_TEXT);
    ctx.stats.inc(`out:${resMethod}`);
    log('out', resMethod, result);
  }

  function onMessage(m: MasMessage): void {
    ctx.stats.inc(`in:${m.method}`);
    log('in', m.method, 'result' in m ? m.result : undefined);
    if (m.method === 'res_report') return acct?.reports.acknowledge(session, m.jobId, m.result);
    if (m.method === 'res_unregist') return finish();
    if (blackholed()) return;
    switch (m.method) {
      case 'req_ping':
        if (!quirks.ignorePing) writeFrame({ method: 'res_ping', result: 0 });
        return;
      case 'req_unregist':
        writeFrame({ method: 'res_unregist', result: 0 });
        return finish();
      case 'req_auth':
        return writeFrame(handleAuth(ctx, auth, m));
      case 'req_regist': {
        if (state === 'registered') return writeFrame({ method: 'res_regist', result: REJECT_RESULT['auth-failed'], sessionId: null, sendLimitPerSecond: [], productStatus: [], sendLimitPerMonth: [] });
        const out = handleRegist(ctx, auth, m, id, tpsOf);
        if (!out.ok) {
          ctx.stats.inc(`regist:refused:${out.response.result}`);
          writeFrame(out.response);
          log('out', 'res_regist', out.response.result, out.note);
          return;
        }
        acct = out.account;
        otk = out.otk;
        const rate = tpsOf(acct);
        bucket = rate === null ? null : createTokenBucket({ rate, burst: rate }, ctx.clock);
        acct.sessions++;
        state = 'registered';
        writeFrame(out.response);
        acct.reports.addReceiver(session);
        return;
      }
      case 'req_send_message_2':
        if (state !== 'registered' || !acct || !otk) {
          return writeFrame({ method: 'res_send_message_all', result: REJECT_RESULT['auth-failed'], time: formatMasTime(ctx.clock.now()), customMessageId: m.customMessageId, count: 0, groupId: '', jobIds: [] });
        }
        return handleSend(ctx, acct, { id, bucket, otk, outstanding: () => outstanding }, m, respond);
      default:
        // Server-side methods (res_auth, req_report, ...) have no business arriving here.
        ctx.stats.inc('in:unexpected');
    }
  }

  function onData(chunk: Buffer): void {
    if (closing) return;
    lastActivity = ctx.clock.now();
    // A refusing relay is down: its sessions drop, whatever they were doing.
    if (ctx.behaviour.outage()?.mode === 'refuse') return void socket.destroy();
    for (const ev of splitter.push(chunk)) {
      if (closing) return;
      if (ev.kind === 'too-large') {
        ctx.stats.inc('in:frame-too-large');
        log('in', '(oversize)', undefined, `${ev.buffered} octets without NUL`);
        return finish();
      }
      let m: MasMessage;
      try {
        m = decodeMas(ev.frame);
      } catch (e) {
        if (!isXroshotError(e)) throw e;
        answerMalformed(e);
        continue;
      }
      onMessage(m);
    }
  }

  function armIdle(): void {
    const idle = ctx.cfg.session.idleTimeout;
    if (idle <= 0 || closing) return;
    idleTimer = ctx.clock.setTimer(() => {
      idleTimer = null;
      if (closing) return;
      if (ctx.clock.now() - lastActivity >= idle) {
        ctx.stats.inc('session:idle-timeout');
        return session.close();
      }
      armIdle();
    }, Math.max(1, lastActivity + idle - ctx.clock.now()));
  }

  function unregistered(): void {
    if (state === 'registered' && acct) {
      acct.reports.removeReceiver(session);
      acct.sessions--;
    }
    state = 'closed';
  }

  /** Ends our side: nothing more is read or written. */
  function finish(): void {
    if (closing) return;
    // What this turn wrote (res_unregist, req_unregist) still leaves before the FIN.
    flushOut();
    closing = true;
    idleTimer?.cancel();
    unregistered();
    socket.end();
    // A peer that keeps its side open is dropped.
    setTimeout(() => socket.destroy(), 2000).unref();
  }

  socket.on('data', onData);
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    closing = true;
    idleTimer?.cancel();
    unregistered();
  });
  armIdle();

  const session: MasSession = {
    id,
    get state() {
      return state;
    },
    get serviceProviderId() {
      return acct?.account.serviceProviderId ?? null;
    },
    sendReport(report: ReqReport) {
      if (!writable() || state !== 'registered' || blackholed()) return false;
      writeFrame(report);
      return true;
    },
    close() {
      if (closing) return;
      writeFrame({ method: 'req_unregist', reason: 0 });
      finish();
    },
    destroy: () => {
      closing = true;
      socket.destroy();
    },
  };
  return session;
}

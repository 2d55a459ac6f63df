// The GMMSC client: what the engine sends LMS/MMS through. SubmitReq over a keep-alive HTTP pool with
// Basic auth, one outcome value per message (SubmitRsp and Faults read through one table); a callback
// receiver turns DeliveryReportReq / ReadReplyReq into `report` events and DeliverReq into `mo`.
import { EventEmitter } from 'node:events';
import { Pool, type Dispatcher } from 'undici';
import type { Timer } from '../../kit/clock.ts';
import { createDrainWaiter } from '../../kit/drain-waiter.ts';
import { createReferenceBook } from '../../kit/reference-book.ts';
import { parseMm7Envelope } from '../codec/mm7-envelope.ts';
import { splitMm7Http } from '../codec/mm7-http.ts';
import { isSuccessStatus } from '../codec/mm7-status.ts';
import { GmmscError, isGmmscError } from '../gmmsc-errors.ts';
import type { GmmscMo, GmmscReport } from './callback-reader.ts';
import { createCallbackReceiver, type CallbackReceiver } from './callback-receiver.ts';
import { resolveClientOptions, type GmmscClientOptions } from './client-options.ts';
import { rejectionForHttp, rejectionForStatus, type Mm7Rejection } from './mm7-outcome-table.ts';
import { encodeSubmit, type GmmscSubmitMessage } from './submit-request.ts';

type DispatchController = Dispatcher.DispatchController;

export type GmmscSubmitOutcome =
  | { kind: 'accepted'; messageIds: string[]; code: number; codeName?: string; partial: boolean; transactionId: string }
  | Mm7Rejection
  | { kind: 'timeout'; why?: string };

/** The `why` of a SubmitReq not written because its notAfter came while it waited for a connection. */
export const NOT_SENT_LATE = 'not sent: its notAfter passed while it waited for a connection';

export interface GmmscClientStats {
  inFlight: number;
  submitted: number;
  /** SubmitReqs never written because their notAfter came while they waited for a connection. */
  expired: number;
  accepted: number;
  rejected: number;
  timeouts: number;
  reports: number;
  mo: number;
  /** SubmitRsp whose TransactionID is not the request's (accepted anyway, counted). */
  transactionMismatches: number;
  /** Callbacks answered with a Fault because they could not be read. */
  callbackFaults: number;
}

export interface GmmscClientEvents {
  report: [report: GmmscReport];
  mo: [mo: GmmscMo];
  error: [err: Error];
}

export interface GmmscClient extends EventEmitter<GmmscClientEvents> {
  /** Starts the callback receiver (when configured). The MMSC is not contacted: HTTP needs no bind. */
  connect(): Promise<void>;
  submit(msg: GmmscSubmitMessage): Promise<GmmscSubmitOutcome>;
  close(): Promise<void>;
  stats(): GmmscClientStats;
  /** Where the MMSC must post reports and MO; null before connect() or without a receiver. */
  callbackUrl(): string | null;
}

type State = 'idle' | 'ready' | 'closing' | 'closed';

const MAX_RESPONSE_BYTES = 1024 * 1024;

// Failures that happen before a request can have reached the MMSC: the message was certainly not taken.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

export function createGmmscClient(options: GmmscClientOptions): GmmscClient {
  const o = resolveClientOptions(options);
  const emitter = new EventEmitter<GmmscClientEvents>();
  const references = createReferenceBook();
  const counts = { submitted: 0, expired: 0, accepted: 0, rejected: 0, timeouts: 0, reports: 0, mo: 0, transactionMismatches: 0 };
  const auth = o.target.username || o.target.password ? `Basic ${Buffer.from(`${o.target.username}:${o.target.password}`).toString('base64')}` : undefined;
  const defaults = { namespace: o.namespace, mm7Version: o.mm7Version, vaspId: o.vaspId, vasId: o.vasId, serviceCode: o.serviceCode, deliveryReport: o.deliveryReport, readReply: o.readReply };
  const txPrefix = Math.floor(o.rng.next() * 0xffffffff).toString(16).padStart(8, '0');
  let txCounter = 0;
  let state: State = 'idle';
  let inFlight = 0;
  const drain = createDrainWaiter(o.clock);
  const pool = new Pool(o.target.origin, { connections: o.connections, pipelining: o.pipelining, keepAliveTimeout: 30_000 });
  /** Aborts of the submits in flight, for close(). */
  const pending = new Set<(outcome: GmmscSubmitOutcome) => void>();

  // A listener's bug must not turn the MMSC's callback into a Fault (it would resend the report); a
  // promise the callback returns is handed to the receiver, which answers once it settles.
  function deliverSafely(fn: () => unknown): unknown {
    try {
      return fn();
    } catch (err) {
      if (emitter.listenerCount('error') > 0) emitter.emit('error', err as Error);
      else process.nextTick(() => { throw err; });
      return undefined;
    }
  }

  let receiver: CallbackReceiver | null = null;
  if (o.callback) {
    receiver = createCallbackReceiver({
      ...o.callback,
      now: () => o.clock.now(),
      onReport(report) {
        counts.reports++;
        const reference = references.take(report.messageId, report.final);
        if (reference !== undefined) report.reference = reference;
        const wait = deliverSafely(() => {
          const w = options.onReport?.(report);
          emitter.emit('report', report);
          return w;
        });
        // Not taken: the MMSC sends it again, and that copy should name the caller's reference too.
        if (reference !== undefined && report.final && isThenable(wait)) wait.then(undefined, () => references.put(report.messageId, reference));
        return wait;
      },
      onMo(mo) {
        counts.mo++;
        return deliverSafely(() => {
          const w = options.onMo?.(mo);
          emitter.emit('mo', mo);
          return w;
        });
      },
    });
  }

  function readSubmitResponse(status: number, contentType: string | undefined, body: Buffer, transactionId: string): GmmscSubmitOutcome {
    let env;
    try {
      env = parseMm7Envelope(splitMm7Http(contentType ?? 'text/xml', body).xml);
    } catch (err) {
      if (!isGmmscError(err)) throw err;
      // No MM7 status to read: an HTTP error says why; a 2xx we cannot read leaves the message's fate unknown.
      if (status >= 300) return rejectionForHttp(status, body.toString('utf8', 0, 200));
      return { kind: 'timeout', why: `unreadable response (HTTP ${status}): ${err.message}` };
    }
    if (env.transactionId !== transactionId) counts.transactionMismatches++;
    const m = env.message;
    if (m.kind === 'SubmitRsp') {
      if (isSuccessStatus(m.status.code) && m.messageId) {
        return { kind: 'accepted', messageIds: [m.messageId], code: m.status.code, ...(m.status.text ? { codeName: m.status.text } : {}), partial: m.status.code === 1100, transactionId };
      }
      if (isSuccessStatus(m.status.code)) return { kind: 'timeout', why: `SubmitRsp ${m.status.code} without a MessageID` };
      return rejectionForStatus(m.status.code, m.status.text, m.status.details);
    }
    if (m.kind === 'Fault') {
      if (m.detail) return rejectionForStatus(m.detail.status.code, m.detail.status.text ?? m.faultString, m.detail.status.details);
      return rejectionForHttp(status >= 300 ? status : 500, m.faultString);
    }
    return { kind: 'timeout', why: `answered with ${m.kind} instead of SubmitRsp` };
  }

  // The dispatcher API with a plain handler: no Readable body stream, AbortController or async
  // iteration per request, which at thousands of submits a second was much of the client's own cost.
  function send(msg: GmmscSubmitMessage): Promise<GmmscSubmitOutcome> {
    const notAfter = msg.notAfter;
    if (notAfter !== undefined && o.clock.now() >= notAfter) {
      counts.expired++;
      return Promise.resolve({ kind: 'timeout', why: NOT_SENT_LATE });
    }
    const transactionId = `${txPrefix}-${++txCounter}`;
    const http = encodeSubmit(msg, defaults, transactionId);
    const headers: Record<string, string> = { 'content-type': http.contentType, soapaction: '""' };
    if (auth) headers.authorization = auth;
    inFlight++;
    counts.submitted++;
    return new Promise<GmmscSubmitOutcome>((resolve) => {
      let settled = false;
      let controller: DispatchController | null = null;
      let status = 0;
      let contentType: string | undefined;
      let size = 0;
      const chunks: Buffer[] = [];
      const finish = (outcome: GmmscSubmitOutcome) => {
        if (settled) return;
        settled = true;
        timer?.cancel();
        pending.delete(abort);
        if (--inFlight === 0) drain.settled();
        resolve(outcome);
      };
      const abort = (outcome: GmmscSubmitOutcome) => {
        finish(outcome);
        controller?.abort(new Error(outcome.kind === 'timeout' ? (outcome.why ?? 'aborted') : 'aborted'));
      };
      pending.add(abort);
      const timer: Timer | null =
        o.responseTimeoutMs > 0 ? o.clock.setTimer(() => abort({ kind: 'timeout', why: `no response within ${o.responseTimeoutMs}ms` }), o.responseTimeoutMs) : null;
      pool.dispatch(
        { method: 'POST', path: o.target.path, headers, body: http.body, headersTimeout: 0, bodyTimeout: 0 },
        {
          // Called as undici is about to write the request: past here it may reach the MMSC. One that
          // waited in the pool's queue beyond its notAfter is aborted unwritten (undici then drops
          // that connection; the pool opens another).
          onRequestStart(c) {
            controller = c;
            if (settled) return c.abort(new Error('aborted'));
            if (notAfter !== undefined && o.clock.now() >= notAfter) {
              counts.expired++;
              abort({ kind: 'timeout', why: NOT_SENT_LATE });
            }
          },
          onResponseStart(_c, statusCode, h) {
            status = statusCode;
            const ct = h['content-type'];
            contentType = Array.isArray(ct) ? ct[0] : ct;
          },
          onResponseData(c, chunk) {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              finish({ kind: 'timeout', why: `response over ${MAX_RESPONSE_BYTES} bytes` });
              c.abort(new Error('response too large'));
              return;
            }
            chunks.push(chunk);
          },
          onResponseEnd() {
            if (settled) return;
            try {
              finish(readSubmitResponse(status, contentType, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), transactionId));
            } catch (err) {
              finish({ kind: 'timeout', why: `error: ${(err as Error).message}` });
            }
          },
          onResponseError(_c, err) {
            if (settled) return;
            const code = (err as { code?: string }).code ?? '';
            if (NOT_SENT.has(code)) finish(rejectionForHttp(503, `${code}: ${err.message}`));
            else if (state === 'closing' || state === 'closed') finish({ kind: 'timeout', why: 'the client closed before the response' });
            else finish({ kind: 'timeout', why: `${code || 'error'}: ${err.message}` });
          },
        },
      );
    });
  }

  async function close(): Promise<void> {
    if (state === 'closing' || state === 'closed') return;
    state = 'closing';
    if (inFlight > 0) {
      await drain.wait(o.closeTimeoutMs);
    }
    for (const abort of [...pending]) abort({ kind: 'timeout', why: 'the client closed before the response' });
    await pool.destroy();
    await receiver?.close();
    state = 'closed';
  }

  return Object.assign(emitter, {
    async connect() {
      if (state !== 'idle') throw new GmmscError('GMMSC_ERR_CONFIG', `connect() called while ${state}`);
      try {
        await receiver?.listen();
      } catch (err) {
        state = 'closed';
        await pool.destroy();
        throw new GmmscError('GMMSC_ERR_CONFIG', `the callback receiver cannot listen on ${o.callback?.host}:${o.callback?.port}: ${(err as Error).message}`, { cause: err });
      }
      state = 'ready';
    },
    async submit(msg: GmmscSubmitMessage): Promise<GmmscSubmitOutcome> {
      if (state === 'idle') throw new GmmscError('GMMSC_ERR_NOT_CONNECTED', 'call connect() before submit()');
      if (state !== 'ready') throw new GmmscError('GMMSC_ERR_CLOSED', 'the client is closed');
      const outcome = await send(msg);
      if (outcome.kind === 'accepted') {
        counts.accepted++;
        if (msg.reference !== undefined) for (const id of outcome.messageIds) references.put(id, msg.reference);
      } else if (outcome.kind === 'rejected') counts.rejected++;
      else if (outcome.why !== NOT_SENT_LATE) counts.timeouts++;
      return outcome;
    },
    close,
    stats(): GmmscClientStats {
      return { inFlight, ...counts, callbackFaults: receiver?.counts().faults ?? 0 };
    },
    callbackUrl: () => receiver?.url ?? null,
  });
}

// The RCS client: what the engine sends RCS through. OAuth2 token kept fresh underneath, capability
// answers cached, one HTTP pool of keep-alive connections, and a webhook receiver turning status
// events into reports. submit() answers one outcome value per message; reports and MO are events.
import { EventEmitter } from 'node:events';
import { createDrainWaiter } from '../../kit/drain-waiter.ts';
import { errorBodySchema } from '../codec/error-body.ts';
import { TOKEN_PATH, encodeTokenForm } from '../codec/token-schema.ts';
import { RcsError } from '../rcs-errors.ts';
import { createCapabilityCache, type CapabilityAnswer, type FreshAnswer } from './capability-cache.ts';
import { resolveRcsClientOptions, type RcsClientOptions } from './client-options.ts';
import { createMaapHttp, type HttpRequest, type HttpResult } from './maap-http.ts';
import { rejectionFor, reportFor, type Rejection } from './rcs-outcome-table.ts';
import type { RcsSubmitMessage } from './rcs-message.ts';
import { createReportBook, type RcsMo, type RcsReport } from './rcs-report.ts';
import { buildSendBody, toUserContact } from './send-body.ts';
import { createTokenCache, type IssuedToken } from './token-cache.ts';
import { readWebhookBody, type WebhookEvent } from './webhook-events.ts';
import { createWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

export type RcsSubmitOutcome =
  | { kind: 'accepted'; messageIds: string[]; clientMsgId?: string }
  | Rejection
  /** `why` is set only for a message never written because its notAfter passed (NOT_SENT_LATE). */
  | { kind: 'timeout'; why?: string };

/** The `why` of a message not written because its notAfter came while it waited for a token or a connection. */
export const NOT_SENT_LATE = 'not sent: its notAfter passed while it waited for a token or a connection';

export interface RcsClientStats {
  inFlight: number;
  sent: number;
  accepted: number;
  rejected: number;
  timeouts: number;
  /** Messages never written because their notAfter came while they waited for a token or a connection. */
  expired: number;
  /** Requests repeated with a fresh token after a 401. */
  reauthorized: number;
  reports: number;
  /** Final statuses posted again and dropped. */
  duplicates: number;
  mo: number;
  unreadable: number;
  token: ReturnType<ReturnType<typeof createTokenCache>['stats']>;
  capability: ReturnType<ReturnType<typeof createCapabilityCache>['stats']>;
  webhook: ReturnType<WebhookReceiver['stats']> | null;
}

export interface RcsClientEvents {
  report: [report: RcsReport];
  mo: [mo: RcsMo];
  error: [err: Error];
}

export interface RcsClient extends EventEmitter<RcsClientEvents> {
  /** Gets a token (refused credentials reject with RCS_ERR_AUTH_FAILED) and starts the webhook receiver. */
  connect(): Promise<void>;
  submit(msg: RcsSubmitMessage): Promise<RcsSubmitOutcome>;
  /** Whether RCS can reach this user, from the cache or the MaaP's capability query. */
  capability(destination: string): Promise<CapabilityAnswer>;
  /** The URL the MaaP must post status events to (after connect), or null without a receiver. */
  webhookUrl(): string | null;
  /** Feeds a webhook body received elsewhere (an engine's own HTTP server). */
  /** Returns what the answer to the MaaP should wait for (a promise when onReport / onMo returned one). */
  handleWebhook(body: unknown): PromiseLike<unknown> | undefined;
  close(): Promise<void>;
  stats(): RcsClientStats;
}

type State = 'idle' | 'connecting' | 'ready' | 'closing' | 'closed';

const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

/** Why a token could not be had, carried from the token fetch to the send that needed it. */
class TokenFailure extends RcsError {
  constructor(
    code: 'RCS_ERR_AUTH_FAILED' | 'RCS_ERR_UNREACHABLE',
    message: string,
    readonly httpStatus: number | null,
    readonly resultCode: number | null,
  ) {
    super(code, message);
  }
}

function resultCodeOf(body: unknown): number | null {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) return parsed.data.error.code;
  const b = body as { code?: unknown; error?: { code?: unknown } } | null;
  const c = b?.error?.code ?? b?.code;
  return typeof c === 'number' && Number.isInteger(c) ? c : typeof c === 'string' && /^\d+$/.test(c) ? Number(c) : null;
}

export function createRcsClient(options: RcsClientOptions): RcsClient {
  const o = resolveRcsClientOptions(options);
  const emitter = new EventEmitter<RcsClientEvents>();
  const http = createMaapHttp({ origin: o.origin, clock: o.clock, connections: o.connections, responseTimeoutMs: o.responseTimeoutMs });
  const book = createReportBook();
  const botPath = `${o.basePath}/rcs/bot/v1/${encodeURIComponent(o.botId)}`;
  const counts = { sent: 0, accepted: 0, rejected: 0, timeouts: 0, expired: 0, reauthorized: 0, reports: 0, duplicates: 0, mo: 0, unreadable: 0 };
  let state: State = 'idle';
  let inFlight = 0;
  const drain = createDrainWaiter(o.clock);
  let receiver: WebhookReceiver | null = null;
  let boundUrl: string | null = null;

  async function fetchToken(): Promise<IssuedToken> {
    const res = await http.request({
      method: 'POST',
      path: `${o.basePath}${TOKEN_PATH}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: encodeTokenForm(o.clientId, o.clientSecret),
    });
    if (res.kind === 'timeout') throw new TokenFailure('RCS_ERR_UNREACHABLE', `token request not answered within ${o.responseTimeoutMs} ms`, null, null);
    if (res.kind === 'error') throw new TokenFailure('RCS_ERR_UNREACHABLE', `token request failed: ${res.message}`, null, null);
    if (res.status >= 400 && res.status < 500) {
      const code = resultCodeOf(res.body);
      throw new TokenFailure('RCS_ERR_AUTH_FAILED', `token request refused: HTTP ${res.status}${code !== null ? ` code ${code}` : ''}`, res.status, code);
    }
    const b = res.body as { access_token?: unknown; expires_in?: unknown } | null;
    const expiresIn = Number(b?.expires_in);
    if (res.status !== 200 || typeof b?.access_token !== 'string' || !(expiresIn > 0)) {
      throw new TokenFailure('RCS_ERR_UNREACHABLE', `token request answered HTTP ${res.status} without access_token and expires_in`, res.status, resultCodeOf(res.body));
    }
    return { token: b.access_token, expiresInMs: expiresIn * 1000 };
  }

  const tokens = createTokenCache({ clock: o.clock, fetchToken, refreshBeforeMs: o.tokenRefreshBeforeMs });

  /** A request with the bearer token; a 401 is answered once more with a fresh token. */
  async function authorized(req: HttpRequest): Promise<HttpResult | TokenFailure> {
    let token: string;
    try {
      token = await tokens.get();
    } catch (err) {
      return err as TokenFailure;
    }
    const res = await http.request({ ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } });
    if (res.kind !== 'answer' || res.status !== 401) return res;
    tokens.invalidate(token);
    counts.reauthorized++;
    try {
      token = await tokens.get();
    } catch (err) {
      return err as TokenFailure;
    }
    return http.request({ ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } });
  }

  function tokenRejection(f: TokenFailure): Rejection {
    if (f.code === 'RCS_ERR_AUTH_FAILED') return rejectionFor(f.httpStatus ?? 401, f.resultCode);
    return { kind: 'rejected', reason: 'service-unavailable', transient: true, code: f.httpStatus ?? 503, codeName: f.message, httpStatus: f.httpStatus ?? 0 };
  }

  async function query(contact: string): Promise<FreshAnswer> {
    const res = await authorized({ method: 'GET', path: `${botPath}/contactCapabilities?userContact=${encodeURIComponent(contact)}` });
    if (res instanceof TokenFailure) return { kind: 'unknown', why: res.message };
    if (res.kind === 'timeout') return { kind: 'unknown', why: `capability query not answered within ${o.responseTimeoutMs} ms` };
    if (res.kind === 'error') return { kind: 'unknown', why: `capability query failed: ${res.message}` };
    if (res.status === 200) {
      const caps = (res.body as { capabilities?: unknown } | null)?.capabilities;
      return { kind: 'capable', features: Array.isArray(caps) ? caps.filter((c): c is string => typeof c === 'string') : [] };
    }
    const code = resultCodeOf(res.body);
    if (rejectionFor(res.status, code).reason === 'not-capable') return { kind: 'not-capable', code };
    return { kind: 'unknown', why: `capability query answered HTTP ${res.status}${code !== null ? ` code ${code}` : ''}` };
  }

  const capabilities = createCapabilityCache({ clock: o.clock, query, positiveTtlMs: o.capabilityTtlMs, negativeTtlMs: o.notCapableTtlMs });

  // A listener's bug must not stop the other events of the same webhook body. What the callback
  // returned is passed back: a promise holds the answer to the MaaP until it settles.
  function deliverSafely(fn: () => unknown): unknown {
    try {
      return fn();
    } catch (err) {
      if (emitter.listenerCount('error') > 0) emitter.emit('error', err as Error);
      else process.nextTick(() => { throw err; });
      return undefined;
    }
  }

  /** Final statuses whose callback promise has not settled: a copy the MaaP posts meanwhile waits for it. */
  const settling = new Map<string, PromiseLike<unknown>>();

  function settleFinal(report: RcsReport, wait: PromiseLike<unknown>): void {
    const id = report.messageId;
    settling.set(id, wait);
    const done = () => {
      if (settling.get(id) === wait) settling.delete(id);
    };
    wait.then(done, () => {
      done();
      // Not taken: the MaaP posts it again, and that copy must not be dropped as a duplicate.
      book.forget(report);
    });
  }

  function onEvents(events: WebhookEvent[]): PromiseLike<unknown> | undefined {
    const at = o.clock.now();
    let waits: PromiseLike<unknown>[] | undefined;
    const waitFor = (w: unknown) => {
      if (isThenable(w)) (waits ??= []).push(w);
    };
    for (const e of events) {
      if (e.type === 'unreadable') counts.unreadable++;
      if (e.type === 'mo') {
        counts.mo++;
        const mo: RcsMo = { event: e.event, userContact: e.userContact, messageId: e.messageId, text: e.text, postback: e.postback, at };
        waitFor(
          deliverSafely(() => {
            const w = options.onMo?.(mo);
            emitter.emit('mo', mo);
            return w;
          }),
        );
      }
      if (e.type !== 'status') continue;
      const mapped = reportFor(e.status, e.code);
      if (!mapped) continue;
      const report: RcsReport = { messageId: e.messageId, ...mapped, code: e.code, at, timestamp: e.timestamp, userContact: e.userContact };
      if (!book.admit(report)) {
        counts.duplicates++;
        waitFor(settling.get(report.messageId));
        continue;
      }
      counts.reports++;
      const wait = deliverSafely(() => {
        const w = options.onReport?.(report);
        emitter.emit('report', report);
        return w;
      });
      if (!isThenable(wait)) continue;
      if (report.final) settleFinal(report, wait);
      waitFor(wait);
    }
    if (waits === undefined) return undefined;
    return waits.length === 1 ? waits[0] : Promise.all(waits);
  }

  async function send(msg: RcsSubmitMessage): Promise<RcsSubmitOutcome> {
    const body = buildSendBody(msg);
    const path = msg.botId === undefined ? `${botPath}/messages` : `${o.basePath}/rcs/bot/v1/${encodeURIComponent(msg.botId)}/messages`;
    counts.sent++;
    const res = await authorized({ method: 'POST', path, body, notAfter: msg.notAfter });
    if (res instanceof TokenFailure) {
      counts.rejected++;
      return tokenRejection(res);
    }
    if (res.kind === 'timeout' && res.unsent) {
      counts.expired++;
      return { kind: 'timeout', why: NOT_SENT_LATE };
    }
    if (res.kind !== 'answer') {
      counts.timeouts++;
      return { kind: 'timeout' };
    }
    if (res.status >= 200 && res.status < 300) {
      counts.accepted++;
      const b = res.body as { msgId?: unknown; RCSMessage?: { msgId?: unknown } } | null;
      const id = b?.msgId ?? b?.RCSMessage?.msgId;
      const ids = typeof id === 'string' && id ? [id] : msg.clientMsgId ? [msg.clientMsgId] : [];
      if (msg.reference !== undefined) for (const x of ids) book.put(x, msg.reference);
      return { kind: 'accepted', messageIds: ids, ...(msg.clientMsgId !== undefined ? { clientMsgId: msg.clientMsgId } : {}) };
    }
    counts.rejected++;
    return rejectionFor(res.status, resultCodeOf(res.body));
  }

  function ensureReady(): Promise<never> | null {
    if (state === 'idle' || state === 'connecting') return Promise.reject(new RcsError('RCS_ERR_NOT_CONNECTED'));
    if (state === 'closing' || state === 'closed') return Promise.reject(new RcsError('RCS_ERR_CLOSED'));
    return null;
  }

  async function close(): Promise<void> {
    if (state === 'closed' || state === 'closing') return;
    state = 'closing';
    if (inFlight > 0) {
      await drain.wait(o.closeTimeoutMs);
    }
    await Promise.all([http.close(), receiver?.close()]);
    state = 'closed';
  }

  return Object.assign(emitter, {
    async connect() {
      if (state !== 'idle') throw new RcsError('RCS_ERR_CONFIG', `connect() called while ${state}`);
      state = 'connecting';
      try {
        await tokens.get();
        if (o.webhook) {
          receiver = createWebhookReceiver({ ...o.webhook, onEvents });
          boundUrl = await receiver.listen();
        }
      } catch (err) {
        state = 'closed';
        await Promise.all([http.close(), receiver?.close()]).catch(() => {});
        throw err instanceof TokenFailure ? new RcsError(err.code, err.message) : err;
      }
      state = 'ready';
    },
    submit(msg: RcsSubmitMessage): Promise<RcsSubmitOutcome> {
      const refused = ensureReady();
      if (refused) return refused;
      inFlight++;
      return send(msg).finally(() => {
        if (--inFlight === 0) drain.settled();
      });
    },
    capability(destination: string): Promise<CapabilityAnswer> {
      const refused = ensureReady();
      if (refused) return refused;
      return capabilities.get(toUserContact(destination));
    },
    webhookUrl: () => (o.webhook?.publicUrl ?? boundUrl),
    handleWebhook(body: unknown) {
      return onEvents(readWebhookBody(body));
    },
    close,
    stats(): RcsClientStats {
      return { inFlight, ...counts, token: tokens.stats(), capability: capabilities.stats(), webhook: receiver?.stats() ?? null };
    },
  });
}

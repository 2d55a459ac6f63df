// How status and MO webhooks leave the simulator: undici Pools of keep-alive connections per webhook
// origin, driven through dispatch with a plain handler (request() builds a Readable body, an abort
// signal and a promise chain per POST, most of the simulator's own cost at two webhooks a message).
// Each POST still carries exactly one event.
//
// An origin starts with one POST per connection at a time and as many connections as POSTs may be in
// flight (what a plain HTTP client does). Once its connections have proven to stay open (answers reused
// them several times over), POSTs are pipelined on a few connections, which saves the receiver and us
// most reads and writes. An answer saying Connection: close sends the origin back to one POST per
// connection, so a server that acts on pipelined requests and then drops their answers sees at most
// one burst of them again; a receiver that never keeps connections open is never pipelined to.
import { Pool, type Dispatcher } from 'undici';

/** POSTs a JSON body, resolves with the HTTP status; rejects on connection failure or timeout. */
export type WebhookTransport = (url: string, body: string, timeoutMs: number) => Promise<number>;

export interface PooledWebhookTransport {
  send: WebhookTransport;
  /** Closes every pool; POSTs still in flight fail. */
  close(): Promise<void>;
}

export interface PooledWebhookTransportOptions {
  /** POSTs in flight per origin the pools are sized for (the dispatcher's maxInFlight). */
  maxInFlight?: number;
  /** Connections once an origin pipelines. */
  pipelinedConnections?: number;
  /** Largest answer body read (answers are only counted, never used); more fails the POST. */
  maxBodyBytes?: number;
  /** Origins held at once; past it the least recently opened one is closed. */
  maxOrigins?: number;
}

interface Origin {
  pool: Pool;
  pipelined: boolean;
  answers: number;
  connects: number;
}

const HEADERS = { 'content-type': 'application/json; charset=utf-8' };
// Answers per connection opened before an origin counts as keeping connections open.
const REUSE_BEFORE_PIPELINING = 4;
const MIN_ANSWERS_BEFORE_PIPELINING = 64;

export function createPooledWebhookTransport(opts: PooledWebhookTransportOptions = {}): PooledWebhookTransport {
  const origins = new Map<string, Origin>();
  const maxInFlight = opts.maxInFlight ?? 64;
  const pipedConnections = Math.min(opts.pipelinedConnections ?? 4, maxInFlight);
  const maxBody = opts.maxBodyBytes ?? 64 * 1024;
  const maxOrigins = opts.maxOrigins ?? 64;
  let closed = false;

  const open = (name: string, pipelined: boolean): Origin => {
    const pool = pipelined
      ? new Pool(name, { connections: pipedConnections, pipelining: Math.ceil(maxInFlight / pipedConnections), keepAliveTimeout: 10_000 })
      : new Pool(name, { connections: maxInFlight, pipelining: 1, keepAliveTimeout: 10_000 });
    const o: Origin = { pool, pipelined, answers: 0, connects: 0 };
    pool.on('connect', () => o.connects++);
    origins.set(name, o);
    return o;
  };

  // New POSTs go to the new pool. Going to pipelining, the old pool finishes what it holds. Leaving
  // it, the old pool is torn down at once, or undici would pipeline its queue again on each new
  // connection the receiver closes; its POSTs are sent again, once, through the new pool.
  const switchTo = (name: string, from: Origin, pipelined: boolean): void => {
    if (closed || origins.get(name) !== from) return;
    open(name, pipelined);
    void (pipelined ? from.pool.close() : from.pool.destroy()).catch(() => {});
  };

  const originFor = (name: string): Origin => {
    const o = origins.get(name);
    if (o !== undefined) return o;
    if (origins.size >= maxOrigins) {
      const [oldest, old] = origins.entries().next().value as [string, Origin];
      origins.delete(oldest);
      void old.pool.close().catch(() => {});
    }
    return open(name, false);
  };

  // A bot has one webhook URL, so the few seen are parsed once.
  const targets = new Map<string, { origin: string; path: string }>();
  const targetOf = (url: string): { origin: string; path: string } => {
    let t = targets.get(url);
    if (t === undefined) {
      const u = new URL(url);
      t = { origin: u.origin, path: `${u.pathname}${u.search}` };
      if (targets.size >= 256) targets.clear();
      targets.set(url, t);
    }
    return t;
  };

  const post = (target: { origin: string; path: string }, body: string, timeoutMs: number, resent: boolean, resolve: (status: number) => void, reject: (err: Error) => void): void => {
    const o = originFor(target.origin);
    let status = 0;
    let size = 0;
    let answered = false;
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart() {},
      onResponseStart(_c, statusCode, headers) {
        status = statusCode;
        answered = true;
        const connection = headers.connection;
        if (o.pipelined && typeof connection === 'string' && connection.toLowerCase().includes('close')) switchTo(target.origin, o, false);
      },
      onResponseData(c, chunk) {
        size += chunk.length;
        if (size > maxBody) c.abort(new Error(`webhook answer over ${maxBody} bytes`));
      },
      onResponseEnd() {
        o.answers++;
        if (!o.pipelined && o.answers >= MIN_ANSWERS_BEFORE_PIPELINING && o.answers >= REUSE_BEFORE_PIPELINING * o.connects) switchTo(target.origin, o, true);
        resolve(status);
      },
      onResponseError(_c, err) {
        if (!answered && !resent && !closed && o.pipelined && origins.get(target.origin) !== o) post(target, body, timeoutMs, true, resolve, reject);
        else reject(err);
      },
    };
    o.pool.dispatch(
      {
        method: 'POST',
        path: target.path,
        headers: HEADERS,
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        // Needed for undici to pipeline a POST; webhooks are delivered at least once anyway.
        idempotent: o.pipelined,
        blocking: !o.pipelined,
      },
      handler,
    );
  };

  const send: WebhookTransport = (url, body, timeoutMs) => {
    if (closed) return Promise.reject(new Error('webhook transport closed'));
    let target: { origin: string; path: string };
    try {
      target = targetOf(url);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return new Promise<number>((resolve, reject) => post(target, body, timeoutMs, false, resolve, reject));
  };

  return {
    send,
    async close() {
      closed = true;
      const all = [...origins.values()];
      origins.clear();
      await Promise.all(all.map((o) => o.pool.destroy().catch(() => {})));
    },
  };
}

// HTTP to the MaaP endpoint: one undici Pool of keep-alive connections, JSON in and out, and a
// response timeout in the client's clock so tests can drive it. A timeout or a broken connection is a
// value, never an exception: the server may or may not have acted on the request.
import { Pool, type Dispatcher } from 'undici';
import type { Clock } from '../../kit/clock.ts';

type DispatchController = Dispatcher.DispatchController;

export type HttpResult =
  | { kind: 'answer'; status: number; body: unknown }
  /** unsent: the request's notAfter came before it was written (it certainly did not reach the server). */
  | { kind: 'timeout'; unsent?: true }
  | { kind: 'error'; message: string };

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as given (set content-type in headers). */
  body?: unknown;
  /** Clock time from which the request must no longer be written (it waits in the pool while every connection is busy). */
  notAfter?: number;
}

export interface MaapHttp {
  request(req: HttpRequest): Promise<HttpResult>;
  close(): Promise<void>;
}

export interface MaapHttpOptions {
  origin: string;
  clock: Clock;
  connections: number;
  responseTimeoutMs: number;
  /** Largest response body read; more is a broken answer (default 1 MiB). */
  maxBodyBytes?: number;
}

const UNSENT: HttpResult = Object.freeze({ kind: 'timeout', unsent: true });

export function createMaapHttp(opts: MaapHttpOptions): MaapHttp {
  const pool = new Pool(opts.origin, {
    connections: opts.connections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    // The clock-driven timeout below is the one that counts; these only stop a socket hanging forever.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;

  function parse(chunks: Buffer[], contentType: string): unknown {
    const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
    if (text.length === 0) return null;
    if (!contentType.includes('json')) return text;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }

  return {
    // The dispatcher API with a plain handler: no Readable stream or AbortSignal per request, which
    // at tens of thousands of requests a second is most of the client's own cost.
    request(req) {
      const notAfter = req.notAfter;
      if (notAfter !== undefined && opts.clock.now() >= notAfter) return Promise.resolve(UNSENT);
      const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
      let body: string | undefined;
      if (typeof req.body === 'string') body = req.body;
      else if (req.body !== undefined) {
        body = JSON.stringify(req.body);
        headers['content-type'] ??= 'application/json';
      }
      return new Promise<HttpResult>((resolve) => {
        let settled = false;
        let controller: DispatchController | null = null;
        let status = 0;
        let contentType = '';
        let size = 0;
        const chunks: Buffer[] = [];
        const finish = (r: HttpResult) => {
          if (settled) return;
          settled = true;
          timer.cancel();
          resolve(r);
        };
        const timer = opts.clock.setTimer(() => {
          finish({ kind: 'timeout' });
          controller?.abort(new Error('response timeout'));
        }, opts.responseTimeoutMs);
        pool.dispatch(
          { method: req.method, path: req.path, headers, body },
          {
            // Called as undici is about to write the request; aborting here keeps it off the wire
            // (undici drops that connection and the pool opens another).
            onRequestStart(c) {
              controller = c;
              if (settled) return c.abort(new Error('response timeout'));
              if (notAfter !== undefined && opts.clock.now() >= notAfter) {
                finish(UNSENT);
                c.abort(new Error('notAfter passed before the request was written'));
              }
            },
            onResponseStart(_c, statusCode, h) {
              status = statusCode;
              contentType = String(h['content-type'] ?? '');
            },
            onResponseData(c, chunk) {
              size += chunk.length;
              if (size > maxBody) {
                finish({ kind: 'error', message: `response body over ${maxBody} bytes` });
                c.abort(new Error('response body too large'));
                return;
              }
              chunks.push(chunk);
            },
            onResponseEnd() {
              finish({ kind: 'answer', status, body: parse(chunks, contentType) });
            },
            onResponseError(_c, err) {
              finish({ kind: 'error', message: err.message });
            },
          },
        );
      });
    },
    async close() {
      await pool.close();
    },
  };
}

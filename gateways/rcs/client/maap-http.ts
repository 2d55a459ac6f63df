// HTTP to the MaaP endpoint: one undici Pool of keep-alive connections, JSON in and out, and a
// response timeout in the client's clock so tests can drive it. A timeout or a broken connection is a
// value, never an exception: the server may or may not have acted on the request.
import { Pool } from 'undici';
import type { Clock } from '../../kit/clock.ts';

export type HttpResult =
  | { kind: 'answer'; status: number; body: unknown }
  | { kind: 'timeout' }
  | { kind: 'error'; message: string };

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as given (set content-type in headers). */
  body?: unknown;
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

  async function readBody(body: AsyncIterable<Buffer>, contentType: string): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > maxBody) throw new Error(`response body over ${maxBody} bytes`);
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.length === 0) return null;
    if (!contentType.includes('json')) return text;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }

  return {
    async request(req) {
      const ac = new AbortController();
      let timedOut = false;
      const timer = opts.clock.setTimer(() => {
        timedOut = true;
        ac.abort();
      }, opts.responseTimeoutMs);
      const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
      let body: string | undefined;
      if (typeof req.body === 'string') body = req.body;
      else if (req.body !== undefined) {
        body = JSON.stringify(req.body);
        headers['content-type'] ??= 'application/json';
      }
      try {
        const res = await pool.request({ method: req.method, path: req.path, headers, body, signal: ac.signal });
        const contentType = String(res.headers['content-type'] ?? '');
        const parsed = await readBody(res.body, contentType);
        return { kind: 'answer', status: res.statusCode, body: parsed };
      } catch (err) {
        if (timedOut) return { kind: 'timeout' };
        return { kind: 'error', message: (err as Error).message };
      } finally {
        timer.cancel();
      }
    },
    async close() {
      await pool.close();
    },
  };
}

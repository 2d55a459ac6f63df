// Raw HTTP to the target, so checks judge exactly what came back: status, parsed body, the error
// body's result code. The engine's client is never used here.
import { Pool } from 'undici';
import { errorBodySchema } from '../codec/error-body.ts';

export type WireAnswer =
  | { kind: 'answer'; status: number; body: unknown; code: number | null; codeName: string | null; at: number }
  | { kind: 'timeout' }
  | { kind: 'error'; message: string };

export interface WireRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  token?: string;
  /** Raw Authorization header (overrides token). */
  authorization?: string;
  json?: unknown;
  form?: Record<string, string>;
}

export interface MaapWire {
  readonly basePath: string;
  request(req: WireRequest): Promise<WireAnswer>;
  close(): Promise<void>;
}

/** A run's connection pool to the target; `timeoutMs` bounds every answer. */
export function createMaapWire(target: string, timeoutMs: number, connections = 64): MaapWire {
  const url = new URL(target);
  const pool = new Pool(url.origin, { connections, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const basePath = url.pathname.replace(/\/+$/, '');
  return {
    basePath,
    async request(req) {
      const headers: Record<string, string> = { accept: 'application/json' };
      let body: string | undefined;
      if (req.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(req.form).toString();
      } else if (req.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(req.json);
      }
      if (req.authorization !== undefined) headers.authorization = req.authorization;
      else if (req.token !== undefined) headers.authorization = `Bearer ${req.token}`;
      try {
        const res = await pool.request({ method: req.method, path: `${basePath}${req.path}`, headers, body, signal: AbortSignal.timeout(timeoutMs) });
        const text = await res.body.text();
        const at = performance.now();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          // not JSON: kept as text for the detail
        }
        const err = errorBodySchema.safeParse(parsed);
        return { kind: 'answer', status: res.statusCode, body: parsed, code: err.success ? err.data.error.code : null, codeName: err.success ? err.data.error.name : null, at };
      } catch (e) {
        const name = (e as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError' || /timeout/i.test((e as Error).message)) return { kind: 'timeout' };
        return { kind: 'error', message: (e as Error).message };
      }
    },
    close: () => pool.destroy(),
  };
}

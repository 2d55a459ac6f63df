// The engine's HTTP API as a tenant calls it (undici over loopback), answers parsed as JSON.
import { Pool } from 'undici';
import type { MessageView } from '../../../engine/api/message-view.ts';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface EngineApiClient {
  post<T = Record<string, unknown>>(path: string, body: unknown, headers?: Record<string, string>): Promise<ApiAnswer<T>>;
  get<T = Record<string, unknown>>(path: string): Promise<ApiAnswer<T>>;
  /** GET /v1/messages/:id, expecting 200. */
  message(id: string): Promise<MessageView>;
  /** POST /v1/messages, expecting 202; the message id. */
  send(body: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export function createEngineApiClient(baseUrl: string, apiKey: string, opts: { connections?: number } = {}): EngineApiClient {
  const pool = new Pool(baseUrl, { connections: opts.connections ?? 8, keepAliveTimeout: 10_000 });
  const auth = { authorization: `Bearer ${apiKey}` };

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    const res = await pool.request({
      method,
      path,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.body.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // Left as text: /metrics is not JSON.
    }
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }

  return {
    post: (path, body, headers) => call('POST', path, body, headers),
    get: (path) => call('GET', path),
    async message(id) {
      const res = await call<MessageView>('GET', `/v1/messages/${encodeURIComponent(id)}`);
      if (res.status !== 200) throw new Error(`GET /v1/messages/${id}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async send(body) {
      const res = await call<{ id: string }>('POST', '/v1/messages', body);
      if (res.status !== 202) throw new Error(`POST /v1/messages: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id;
    },
    close: () => pool.close(),
  };
}

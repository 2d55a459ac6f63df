// The runner's side of the engine HTTP API (/v1): messages one by one or in batches, templates and
// their reviews, and message reads for an engine the runner only reaches over HTTP. One undici Pool
// keeps a few connections open for the whole run.
import { Pool } from 'undici';
import type { MessageView } from '../../engine/api/message-view.ts';
import type { ScenarioTemplate } from '../scenario-schema.ts';
import type { ApiContent } from './step-content.ts';

export interface SubmitAnswer {
  ok: boolean;
  status: number;
  /** Message ids in recipient order (ok only). */
  ids: string[];
  /** States the engine answered (accepted, held, failed for a blocked ad, ...). */
  states: string[];
  /** The API's error (code and message), when not ok. */
  error?: { code: string; message: string };
}

export interface EngineClient {
  send(content: ApiContent, to: string): Promise<SubmitAnswer>;
  sendBatch(content: ApiContent, recipients: readonly string[]): Promise<SubmitAnswer>;
  /** Registers the template and, unless it says approve: false, passes it through every review stage. */
  registerTemplate(t: ScenarioTemplate): Promise<void>;
  getMessage(id: string): Promise<MessageView | null>;
  close(): Promise<void>;
}

const REVIEW_STAGES = 3;

export function createEngineClient(opts: { url: string; apiKey: string; connections?: number }): EngineClient {
  const pool = new Pool(opts.url, { connections: opts.connections ?? 8, pipelining: 1, keepAliveTimeout: 30_000 });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${opts.apiKey}` };

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const res = await pool.request({ method, path, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.body.text();
    let json: unknown = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = { error: { code: 'NOT_JSON', message: text.slice(0, 200) } };
    }
    return { status: res.statusCode, json };
  }

  const errorOf = (status: number, json: unknown): { code: string; message: string } => {
    const e = (json as { error?: { code?: string; message?: string; errors?: Array<{ field: string; code: string; message: string }> } } | null)?.error;
    const first = e?.errors?.[0];
    const message = e?.message ?? `HTTP ${status}`;
    const detail = first !== undefined && !message.includes(first.message) ? `${first.field}: ${first.message}` : '';
    return { code: e?.code ?? `HTTP_${status}`, message: [message, detail].filter(Boolean).join(' — ') };
  };

  return {
    async send(content, to) {
      const { status, json } = await call('POST', '/v1/messages', { ...content, to });
      if (status !== 202) return { ok: false, status, ids: [], states: [], error: errorOf(status, json) };
      const item = json as { id: string; state: string };
      return { ok: true, status, ids: [item.id], states: [item.state] };
    },
    async sendBatch(content, recipients) {
      const { status, json } = await call('POST', '/v1/messages/batch', { ...content, recipients: recipients.map((to) => ({ to })) });
      if (status !== 202) return { ok: false, status, ids: [], states: [], error: errorOf(status, json) };
      const items = (json as { items: Array<{ id: string; state: string }> }).items;
      return { ok: true, status, ids: items.map((i) => i.id), states: items.map((i) => i.state) };
    },
    async registerTemplate(t) {
      const body = { id: t.id, name: t.name ?? t.id, kind: t.kind, ad: t.ad, bodies: t.bodies, ...(t.defaultLanguage !== undefined ? { defaultLanguage: t.defaultLanguage } : {}) };
      const reg = await call('POST', '/v1/templates', body);
      if (reg.status !== 201) {
        const e = errorOf(reg.status, reg.json);
        throw new Error(`template ${t.id}: registration refused (${e.code}): ${e.message}`);
      }
      if (!t.approve) return;
      for (let i = 0; i < REVIEW_STAGES; i++) {
        const r = await call('POST', `/v1/templates/${encodeURIComponent(t.id)}/review`, { decision: 'pass' });
        if (r.status !== 200) {
          const e = errorOf(r.status, r.json);
          throw new Error(`template ${t.id}: review ${i + 1} refused (${e.code}): ${e.message}`);
        }
        if ((r.json as { state?: string }).state === 'approved') return;
      }
    },
    async getMessage(id) {
      const { status, json } = await call('GET', `/v1/messages/${encodeURIComponent(id)}`);
      return status === 200 ? (json as MessageView) : null;
    },
    close: () => pool.close(),
  };
}

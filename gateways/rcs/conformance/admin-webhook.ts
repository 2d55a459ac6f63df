// Telling our simulator where the suite's webhook receiver is: PUT /admin/webhook on its admin API,
// and putting the bot's previous URL back after the run. A third-party MaaP learns the URL from
// whoever configures it (its portal, its config) — the URL is printed and in the report.
import { request } from 'undici';
import { RcsError } from '../rcs-errors.ts';

async function call(method: 'GET' | 'PUT', url: string, body?: unknown): Promise<unknown> {
  const res = await request(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    headersTimeout: 5000,
    bodyTimeout: 5000,
  });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new RcsError('RCS_ERR_BAD_WEBHOOK', `${method} ${url} answered ${res.statusCode}: ${text.slice(0, 200)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/** A registerWebhook for runRcsConformance that uses our simulator's admin API at `adminUrl`. */
export function registerViaAdmin(adminUrl: string, botId: string): (url: string) => Promise<() => Promise<void>> {
  const base = adminUrl.replace(/\/+$/, '');
  return async (url) => {
    type Bots = Record<string, { webhookUrl?: string | null }>;
    const answer = (await call('GET', `${base}/admin/stats`)) as { stats?: { bots?: Bots } } | null;
    const previous = answer?.stats?.bots?.[botId]?.webhookUrl ?? null;
    await call('PUT', `${base}/admin/webhook`, { botId, url });
    return async () => {
      await call('PUT', `${base}/admin/webhook`, { botId, url: previous });
    };
  };
}

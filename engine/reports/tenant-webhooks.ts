// POSTs to tenants: final statuses and MO messages. One queue for both, at most `concurrency` requests
// at once; a delivery that is not acknowledged (2xx) is retried with exponential backoff on the engine
// clock (initialDelay, doubling, capped at 10 minutes) up to `attempts` tries. A final status still
// unacknowledged then is resent on the next start (Store.unnotified), so nothing is dropped for good.
import { request } from 'undici';
import type { Clock } from '../../gateways/kit/clock.ts';
import type { EngineConfig } from '../engine-config.ts';
import type { EngineMetrics } from '../engine-metrics.ts';
import type { EngineEvents } from '../pipeline/engine-events.ts';
import { createDueQueue } from '../schedule/due-queue.ts';

/** Sends one JSON body; resolves with the HTTP status, rejects on a network failure or timeout. */
export type WebhookTransport = (url: string, body: string, timeoutMs: number) => Promise<number>;

export function createUndiciTransport(): WebhookTransport {
  return async (url, body, timeoutMs) => {
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body.dump();
    return res.statusCode;
  };
}

export interface WebhookDelivery {
  kind: 'status' | 'mo';
  url: string;
  body: string;
  /** The message id (status webhooks). */
  id?: string;
  /** Called once the tenant acknowledged. */
  onAck?: () => void;
  /**
   * Called once, with how the first try ended: acknowledged, failed and waiting for a retry (in
   * memory), or failed and dropped (closing, or no retries configured). A delivery posted after close()
   * is dropped at once.
   */
  onFirstTry?: (result: 'acked' | 'retrying' | 'dropped') => void;
}

export interface TenantWebhooks {
  post(d: WebhookDelivery): void;
  /** Requests under way or waiting for a slot (not those waiting out a retry delay). */
  pending(): number;
  /** Deliveries waiting out a retry delay. */
  retrying(): number;
  /** Resolves once nothing is under way or waiting for a slot, or after timeoutMs (real time). */
  drain(timeoutMs: number): Promise<void>;
  close(): void;
}

const MAX_DELAY_MS = 600_000;

interface Try extends WebhookDelivery {
  attempt: number;
}

export function createTenantWebhooks(opts: {
  config: EngineConfig['webhooks'];
  clock: Clock;
  transport: WebhookTransport;
  metrics: EngineMetrics;
  events: EngineEvents;
  log: (line: string) => void;
}): TenantWebhooks {
  const { config, clock, transport, metrics, events, log } = opts;
  const waiting: Try[] = [];
  let head = 0;
  let active = 0;
  let closed = false;
  let idleWaiters: Array<() => void> = [];
  const retries = createDueQueue<Try>(clock, (items) => {
    for (const t of items) waiting.push(t);
    pump();
  });

  const queued = (): number => waiting.length - head;

  function pump(): void {
    while (!closed && active < config.concurrency && queued() > 0) {
      const t = waiting[head++];
      if (head > 1024 && head * 2 > waiting.length) {
        waiting.splice(0, head);
        head = 0;
      }
      run(t);
    }
    if (active === 0 && queued() === 0 && idleWaiters.length > 0) {
      const ws = idleWaiters;
      idleWaiters = [];
      for (const w of ws) w();
    }
  }

  function run(t: Try): void {
    active++;
    transport(t.url, t.body, config.timeout).then(
      (status) => done(t, status >= 200 && status < 300, `HTTP ${status}`),
      (err: unknown) => done(t, false, err instanceof Error ? err.message : String(err)),
    );
  }

  function done(t: Try, ok: boolean, why: string): void {
    active--;
    if (events.active) events.emit({ type: 'webhook', kind: t.kind, ...(t.id !== undefined ? { id: t.id } : {}), url: t.url, ok, attempt: t.attempt, at: clock.now() });
    if (t.attempt === 1) t.onFirstTry?.(ok ? 'acked' : closed || t.attempt >= config.attempts ? 'dropped' : 'retrying');
    if (ok) {
      metrics.webhook(t.kind, 'ok');
      t.onAck?.();
    } else if (closed) {
      // The next start resends unacknowledged final statuses.
    } else if (t.attempt >= config.attempts) {
      metrics.webhook(t.kind, 'failed');
      log(`webhook ${t.kind}${t.id ? ` for ${t.id}` : ''} to ${t.url} gave up after ${t.attempt} tries: ${why}`);
    } else {
      metrics.webhook(t.kind, 'retry');
      const delay = Math.min(MAX_DELAY_MS, config.initialDelay * 2 ** (t.attempt - 1));
      retries.push(clock.now() + delay, { ...t, attempt: t.attempt + 1 });
    }
    pump();
  }

  return {
    post(d) {
      if (closed) return d.onFirstTry?.('dropped');
      waiting.push({ ...d, attempt: 1 });
      pump();
    },
    pending: () => active + queued(),
    retrying: () => retries.size(),
    drain(timeoutMs) {
      if (active === 0 && queued() === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const t = setTimeout(resolve, timeoutMs);
        idleWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    },
    close() {
      closed = true;
      retries.clear();
      waiting.length = 0;
      head = 0;
    },
  };
}

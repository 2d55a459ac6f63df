// Delivers webhook events to chatbot URLs: per-key FIFO (one message's statuses, one user's MO arrive
// in order), bounded concurrency, bounded queue, and retries with capped exponential backoff on the
// simulator clock. A 2xx answer is success; anything else (or no answer in time) is retried.
import type { Clock } from '../../kit/clock.ts';
import type { GatewayStats } from '../../kit/gateway-stats.ts';
import { createPooledWebhookTransport, type WebhookTransport } from './webhook-transport.ts';

export type { WebhookTransport } from './webhook-transport.ts';

export interface WebhookDispatcherOptions {
  clock: Clock;
  stats: GatewayStats;
  maxAttempts: number;
  retryDelay: number;
  maxRetryDelay: number;
  timeout: number;
  maxInFlight: number;
  queueLimit: number;
  transport?: WebhookTransport;
  onGiveUp?(url: string, body: string): void;
}

export interface WebhookDispatcher {
  /** Queues an event behind earlier ones with the same key; false when the queue is full (dropped). */
  enqueue(url: string, event: unknown, key: string): boolean;
  /** One attempt now, outside the queue; resolves when it has been answered or failed. */
  sendNow(url: string, event: unknown): Promise<boolean>;
  /** Events queued, in flight or waiting for a retry. */
  pending(): number;
  close(): void;
}

interface Job {
  url: string;
  body: string;
  key: string;
  attempts: number;
}

export function createWebhookDispatcher(opts: WebhookDispatcherOptions): WebhookDispatcher {
  const pooled = opts.transport ? null : createPooledWebhookTransport({ maxInFlight: opts.maxInFlight });
  const transport = opts.transport ?? (pooled as NonNullable<typeof pooled>).send;
  const chains = new Map<string, Job[]>();
  const ready: Job[] = [];
  const timers = new Set<{ cancel(): void }>();
  let queued = 0;
  let inFlight = 0;
  let closed = false;

  const pump = (): void => {
    while (!closed && inFlight < opts.maxInFlight && ready.length > 0) attempt(ready.shift() as Job);
  };

  const finish = (job: Job): void => {
    queued--;
    const chain = chains.get(job.key) as Job[];
    chain.shift();
    if (chain.length === 0) chains.delete(job.key);
    else ready.push(chain[0]);
  };

  const attempt = (job: Job): void => {
    inFlight++;
    job.attempts++;
    transport(job.url, job.body, opts.timeout).then(
      (status) => done(job, status >= 200 && status < 300, `http:${status}`),
      () => done(job, false, 'error'),
    );
  };

  const done = (job: Job, ok: boolean, why: string): void => {
    inFlight--;
    if (closed) return;
    if (ok) {
      opts.stats.inc('webhook:ok');
      finish(job);
    } else if (job.attempts >= opts.maxAttempts) {
      opts.stats.inc('webhook:gave-up');
      opts.onGiveUp?.(job.url, job.body);
      finish(job);
    } else {
      opts.stats.inc(`webhook:retry:${why.startsWith('http') ? 'status' : 'error'}`);
      const wait = Math.min(opts.maxRetryDelay, opts.retryDelay * 2 ** (job.attempts - 1));
      const t = opts.clock.setTimer(() => {
        timers.delete(t);
        ready.push(job);
        pump();
      }, wait);
      timers.add(t);
    }
    pump();
  };

  return {
    enqueue(url, event, key) {
      if (closed) return false;
      if (queued >= opts.queueLimit) {
        opts.stats.inc('webhook:dropped');
        return false;
      }
      const job: Job = { url, body: JSON.stringify(event), key, attempts: 0 };
      queued++;
      const chain = chains.get(key);
      if (chain) chain.push(job);
      else {
        chains.set(key, [job]);
        ready.push(job);
        pump();
      }
      return true;
    },
    async sendNow(url, event) {
      try {
        const status = await transport(url, JSON.stringify(event), opts.timeout);
        return status >= 200 && status < 300;
      } catch {
        return false;
      }
    },
    pending: () => queued,
    close() {
      closed = true;
      for (const t of timers) t.cancel();
      timers.clear();
      chains.clear();
      ready.length = 0;
      void pooled?.close();
    },
  };
}

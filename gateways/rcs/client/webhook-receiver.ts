// The chatbot's webhook: an HTTP server the MaaP posts events to. A readable JSON body is answered 200
// as soon as its events are handed on, or, when the handler returns a promise, once that resolves (the
// engine has stored what they changed); 503 when it rejects, so the MaaP posts the body again. Events
// that cannot be read are counted by the caller, not refused one by one.
import { fastify, type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { readWebhookBody, type WebhookEvent } from './webhook-events.ts';

export interface WebhookReceiverOptions {
  host: string;
  port: number;
  path: string;
  /** Largest body accepted (default 1 MiB). */
  bodyLimit?: number;
  /** A returned promise holds the answer until it settles (503 when it rejects). */
  onEvents(events: WebhookEvent[]): unknown;
}

export interface WebhookReceiver {
  /** Starts listening; resolves with the URL the server can be reached at on `host`. */
  listen(): Promise<string>;
  close(): Promise<void>;
  /** The port actually bound (after listen). */
  port(): number;
  /** `refused`: bodies answered 503 because the handler's promise rejected. */
  stats(): { posts: number; refused: number };
}

const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

export function createWebhookReceiver(opts: WebhookReceiverOptions): WebhookReceiver {
  const app: FastifyInstance = fastify({ logger: false, bodyLimit: opts.bodyLimit ?? 1024 * 1024 });
  const counts = { posts: 0, refused: 0 };
  // Plain JSON.parse: events are only read, never merged into objects, so the prototype-poisoning scan
  // fastify's default parser adds buys nothing here and costs a share of every webhook.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch (err) {
      (err as { statusCode?: number }).statusCode = 400;
      done(err as Error, undefined);
    }
  });
  let bound = 0;
  /** POSTs waiting for their handler's promise: close() answers them 503 instead of hanging. */
  const waiting = new Set<() => void>();

  function settledOrClosed(wait: PromiseLike<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const abort = () => reject(new Error('the receiver is closing'));
      waiting.add(abort);
      wait.then(
        (v) => {
          waiting.delete(abort);
          resolve(v);
        },
        (err: unknown) => {
          waiting.delete(abort);
          reject(err);
        },
      );
    });
  }

  app.post(opts.path, async (req, reply) => {
    counts.posts++;
    const events = readWebhookBody(req.body);
    const wait = opts.onEvents(events);
    if (isThenable(wait)) {
      try {
        await settledOrClosed(wait);
      } catch (err) {
        counts.refused++;
        return reply.code(503).send({ error: 'not taken now, send again', detail: err instanceof Error ? err.message : String(err) });
      }
    }
    return reply.code(200).send({ received: events.length });
  });

  return {
    async listen() {
      await app.listen({ host: opts.host, port: opts.port });
      bound = (app.server.address() as AddressInfo).port;
      const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      return `http://${host}:${bound}${opts.path}`;
    },
    async close() {
      for (const abort of [...waiting]) abort();
      await app.close();
    },
    port: () => bound,
    stats: () => ({ ...counts }),
  };
}

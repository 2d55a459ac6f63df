// The chatbot's webhook: an HTTP server the MaaP posts events to. Every readable JSON body is
// acknowledged with 200 before its events are handed on, so a slow listener never makes the MaaP
// time out and resend; events that cannot be read are counted by the caller, not refused one by one.
import { fastify, type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { readWebhookBody, type WebhookEvent } from './webhook-events.ts';

export interface WebhookReceiverOptions {
  host: string;
  port: number;
  path: string;
  /** Largest body accepted (default 1 MiB). */
  bodyLimit?: number;
  onEvents(events: WebhookEvent[]): void;
}

export interface WebhookReceiver {
  /** Starts listening; resolves with the URL the server can be reached at on `host`. */
  listen(): Promise<string>;
  close(): Promise<void>;
  /** The port actually bound (after listen). */
  port(): number;
  stats(): { posts: number };
}

export function createWebhookReceiver(opts: WebhookReceiverOptions): WebhookReceiver {
  const app: FastifyInstance = fastify({ logger: false, bodyLimit: opts.bodyLimit ?? 1024 * 1024 });
  const counts = { posts: 0 };
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

  app.post(opts.path, (req, reply) => {
    counts.posts++;
    const events = readWebhookBody(req.body);
    reply.code(200).send({ received: events.length });
    opts.onEvents(events);
  });

  return {
    async listen() {
      await app.listen({ host: opts.host, port: opts.port });
      bound = (app.server.address() as AddressInfo).port;
      const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      return `http://${host}:${bound}${opts.path}`;
    },
    async close() {
      await app.close();
    },
    port: () => bound,
    stats: () => ({ ...counts }),
  };
}

// The suite's own webhook receiver: records every body the target posts (arrival time, raw JSON) and
// acknowledges it with 200 at once. Checks read the record; nothing here judges.
import { fastify } from 'fastify';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  /** performance.now() at arrival, comparable with WireAnswer.at. */
  at: number;
  body: unknown;
}

export interface WebhookSink {
  /** The URL the target must post to. */
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** Resolves with the first body (from index `from` on) that satisfies `pred`, or null after timeoutMs. */
  waitFor(pred: (w: ReceivedWebhook) => boolean, timeoutMs: number, from?: number): Promise<ReceivedWebhook | null>;
  close(): Promise<void>;
}

export interface WebhookSinkOptions {
  host?: string;
  port?: number;
  path?: string;
  /** What the target is told, when it cannot reach the bound address as is (NAT, a fixed public port). */
  publicUrl?: string;
  /** Host the target reaches this machine by (e.g. the docker bridge gateway); the bound port is kept. */
  publicHost?: string;
}

export async function startWebhookSink(opts: WebhookSinkOptions = {}): Promise<WebhookSink> {
  const path = opts.path ?? '/rcs-conformance/webhook';
  const app = fastify({ logger: false, bodyLimit: 1024 * 1024, forceCloseConnections: true });
  const received: ReceivedWebhook[] = [];
  const waiters = new Set<() => void>();
  // Bodies that are not JSON are recorded as text: the shape check must see them too.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(null, body);
    }
  });
  app.post(path, (req, reply) => {
    received.push({ at: performance.now(), body: req.body });
    reply.code(200).send({});
    for (const w of [...waiters]) w();
  });
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port ?? 0 });
  const port = (app.server.address() as AddressInfo).port;
  const shown = opts.publicHost ?? (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);
  return {
    url: opts.publicUrl ?? `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}${path}`,
    received,
    waitFor(pred, timeoutMs, from = 0) {
      const find = () => received.slice(from).find(pred) ?? null;
      const now = find();
      if (now || timeoutMs <= 0) return Promise.resolve(now);
      return new Promise((resolve) => {
        const check = () => {
          const hit = find();
          if (hit) done(hit);
        };
        const timer = setTimeout(() => done(null), timeoutMs);
        const done = (v: ReceivedWebhook | null) => {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(v);
        };
        waiters.add(check);
      });
    },
    close: () => app.close(),
  };
}

// A tenant's status webhook endpoint on loopback: records every POST body and answers 200.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  path: string;
  body: Record<string, unknown>;
}

export interface WebhookReceiver {
  url: string;
  readonly received: readonly ReceivedHook[];
  /** The first body (past or future) that matches. */
  waitFor(match: (h: ReceivedHook) => boolean, timeoutMs?: number, what?: string): Promise<ReceivedHook>;
  close(): Promise<void>;
}

export interface WebhookReceiverOptions {
  /** Called with every body as it arrives. */
  onHook?(h: ReceivedHook): void;
  /** Keep the bodies for `received` and `waitFor` (default true; a 100,000-message run needs only onHook). */
  keep?: boolean;
}

export async function startWebhookReceiver(opts: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const keep = opts.keep ?? true;
  const received: ReceivedHook[] = [];
  let waiters: Array<{ match: (h: ReceivedHook) => boolean; resolve: (h: ReceivedHook) => void }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        body = { unparsable: Buffer.concat(chunks).toString('utf8') };
      }
      const hook = { path: req.url ?? '/', body };
      if (keep) received.push(hook);
      opts.onHook?.(hook);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      const still = [];
      for (const w of waiters) {
        if (w.match(hook)) w.resolve(hook);
        else still.push(w);
      }
      waiters = still;
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/status`,
    received,
    waitFor(match, timeoutMs = 20_000, what = 'a webhook') {
      const seen = received.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = {
          match,
          resolve: (h: ReceivedHook) => {
            clearTimeout(timer);
            resolve(h);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((x) => x !== w);
          reject(new Error(`no ${what} within ${timeoutMs} ms (${received.length} received)`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

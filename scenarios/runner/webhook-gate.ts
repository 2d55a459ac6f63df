// A pass-through HTTP listener between a simulator and the engine's callback receiver (MM7
// DeliveryReportReq, RCS status webhooks). A scenario's `webhook-down` fault closes it, so the
// simulator's POSTs are refused at the TCP level exactly as if the engine's endpoint were down, and its
// own retries reach the engine again once the gate reopens on the same port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

export interface WebhookGate {
  /** Base URL of the gate (http://127.0.0.1:port); the target's path is kept. */
  readonly url: string;
  /** Where requests are forwarded (the engine's receiver), set once it is known; its path is appended after the gate's. */
  setTarget(url: string): void;
  /** The gate's URL for a target URL: same path and query, the gate's origin. */
  gateUrlFor(targetUrl: string): string;
  /** Refuse connections until up(). */
  down(): Promise<void>;
  up(): Promise<void>;
  readonly isDown: boolean;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'host']);

export async function createWebhookGate(opts: { host?: string } = {}): Promise<WebhookGate> {
  const host = opts.host ?? '127.0.0.1';
  const agent = new Agent({ connections: 64, keepAliveTimeout: 10_000 });
  let targetOrigin: string | null = null;
  let down = false;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (targetOrigin === null) {
        res.writeHead(503).end();
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && typeof v === 'string') headers[k] = v;
      request(`${targetOrigin}${req.url ?? '/'}`, { method: (req.method ?? 'POST') as 'POST', headers, body: Buffer.concat(chunks), dispatcher: agent }).then(
        async (r) => {
          const body = Buffer.from(await r.body.arrayBuffer());
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(r.headers)) if (!HOP_BY_HOP.has(k) && typeof v === 'string' && k !== 'content-length') out[k] = v;
          res.writeHead(r.statusCode, out).end(body);
        },
        () => res.writeHead(502).end(),
      );
    });
  };

  let server: Server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;

  const closeServer = (s: Server): Promise<void> =>
    new Promise((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });

  return {
    url,
    setTarget(target) {
      targetOrigin = new URL(target).origin;
    },
    gateUrlFor(targetUrl) {
      const u = new URL(targetUrl);
      return `${url}${u.pathname}${u.search}`;
    },
    get isDown() {
      return down;
    },
    async down() {
      if (down) return;
      down = true;
      await closeServer(server);
    },
    async up() {
      if (!down) return;
      server = createServer(handle);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      down = false;
    },
    async close() {
      if (!down) await closeServer(server);
      down = true;
      await agent.close().catch(() => {});
    },
  };
}

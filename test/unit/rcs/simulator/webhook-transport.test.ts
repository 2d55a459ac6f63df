// How webhooks leave the simulator: one JSON event per POST over kept-alive connections, pipelined only
// to receivers that keep connections open, and never repeated against receivers that close them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPooledWebhookTransport, type PooledWebhookTransport } from '../../../../gateways/rcs/simulator/webhook-transport.ts';

let server: Server | undefined;
let transport: PooledWebhookTransport | undefined;
afterEach(async () => {
  await transport?.close();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = transport = undefined;
});

interface Receiver {
  url: string;
  bodies: string[];
  contentTypes: string[];
  connections: () => number;
  /** Most requests one connection carried before the earlier ones were answered. */
  mostAhead: () => number;
}

async function receiver(answer: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<Receiver> {
  const r = { bodies: [] as string[], contentTypes: [] as string[] };
  let connections = 0;
  let mostAhead = 0;
  const ahead = new WeakMap<object, number>();
  server = createServer((req, res) => {
    const n = (ahead.get(req.socket) ?? 0) + 1;
    ahead.set(req.socket, n);
    mostAhead = Math.max(mostAhead, n);
    res.on('finish', () => ahead.set(req.socket, (ahead.get(req.socket) ?? 1) - 1));
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      r.bodies.push(body);
      r.contentTypes.push(String(req.headers['content-type']));
      answer(req, res, r.bodies.length);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return { ...r, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?bot=1`, connections: () => connections, mostAhead: () => mostAhead };
}

/** Sends `n` numbered events with at most `window` in flight; returns each one's status or error. */
async function sendAll(t: PooledWebhookTransport, url: string, n: number, window: number, timeoutMs = 5000): Promise<(number | Error)[]> {
  const out: (number | Error)[] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await t.send(url, JSON.stringify({ event: 'messageStatus', n: i }), timeoutMs).catch((e: Error) => e);
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  return out;
}

const seenTwice = (bodies: string[]) => bodies.length - new Set(bodies).size;

describe('RCS webhook transport', () => {
  it('POSTs one JSON event per request to the URL path and query, and resolves with the answer status', async () => {
    const r = await receiver((req, res, n) => res.writeHead(n === 2 ? 500 : 204).end(req.url));
    transport = createPooledWebhookTransport({ maxInFlight: 8 });
    expect(await transport.send(r.url, '{"event":"messageStatus"}', 5000)).toBe(204);
    expect(await transport.send(r.url, '{"event":"message"}', 5000)).toBe(500);
    expect(r.bodies).toEqual(['{"event":"messageStatus"}', '{"event":"message"}']);
    expect(r.contentTypes).toEqual(['application/json; charset=utf-8', 'application/json; charset=utf-8']);
  });

  it('reuses a few connections for a receiver that keeps them open, each event arriving once', async () => {
    const r = await receiver((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    transport = createPooledWebhookTransport({ maxInFlight: 32, pipelinedConnections: 4 });
    const out = await sendAll(transport, r.url, 2000, 32);
    expect(out.every((s) => s === 200)).toBe(true);
    expect(r.bodies).toHaveLength(2000);
    expect(seenTwice(r.bodies)).toBe(0);
    // At most one connection per POST in flight while it proves keep-alive, then the pipelined few.
    expect(r.connections()).toBeLessThanOrEqual(32 + 4);
    expect(r.mostAhead()).toBeGreaterThan(1);
  });

  it('never repeats a POST to a receiver that closes every connection after answering', async () => {
    const r = await receiver((_req, res) => res.writeHead(200, { connection: 'close' }).end('{}'));
    transport = createPooledWebhookTransport({ maxInFlight: 16 });
    const out = await sendAll(transport, r.url, 400, 16);
    expect(out.every((s) => s === 200)).toBe(true);
    expect(r.bodies).toHaveLength(400);
    expect(seenTwice(r.bodies)).toBe(0);
    expect(r.mostAhead()).toBe(1);
  });

  it('goes back to one POST per connection when a receiver starts closing them, repeating at most one burst', async () => {
    const r = await receiver((_req, res, n) => res.writeHead(200, n > 500 ? { connection: 'close' } : {}).end('{}'));
    transport = createPooledWebhookTransport({ maxInFlight: 16, pipelinedConnections: 2 });
    const out = await sendAll(transport, r.url, 1500, 16);
    // A POST whose pipelined connection was cut may fail; the dispatcher retries those.
    expect(out.filter((s) => s !== 200).every((s) => s instanceof Error)).toBe(true);
    expect(out.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1500 - 16);
    expect(seenTwice(r.bodies)).toBeLessThanOrEqual(16);
  });

  it('fails a POST whose answer is too large or does not come in time', async () => {
    const r = await receiver((req, res) => {
      if (req.url?.includes('big')) res.writeHead(200).end('x'.repeat(4096));
      // silent: never answers
    });
    transport = createPooledWebhookTransport({ maxInFlight: 4, maxBodyBytes: 1024 });
    await expect(transport.send(`${r.url}&big`, '{}', 5000)).rejects.toThrow(/over 1024 bytes/);
    await expect(transport.send(r.url, '{}', 200)).rejects.toThrow();
  });

  it('refuses to send once closed', async () => {
    const r = await receiver((_req, res) => res.end());
    transport = createPooledWebhookTransport();
    await transport.close();
    await expect(transport.send(r.url, '{}', 1000)).rejects.toThrow(/closed/);
  });
});

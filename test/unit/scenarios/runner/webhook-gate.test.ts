import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookGate, type WebhookGate } from '../../../../scenarios/runner/webhook-gate.ts';

let receiver: Server | null = null;
let gate: WebhookGate | null = null;

afterEach(async () => {
  await gate?.close();
  await new Promise((r) => (receiver === null ? r(null) : receiver.close(r)));
  gate = null;
  receiver = null;
});

async function startReceiver(): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${req.headers['content-type']} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json', 'x-from': 'engine' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/mm7/callback?x=1`, seen };
}

const post = (url: string) => request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"status":"delivered"}' });

describe('webhook gate', () => {
  it('forwards a callback to the engine with its path, headers and body, and the answer back', async () => {
    const { url, seen } = await startReceiver();
    gate = await createWebhookGate();
    gate.setTarget(url);
    const via = gate.gateUrlFor(url);
    expect(via).toBe(`${gate.url}/mm7/callback?x=1`);
    const res = await post(via);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-from']).toBe('engine');
    expect(await res.body.text()).toBe('{"ok":true}');
    expect(seen).toEqual(['POST /mm7/callback?x=1 application/json {"status":"delivered"}']);
  });

  it('refuses connections while down and forwards again on the same URL once up', async () => {
    const { url, seen } = await startReceiver();
    gate = await createWebhookGate();
    gate.setTarget(url);
    const via = gate.gateUrlFor(url);
    await gate.down();
    expect(gate.isDown).toBe(true);
    await expect(post(via)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await gate.up();
    expect((await post(via)).statusCode).toBe(200);
    expect(seen).toHaveLength(1);
  });
});

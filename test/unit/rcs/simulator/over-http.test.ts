// The simulator on real sockets: a client over HTTP, webhooks POSTed to a real receiver.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { webhookEventSchema } from '../../../../gateways/rcs/codec/webhook-event-schema.ts';
import { encodeTokenForm } from '../../../../gateways/rcs/codec/token-schema.ts';
import { parseRcsConfig } from '../../../../gateways/rcs/simulator/rcs-config.ts';
import { createRcsSimulator, type RcsSimulator } from '../../../../gateways/rcs/simulator/rcs-simulator.ts';
import { BASE_CONFIG, textMessage } from './rcs-harness.ts';

let sim: RcsSimulator | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  await sim?.close();
  await new Promise((r) => (receiver ? receiver.close(r) : r(undefined)));
});

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('RCS simulator over HTTP', () => {
  it('token, capability, send, and status webhooks to a real receiver (first POST refused, then retried)', async () => {
    const got: unknown[] = [];
    let refused = 0;
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (refused++ === 0) return res.writeHead(500).end();
        got.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', r));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;

    const clock = createManualClock(Date.parse('2026-11-20T03:00:00Z'));
    sim = createRcsSimulator({ config: parseRcsConfig(BASE_CONFIG), clock, seed: 3 });
    sim.setWebhook('15880000', hook);
    const { port } = await sim.listen(0);
    const base = `http://127.0.0.1:${port}`;

    const tok = await request(`${base}/oauth2/v1/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: encodeTokenForm('msgsim', 'secret') });
    expect(tok.statusCode).toBe(200);
    const auth = { authorization: `Bearer ${((await tok.body.json()) as { access_token: string }).access_token}` };

    const cap = await request(`${base}/rcs/bot/v1/15880000/contactCapabilities?userContact=%2B821012340002`, { headers: auth });
    expect(cap.statusCode).toBe(404);
    expect(((await cap.body.json()) as { error: { code: number } }).error.code).toBe(41200);

    const sent = await request(`${base}/rcs/bot/v1/15880000/messages`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(textMessage(K.ktAndroidRcs)),
    });
    expect(sent.statusCode).toBe(202);
    const { msgId } = (await sent.body.json()) as { msgId: string };

    clock.advance(10); // 'sent' leaves and is refused once
    await until(() => refused === 1);
    await new Promise((r) => setTimeout(r, 20));
    clock.advance(1000); // its retry and 'delivered'
    await until(() => got.length === 2);
    expect(got.map((e) => webhookEventSchema.parse(e)).map((e) => [e.event, e.RCSMessage.msgId, e.event === 'messageStatus' && e.RCSMessage.status])).toEqual([
      ['messageStatus', msgId, 'sent'],
      ['messageStatus', msgId, 'delivered'],
    ]);
  });

  it('an oversized body gets 413 with the JSON error body', async () => {
    sim = createRcsSimulator({ config: parseRcsConfig({ ...BASE_CONFIG, limits: { maxBodyBytes: 2048 } }), clock: createManualClock(0) });
    const { port } = await sim.listen(0);
    const res = await request(`http://127.0.0.1:${port}/rcs/bot/v1/15880000/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(5000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(((await res.body.json()) as { error: { code: number } }).error.code).toBe(51004);
  });

  it('black-hole holds sends unanswered, a dropped connection is closed, and close() still ends promptly', async () => {
    const config = parseRcsConfig({
      ...BASE_CONFIG,
      behaviour: { version: 1, rules: [{ when: { destination: '01012340001' }, then: { fault: 'no-response' } }, { when: { destination: '01012340004' }, then: { fault: 'drop-connection' } }] },
    });
    sim = createRcsSimulator({ config, clock: createManualClock(0) });
    const { port } = await sim.listen(0);
    const base = `http://127.0.0.1:${port}`;
    const token = (await sim.app.inject({ method: 'POST', url: '/oauth2/v1/token', payload: { grant_type: 'client_credentials', client_id: 'msgsim', client_secret: 'secret' } })).json().access_token;
    const post = (to: string) =>
      request(`${base}/rcs/bot/v1/15880000/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(textMessage(to)),
        headersTimeout: 300,
      });
    await expect(post(K.ktAndroidRcs)).rejects.toThrow(/timeout/i);
    await expect(post(K.sktAndroid)).rejects.toThrow(/other side closed|socket|reset/i);
    const started = Date.now();
    await sim.close();
    sim = undefined;
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

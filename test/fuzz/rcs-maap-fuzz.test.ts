// Fuzz the RCS simulator's MaaP HTTP surface: thousands of malformed, oversized and wrong-typed JSON
// bodies, raw bytes under any content type, and garbage paths and queries. Oracle: every answer is
// a 2xx/4xx (never 5xx) whose 4xx body is the one JSON error shape, the server keeps answering, and
// what it keeps (messages, tokens, webhooks) stays within its bounds.
import fc from 'fast-check';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../gateways/kit/clock.ts';
import { errorBodySchema } from '../../gateways/rcs/codec/error-body.ts';
import { sendMessageResponseSchema } from '../../gateways/rcs/codec/send-message-schema.ts';
import { parseRcsConfig } from '../../gateways/rcs/simulator/rcs-config.ts';
import { createRcsSimulator, type RcsSimulator } from '../../gateways/rcs/simulator/rcs-simulator.ts';
import { createHeapProbe } from './heap-probe.ts';
import { arbitraryBody, mutatedSend, VALID_SENDS } from './rcs-body-mutator.ts';

const RETAIN = 500;
const clock = createManualClock(Date.parse('2026-11-20T03:00:00Z'));
let sim: RcsSimulator;
let base: string;
let token: string;
const tally = new Map<string, number>();

function check(status: number, text: string, where: string): void {
  tally.set(String(status), (tally.get(String(status)) ?? 0) + 1);
  if (status >= 500 || status < 200) throw new Error(`${where}: HTTP ${status} ${text.slice(0, 300)}`);
  if (status >= 400) {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    if (!parsed.success || parsed.data.error.status !== status) throw new Error(`${where}: bad error body for ${status}: ${text.slice(0, 300)}`);
  }
  if (status === 202) sendMessageResponseSchema.parse(JSON.parse(text));
}

beforeAll(async () => {
  const config = parseRcsConfig({
    accounts: [{ clientId: 'msgsim', clientSecret: 'secret', webhookUrl: 'http://127.0.0.1:9/hook', bots: [{ botId: '15880000' }] }],
    limits: { maxBodyBytes: 256 * 1024, retainMessages: RETAIN },
    webhook: { maxAttempts: 1, retryDelay: 1000, maxRetryDelay: 1000, timeout: 100, maxInFlight: 8, queueLimit: 1000 },
    auth: { tokenTtl: '1h', maxTokens: 100 },
    behaviour: { version: 1, reports: { outcomes: { delivered: 0.8, undeliverable: 0.1, expired: 0.1 }, delay: 1000 } },
  });
  sim = createRcsSimulator({ config, clock, seed: 'fuzz', webhookTransport: async () => 200 });
  base = `http://127.0.0.1:${(await sim.listen(0)).port}`;
  const res = await sim.app.inject({ method: 'POST', url: '/oauth2/v1/token', payload: { grant_type: 'client_credentials', client_id: 'msgsim', client_secret: 'secret' } });
  token = res.json().access_token;
});

afterAll(async () => {
  await sim.close();
});

const send = async (payload: string, contentType = 'application/json') => {
  const res = await sim.app.inject({
    method: 'POST',
    url: '/rcs/bot/v1/15880000/messages',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    payload,
  });
  check(res.statusCode, res.body, `send ${payload.slice(0, 120)}`);
  return res.statusCode;
};

describe('RCS MaaP fuzz', () => {
  it('mutated and arbitrary JSON send bodies always get a 202 or a 4xx with the error body', async () => {
    const heap = createHeapProbe();
    for (const body of VALID_SENDS) expect(await send(JSON.stringify(body))).toBe(202);
    const before = await heap.settledHeap();
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: mutatedSend }, { weight: 1, arbitrary: arbitraryBody }), async (body) => {
        await send(body);
        clock.advance(50);
      }),
      { numRuns: 5000, seed: 20261120, endOnFailure: true },
    );
    for (let i = 0; i < 5; i++) clock.advance(86_400_000);
    expect(sim.context.store.size()).toBeLessThanOrEqual(RETAIN);
    expect(sim.context.webhooks.pending()).toBeLessThanOrEqual(1000);
    expect(sim.context.lifecycle.pending()).toBe(0);
    expect(await heap.settledHeap()).toBeLessThan(before + 64 * 1024 * 1024);
    expect(tally.get('202') ?? 0).toBeGreaterThan(50);
    expect(tally.get('400') ?? 0).toBeGreaterThan(500);
  });

  it('raw bytes under any content type, and token forms of any shape, never get a 5xx', async () => {
    const contentType = fc.constantFrom('application/json', 'application/json; charset=euc-kr', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), fc.string({ maxLength: 400 }), contentType, async (bytes, text, ct) => {
        await send(Buffer.from(bytes).toString('latin1'), ct || 'application/octet-stream');
        await send(text, ct || 'application/json');
        const tok = await sim.app.inject({ method: 'POST', url: '/oauth2/v1/token', headers: ct ? { 'content-type': ct } : {}, payload: text });
        check(tok.statusCode, tok.body, `token ${text.slice(0, 80)}`);
      }),
      { numRuns: 700, seed: 7, endOnFailure: true },
    );
    expect(sim.context.tokens.size()).toBeLessThanOrEqual(100);
  });

  it('garbage paths, queries, methods and headers over a real socket get a 4xx error body', async () => {
    const segment = fc.oneof(
      fc.string({ maxLength: 30 }).map(encodeURIComponent),
      fc.constantFrom('%', '%zz', '..', '%2e%2e', '%00', ';', '15880000', 'messages', 'contactCapabilities', 'x'.repeat(300)),
    );
    const path = fc.array(segment, { minLength: 0, maxLength: 6 }).map((s) => `/${s.join('/')}`);
    const rcsPath = fc.tuple(segment, fc.constantFrom('messages', 'contactCapabilities', 'messages/x/status')).map(([b, r]) => `/rcs/bot/v1/${b}/${r}`);
    const query = fc.oneof(fc.constant(''), fc.string({ maxLength: 60 }).map((q) => `?userContact=${encodeURIComponent(q)}`), fc.constantFrom('?userContact=%', '?userContact=1&userContact=2', '?a[b]=c'));
    const auth = fc.oneof(fc.constant(`Bearer ${token}`), fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')), fc.constant(undefined));
    await fc.assert(
      fc.asyncProperty(fc.oneof(path, rcsPath), query, fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), auth, async (p, q, method, authorization) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (authorization !== undefined) headers.authorization = authorization;
        const res = await request(`${base}${p}${q}`, { method: method as 'GET', headers, body: method === 'GET' ? undefined : '{}' });
        check(res.statusCode, await res.body.text(), `${method} ${p}${q}`);
      }),
      { numRuns: 600, seed: 11, endOnFailure: true },
    );
    const alive = await request(`${base}/oauth2/v1/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'msgsim', client_secret: 'secret' }) });
    expect(alive.statusCode).toBe(200);
    await alive.body.dump();
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createCarrierLookup } from '../../../../engine/routing/carrier-lookup.ts';
import type { CarrierLookup, CarrierLookupOptions } from '../../../../engine/routing/carrier-lookup.ts';
import { isEngineError } from '../../../../engine/engine-errors.ts';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createNpApi } from '../../../../gateways/network/np-api.ts';
import { loadNetwork } from '../../../../gateways/network/load-network.ts';
import { KNOWN_SUBSCRIBERS as K, NOT_A_MOBILE_NUMBER, NOT_IN_SERVICE_BLOCK_SAMPLE } from '../../../../gateways/network/known-subscribers.ts';

const HOUR = 3_600_000;
const numbers = (from: number, count: number) => Array.from({ length: count }, (_, i) => `0105${String(from + i).padStart(7, '0')}`);
const nextTurn = () => new Promise<void>((r) => setImmediate(r));

/** The real NP API over loopback, counting the batch requests it serves. */
async function startNpApi(): Promise<{ url: string; posts: string[][]; close(): Promise<void> }> {
  const app: FastifyInstance = createNpApi(loadNetwork());
  const posts: string[][] = [];
  app.addHook('preHandler', async (request) => {
    if (request.method === 'POST') posts.push((request.body as { msisdns: string[] }).msisdns);
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, posts, close: () => app.close() };
}

/** An NP stand-in that answers only when the test says, to hold a request in flight. */
async function startHeldServer(): Promise<{ url: string; held: Array<{ path: string; msisdns: string[]; answer(status: number, body: unknown): void }>; close(): Promise<void> }> {
  const held: Array<{ path: string; msisdns: string[]; answer(status: number, body: unknown): void }> = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      held.push({
        path: req.url ?? '',
        msisdns: (JSON.parse(text) as { msisdns: string[] }).msisdns,
        answer: (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body)),
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(cond()).toBe(true);
}

const kt = (msisdns: string[]) => ({ results: msisdns.map((msisdn) => ({ msisdn, carrier: 'KT', mvno: null, ported: false, portedFrom: null })) });

describe('createCarrierLookup', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const make = (opts: Partial<CarrierLookupOptions> & { npUrl: string }): CarrierLookup => {
    const lookup = createCarrierLookup({ ownCarrier: 'KT', ttlMs: 24 * HOUR, clock: createManualClock(0), ...opts });
    cleanups.push(() => lookup.close());
    return lookup;
  };
  const np = async () => {
    const server = await startNpApi();
    cleanups.push(server.close);
    return server;
  };
  const heldNp = async () => {
    const server = await startHeldServer();
    cleanups.push(server.close);
    return server;
  };

  it('tells on-net, off-net, ported, MVNO and numbers without a carrier apart', async () => {
    const server = await np();
    const lookup = make({ npUrl: server.url });
    const all = [K.ktAndroidRcs, K.sktAndroid, K.lguIos, K.portedToKt, K.portedFromKt, K.ktMvnoAndroidRcs, K.ktOff, K.invalid, NOT_IN_SERVICE_BLOCK_SAMPLE, NOT_A_MOBILE_NUMBER];
    const got = await lookup.lookup(all);
    expect(Object.fromEntries(got)).toEqual({
      [K.ktAndroidRcs]: { carrier: 'KT', onNet: true, ported: false },
      [K.sktAndroid]: { carrier: 'SKT', onNet: false, ported: false },
      [K.lguIos]: { carrier: 'LGU+', onNet: false, ported: false },
      [K.portedToKt]: { carrier: 'KT', onNet: true, ported: true },
      [K.portedFromKt]: { carrier: 'LGU+', onNet: false, ported: true },
      [K.ktMvnoAndroidRcs]: { carrier: 'KT', onNet: true, ported: false },
      [K.ktOff]: { carrier: 'KT', onNet: true, ported: false },
      [K.invalid]: { carrier: null, onNet: false, ported: false },
      [NOT_IN_SERVICE_BLOCK_SAMPLE]: { carrier: null, onNet: false, ported: false },
      [NOT_A_MOBILE_NUMBER]: { carrier: null, onNet: false, ported: false },
    });
    expect(server.posts).toHaveLength(1);
  });

  it('judges on-net by the configured own carrier', async () => {
    const server = await np();
    const lookup = make({ npUrl: server.url, ownCarrier: 'SKT' });
    const got = await lookup.lookup([K.sktAndroid, K.ktAndroidRcs]);
    expect(got.get(K.sktAndroid)?.onNet).toBe(true);
    expect(got.get(K.ktAndroidRcs)?.onNet).toBe(false);
  });

  it('sends 100 lookups made in one tick as one request, and answers them again from the cache', async () => {
    const server = await np();
    const lookup = make({ npUrl: server.url });
    const nums = numbers(0, 100);
    const answers = await Promise.all(nums.map((n) => lookup.lookup([n])));
    expect(server.posts).toHaveLength(1);
    expect([...server.posts[0]].sort()).toEqual(nums);
    answers.forEach((a, i) => expect(a.has(nums[i])).toBe(true));

    const again = await Promise.all(nums.map((n) => lookup.lookup([n])));
    expect(server.posts).toHaveLength(1);
    expect(again).toEqual(answers);
    expect(lookup.stats()).toEqual({ hits: 100, misses: 100, requests: 1, numbersLooked: 100, errors: 0 });
  });

  it('answers from the cache without I/O, even with the NP API gone', async () => {
    const server = await np();
    const lookup = make({ npUrl: server.url });
    await lookup.lookup([K.ktIos]);
    await server.close();
    const got = await lookup.lookup([K.ktIos]);
    expect(got.get(K.ktIos)).toEqual({ carrier: 'KT', onNet: true, ported: false });
  });

  it('asks for a number once however often it appears', async () => {
    const server = await np();
    const lookup = make({ npUrl: server.url });
    const [a, b] = await Promise.all([lookup.lookup([K.ktIos, K.ktIos, K.lguIos]), lookup.lookup([K.lguIos, K.ktIos])]);
    expect(server.posts).toEqual([[K.ktIos, K.lguIos]]);
    expect(a.size).toBe(2);
    expect(b.get(K.lguIos)?.carrier).toBe('LGU+');
  });

  it('lets a lookup made while the number is on its way share that request', async () => {
    const server = await heldNp();
    const lookup = make({ npUrl: server.url });
    const first = lookup.lookup([K.ktIos]);
    await until(() => server.held.length === 1);
    const second = lookup.lookup([K.ktIos, K.ktAndroidRcs]);
    await until(() => server.held.length === 2);
    expect(server.held[1].msisdns).toEqual([K.ktAndroidRcs]);
    server.held[0].answer(200, kt([K.ktIos]));
    expect((await first).get(K.ktIos)?.carrier).toBe('KT');
    server.held[1].answer(200, kt([K.ktAndroidRcs]));
    expect([...(await second).keys()].sort()).toEqual([K.ktIos, K.ktAndroidRcs].sort());
  });

  it('splits more numbers than maxBatch into several requests of the same tick', async () => {
    const server = await np();
    const lookup = make({ npUrl: server.url, maxBatch: 3 });
    const nums = numbers(500, 7);
    const [a, b] = await Promise.all([lookup.lookup(nums.slice(0, 5)), lookup.lookup(nums.slice(3))]);
    expect(server.posts.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(new Set(server.posts.flat())).toEqual(new Set(nums));
    expect(a.size + b.size).toBe(9);
  });

  it('forgets an answer after ttlMs on the clock, and a number without carrier after ttlMs / 24', async () => {
    const server = await np();
    const clock = createManualClock(1_000);
    const lookup = make({ npUrl: server.url, clock, ttlMs: 24 * HOUR });
    await lookup.lookup([K.ktIos, K.invalid]);
    expect(server.posts).toHaveLength(1);

    clock.advance(HOUR - 1);
    await lookup.lookup([K.ktIos, K.invalid]);
    expect(server.posts).toHaveLength(1);
    clock.advance(1);
    await lookup.lookup([K.ktIos, K.invalid]);
    expect(server.posts[1]).toEqual([K.invalid]);

    clock.advance(23 * HOUR - 1);
    await lookup.lookup([K.ktIos]);
    expect(server.posts).toHaveLength(2);
    clock.advance(1);
    await lookup.lookup([K.ktIos]);
    expect(server.posts[2]).toEqual([K.ktIos]);
  });

  it('drops the oldest answer when the cache is full', async () => {
    const server = await np();
    const lookup = make({ npUrl: server.url, maxCacheEntries: 2 });
    await lookup.lookup([K.ktIos, K.lguIos]);
    await lookup.lookup([K.sktAndroid]);
    await lookup.lookup([K.lguIos, K.sktAndroid]);
    expect(server.posts).toHaveLength(2);
    await lookup.lookup([K.ktIos]);
    expect(server.posts).toHaveLength(3);
  });

  it('rejects with ENGINE_ERR_NP_LOOKUP when the NP API is down, and caches nothing', async () => {
    const server = await np();
    const url = server.url;
    await server.close();
    const lookup = make({ npUrl: url });
    const results = await Promise.allSettled([lookup.lookup([K.ktIos]), lookup.lookup([K.lguIos])]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect(isEngineError((r as PromiseRejectedResult).reason, 'ENGINE_ERR_NP_LOOKUP')).toBe(true);
    }
    await expect(lookup.lookup([K.ktIos])).rejects.toMatchObject({ code: 'ENGINE_ERR_NP_LOOKUP' });
    expect(lookup.stats()).toMatchObject({ requests: 2, errors: 2, hits: 0 });
  });

  it.each([
    ['an HTTP error', 503, { error: { code: 'DOWN', message: 'maintenance' } }],
    ['a body that is not JSON', 200, '<html>'],
    ['fewer results than numbers', 200, { results: [] }],
    ['a result without a carrier', 200, { results: [{ msisdn: K.ktIos }] }],
  ])('rejects with ENGINE_ERR_NP_LOOKUP on %s', async (_name, status, body) => {
    const server = await heldNp();
    const lookup = make({ npUrl: server.url });
    const p = lookup.lookup([K.ktIos]);
    await until(() => server.held.length === 1);
    server.held[0].answer(status, body);
    await expect(p).rejects.toMatchObject({ code: 'ENGINE_ERR_NP_LOOKUP' });
    expect(lookup.stats().errors).toBe(1);
  });

  it('gives up on an unanswered request after requestTimeoutMs on the clock', async () => {
    const server = await heldNp();
    const clock = createManualClock(0);
    const lookup = make({ npUrl: server.url, clock, requestTimeoutMs: 5_000 });
    const p = lookup.lookup([K.ktIos]);
    p.catch(() => {});
    await until(() => server.held.length === 1);
    clock.advance(4_999);
    await nextTurn();
    let settled = false;
    void p.then(() => (settled = true), () => (settled = true));
    await nextTurn();
    expect(settled).toBe(false);
    clock.advance(1);
    await expect(p).rejects.toMatchObject({ code: 'ENGINE_ERR_NP_LOOKUP' });
  });

  it('sends what was asked before close, and refuses lookups after it', async () => {
    const server = await np();
    const lookup = createCarrierLookup({ npUrl: server.url, ownCarrier: 'KT', ttlMs: HOUR, clock: createManualClock(0) });
    const p = lookup.lookup([K.ktIos]);
    await lookup.close();
    expect((await p).get(K.ktIos)?.onNet).toBe(true);
    await expect(lookup.lookup([K.ktIos])).rejects.toMatchObject({ code: 'ENGINE_ERR_CLOSED' });
  });

  it('answers an empty list at once', async () => {
    const server = await np();
    const lookup = make({ npUrl: server.url });
    expect((await lookup.lookup([])).size).toBe(0);
    expect(server.posts).toHaveLength(0);
  });

  it('keeps a path prefix of npUrl', async () => {
    const server = await heldNp();
    const lookup = make({ npUrl: `${server.url}/network/` });
    const p = lookup.lookup([K.ktIos]);
    await until(() => server.held.length === 1);
    expect(server.held[0].path).toBe('/network/np/v1/lookup');
    server.held[0].answer(200, kt([K.ktIos]));
    expect((await p).get(K.ktIos)?.carrier).toBe('KT');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createNpApi } from '../../../gateways/network/np-api.ts';
import { loadNetwork } from '../../../gateways/network/load-network.ts';
import { KNOWN_SUBSCRIBERS, NOT_A_MOBILE_NUMBER, NOT_IN_SERVICE_BLOCK_SAMPLE } from '../../../gateways/network/known-subscribers.ts';

describe('NP API', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  const get = async (url: string) => {
    app ??= createNpApi(loadNetwork());
    const res = await app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() as Record<string, unknown>, type: res.headers['content-type'] };
  };

  it('answers carrier and porting for a number in service, in national form', async () => {
    const res = await get(`/np/v1/${encodeURIComponent('+82' + KNOWN_SUBSCRIBERS.portedToKt.slice(1))}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ msisdn: KNOWN_SUBSCRIBERS.portedToKt, carrier: 'KT', mvno: null, ported: true, portedFrom: 'SKT' });
  });

  it('reveals nothing about the handset', async () => {
    const res = await get(`/np/v1/${KNOWN_SUBSCRIBERS.ktMvnoAndroidRcs}`);
    expect(res.body).toEqual({ msisdn: KNOWN_SUBSCRIBERS.ktMvnoAndroidRcs, carrier: 'KT', mvno: 'KT M mobile', ported: false, portedFrom: null });
  });

  it('still answers for a switched-off subscriber (the number is in service)', async () => {
    const res = await get(`/np/v1/${KNOWN_SUBSCRIBERS.ktOff}`);
    expect(res.status).toBe(200);
    expect(res.body.carrier).toBe('KT');
  });

  it('answers 400 with a JSON error for a malformed number', async () => {
    const res = await get('/np/v1/0212345678');
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/application\/json/);
    expect(res.body).toEqual({ error: { code: 'NETWORK_ERR_BAD_MSISDN', message: expect.stringContaining('0212345678') } });
  });

  it('answers 404 with a JSON error for a number not in service', async () => {
    const res = await get(`/np/v1/${KNOWN_SUBSCRIBERS.invalid}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NETWORK_ERR_NOT_IN_SERVICE', message: expect.any(String) } });
  });

  it('answers unknown routes in the same error shape', async () => {
    const res = await get('/np/v2/01012345678');
    expect(res.status).toBe(404);
    expect((res.body.error as { code: string }).code).toBe('NETWORK_ERR_NOT_FOUND');
  });

  it('serves a health check', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', ownCarrier: 'KT' });
  });

  describe('POST /np/v1/lookup', () => {
    const post = async (payload: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
      app ??= createNpApi(loadNetwork());
      const res = await app.inject({ method: 'POST', url: '/np/v1/lookup', headers, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
      return { status: res.statusCode, body: res.json() as Record<string, unknown>, type: res.headers['content-type'] };
    };
    const K = KNOWN_SUBSCRIBERS;

    it('answers every number in input order, each as GET would', async () => {
      const res = await post({ msisdns: [K.portedFromKt, '+82' + K.ktAndroidRcs.slice(1), K.ktMvnoAndroidRcs, K.portedToKt, K.sktAndroid] });
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([
        { msisdn: K.portedFromKt, carrier: 'LGU+', mvno: null, ported: true, portedFrom: 'KT' },
        { msisdn: K.ktAndroidRcs, carrier: 'KT', mvno: null, ported: false, portedFrom: null },
        { msisdn: K.ktMvnoAndroidRcs, carrier: 'KT', mvno: 'KT M mobile', ported: false, portedFrom: null },
        { msisdn: K.portedToKt, carrier: 'KT', mvno: null, ported: true, portedFrom: 'SKT' },
        { msisdn: K.sktAndroid, carrier: 'SKT', mvno: null, ported: false, portedFrom: null },
      ]);
    });

    it('gives numbers not in service and non-mobile numbers an error of their own, without failing the batch', async () => {
      const res = await post({ msisdns: [K.invalid, NOT_A_MOBILE_NUMBER, K.lguIos, NOT_IN_SERVICE_BLOCK_SAMPLE, 'hello'] });
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([
        { msisdn: K.invalid, error: { code: 'NETWORK_ERR_NOT_IN_SERVICE', message: expect.stringContaining(K.invalid) } },
        { msisdn: NOT_A_MOBILE_NUMBER, error: { code: 'NETWORK_ERR_BAD_MSISDN', message: expect.stringContaining(NOT_A_MOBILE_NUMBER) } },
        { msisdn: K.lguIos, carrier: 'LGU+', mvno: null, ported: false, portedFrom: null },
        { msisdn: NOT_IN_SERVICE_BLOCK_SAMPLE, error: { code: 'NETWORK_ERR_NOT_IN_SERVICE', message: expect.any(String) } },
        { msisdn: 'hello', error: { code: 'NETWORK_ERR_BAD_MSISDN', message: expect.any(String) } },
      ]);
    });

    it('answers a repeated number once per occurrence', async () => {
      const res = await post({ msisdns: [K.ktIos, K.ktIos] });
      expect(res.body.results).toHaveLength(2);
    });

    it('takes 10,000 numbers in one request', async () => {
      const msisdns = Array.from({ length: 10_000 }, (_, i) => `0105${String(i).padStart(7, '0')}`);
      const res = await post({ msisdns });
      expect(res.status).toBe(200);
      const results = res.body.results as Array<{ msisdn: string }>;
      expect(results.map((r) => r.msisdn)).toEqual(msisdns);
    });

    it.each([
      ['a JSON array', [K.ktIos]],
      ['a string', '"01012340001"'],
      ['null', 'null'],
      ['no msisdns field', {}],
      ['msisdns not an array', { msisdns: K.ktIos }],
      ['an empty array', { msisdns: [] }],
      ['more than 10,000 numbers', { msisdns: Array.from({ length: 10_001 }, () => K.ktIos) }],
      ['a number as a JSON number', { msisdns: [K.ktIos, 1012340001] }],
      ['a null entry', { msisdns: [null] }],
      ['an unknown field', { msisdns: [K.ktIos], carrier: 'KT' }],
      ['malformed JSON', '{"msisdns": ['],
    ])('refuses %s with 400 and a JSON error', async (_name, payload) => {
      const res = await post(payload);
      expect(res.status).toBe(400);
      expect(res.type).toMatch(/application\/json/);
      expect(res.body).toEqual({ error: { code: 'NETWORK_ERR_BAD_REQUEST', message: expect.any(String) } });
    });

    it('refuses a body over 1 MiB with 413 and a JSON error', async () => {
      const res = await post({ msisdns: [K.ktIos], pad: 'x'.repeat(1024 * 1024) });
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ error: { code: 'NETWORK_ERR_BAD_REQUEST', message: expect.any(String) } });
    });

    it('refuses a plain-text body with 400 and an XML body with 415, both as JSON errors', async () => {
      const text = await post(K.ktIos, { 'content-type': 'text/plain' });
      expect(text.status).toBe(400);
      expect(text.body).toEqual({ error: { code: 'NETWORK_ERR_BAD_REQUEST', message: expect.any(String) } });
      const xml = await post(`<msisdns>${K.ktIos}</msisdns>`, { 'content-type': 'application/xml' });
      expect(xml.status).toBe(415);
      expect(xml.body).toEqual({ error: { code: 'NETWORK_ERR_BAD_REQUEST', message: expect.any(String) } });
    });

    it('still answers GET for a single number named lookup with the bad-number error', async () => {
      const res = await get('/np/v1/lookup');
      expect(res.status).toBe(400);
      expect((res.body.error as { code: string }).code).toBe('NETWORK_ERR_BAD_MSISDN');
    });
  });
});

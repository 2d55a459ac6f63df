import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createNpApi } from '../../../gateways/network/np-api.ts';
import { loadNetwork } from '../../../gateways/network/load-network.ts';
import { KNOWN_SUBSCRIBERS } from '../../../gateways/network/known-subscribers.ts';

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
});

import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, textMessage, type Harness } from './rcs-harness.ts';

let h: Harness;
afterEach(() => h?.close());

const tokenRequest = (h: Harness, payload: string | object, headers: Record<string, string> = {}) =>
  h.sim.app.inject({ method: 'POST', url: '/oauth2/v1/token', payload, headers });

describe('OAuth2 token endpoint', () => {
  it('issues a bearer token for a form, a JSON body or HTTP Basic credentials', async () => {
    h = createHarness();
    const form = await tokenRequest(h, 'grant_type=client_credentials&client_id=msgsim&client_secret=secret', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.statusCode).toBe(200);
    expect(form.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const json = await tokenRequest(h, { grant_type: 'client_credentials', client_id: 'tenant2', client_secret: 'secret2' });
    expect(json.statusCode).toBe(200);
    const basic = await tokenRequest(h, 'grant_type=client_credentials', {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from('msgsim:secret').toString('base64')}`,
    });
    expect(basic.statusCode).toBe(200);
    expect(new Set([form.json().access_token, json.json().access_token, basic.json().access_token]).size).toBe(3);
  });

  it.each([
    ['an unknown client_id', { grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' }, 401, 50006],
    ['a wrong secret', { grant_type: 'client_credentials', client_id: 'msgsim', client_secret: 'wrong' }, 401, 50008],
    ['another grant type', { grant_type: 'password', client_id: 'msgsim', client_secret: 'secret' }, 400, 51004],
    ['no credentials', { grant_type: 'client_credentials' }, 400, 51004],
  ])('refuses %s with a JSON error body', async (_name, payload, status, code) => {
    h = createHarness();
    const res = await tokenRequest(h, payload);
    expect(res.statusCode).toBe(status);
    expect(res.json().error).toMatchObject({ code, status });
  });
});

describe('bearer tokens on the MaaP routes', () => {
  it('a token works until its ttl on the simulator clock, then answers 401 50004', async () => {
    h = createHarness({ auth: { tokenTtl: '10m' } });
    const token = await h.token();
    expect((await h.send(textMessage('01012340001'), { token })).status).toBe(202);
    await h.advance(10 * 60_000 - 1);
    expect((await h.send(textMessage('01012340001'), { token })).status).toBe(202);
    await h.advance(1);
    const expired = await h.send(textMessage('01012340001'), { token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe(50004);
    const fresh = await h.token();
    expect((await h.send(textMessage('01012340001'), { token: fresh })).status).toBe(202);
  });

  it('answers 50001 without a header, 50002 without a bearer token, 50003 for a token it never issued', async () => {
    h = createHarness();
    const none = await h.sim.app.inject({ method: 'POST', url: '/rcs/bot/v1/15880000/messages', payload: textMessage('01012340001') });
    expect([none.statusCode, none.json().error.code]).toEqual([401, 50001]);
    const basic = await h.sim.app.inject({ method: 'POST', url: '/rcs/bot/v1/15880000/messages', payload: textMessage('01012340001'), headers: { authorization: 'Basic abc' } });
    expect([basic.statusCode, basic.json().error.code]).toEqual([401, 50002]);
    const forged = await h.send(textMessage('01012340001'), { token: 'made-up' });
    expect([forged.status, forged.body.error.code]).toEqual([401, 50003]);
  });

  it('a token speaks only for its own account\'s active bots', async () => {
    h = createHarness();
    const tenant2 = await h.token('tenant2', 'secret2');
    const other = await h.send(textMessage('01012340001'), { token: tenant2 });
    expect([other.status, other.body.error.code]).toEqual([403, 55807]);
    const paused = await h.send(textMessage('01012340001'), { botId: '15889999' });
    expect([paused.status, paused.body.error.code]).toEqual([403, 55808]);
    const unknown = await h.send(textMessage('01012340001'), { botId: '19999999' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 55302]);
  });
});

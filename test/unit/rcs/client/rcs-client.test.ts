import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createRcsClient, type RcsClient } from '../../../../gateways/rcs/client/rcs-client.ts';
import type { RcsSubmitMessage } from '../../../../gateways/rcs/client/rcs-message.ts';
import type { RcsReport } from '../../../../gateways/rcs/client/rcs-report.ts';
import { startScriptedMaap, type ScriptedMaap } from './scripted-maap.ts';

const text: RcsSubmitMessage = { destination: '01012340001', messagebaseId: 'SS000000', content: { kind: 'text', text: 'hi' } };
const err = (status: number, code: number) => ({ status, body: { error: { code, status, name: 'n', message: 'm' } } });

let maap: ScriptedMaap;
let client: RcsClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
  await maap?.close();
});

async function connected(opts: Partial<Parameters<typeof createRcsClient>[0]> = {}) {
  maap = await startScriptedMaap();
  client = createRcsClient({ target: maap.url, clientId: 'msgsim', clientSecret: 'secret', botId: '15880000', ...opts });
  await client.connect();
  return client;
}

const waitFor = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('RCS client against a scripted MaaP', () => {
  it('refuses to connect with credentials the token endpoint refuses', async () => {
    maap = await startScriptedMaap();
    maap.token = () => err(401, 50008);
    client = createRcsClient({ target: maap.url, clientId: 'msgsim', clientSecret: 'wrong', botId: '15880000', webhook: false });
    await expect(client.connect()).rejects.toMatchObject({ code: 'RCS_ERR_AUTH_FAILED' });
    expect(maap.seen[0].body).toEqual({ grant_type: 'client_credentials', client_id: 'msgsim', client_secret: 'wrong' });
    await expect(client.submit(text)).rejects.toMatchObject({ code: 'RCS_ERR_CLOSED' });
  });

  it('answers a 401 once with a fresh token and sends again', async () => {
    const c = await connected({ webhook: false });
    maap.send = (n) => (n === 1 ? err(401, 50004) : { status: 202, body: { msgId: 'm-ok', status: 'pending' } });
    expect(await c.submit(text)).toEqual({ kind: 'accepted', messageIds: ['m-ok'] });
    const sends = maap.seen.filter((s) => s.route === 'send').map((s) => s.authorization);
    expect(sends).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(c.stats()).toMatchObject({ reauthorized: 1, accepted: 1 });
  });

  it('gives up after the second 401 with a non-transient auth-failed', async () => {
    const c = await connected({ webhook: false });
    maap.send = () => err(401, 50003);
    expect(await c.submit(text)).toMatchObject({ kind: 'rejected', reason: 'auth-failed', transient: false, code: 50003 });
    expect(maap.seen.filter((s) => s.route === 'send')).toHaveLength(2);
  });

  it('refreshes the token before it expires without holding sends back', async () => {
    const clock = createManualClock(1_000_000);
    maap = await startScriptedMaap();
    let n = 0;
    maap.token = () => ({ status: 200, body: { access_token: `tok-${++n}`, token_type: 'Bearer', expires_in: 100 } });
    client = createRcsClient({ target: maap.url, clientId: 'msgsim', clientSecret: 'secret', botId: '15880000', webhook: false, clock, tokenRefreshBeforeMs: 10_000 });
    await client.connect();
    clock.advance(95_000);
    await client.submit(text);
    await waitFor(() => n === 2);
    await client.submit(text);
    const auths = maap.seen.filter((s) => s.route === 'send').map((s) => s.authorization);
    expect(auths).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(client.stats().token).toMatchObject({ fetches: 2, earlyRefreshes: 1 });
  });

  it('resolves a send with no answer within the response timeout as a timeout', async () => {
    const clock = createManualClock(0);
    maap = await startScriptedMaap();
    maap.send = () => 'hold';
    client = createRcsClient({ target: maap.url, clientId: 'msgsim', clientSecret: 'secret', botId: '15880000', webhook: false, clock, responseTimeoutMs: 2000 });
    await client.connect();
    const out = client.submit(text);
    await waitFor(() => maap.seen.some((s) => s.route === 'send'));
    clock.advance(2000);
    expect(await out).toEqual({ kind: 'timeout' });
    expect(client.stats().timeouts).toBe(1);
  });

  it('returns carrier refusals as values', async () => {
    const c = await connected({ webhook: false });
    maap.send = (n) => [err(429, 50201), err(400, 55711), err(500, 59001)][n - 1];
    expect(await c.submit(text)).toMatchObject({ kind: 'rejected', reason: 'throttled', transient: true, code: 50201, httpStatus: 429 });
    expect(await c.submit(text)).toMatchObject({ kind: 'rejected', reason: 'content-refused', transient: false, code: 55711 });
    expect(await c.submit(text)).toMatchObject({ kind: 'rejected', reason: 'system-error', transient: true });
  });

  it('caches capable and not-capable answers and sends the contact in +82 form', async () => {
    const c = await connected({ webhook: false });
    maap.capability = (_n, req) => (req.query.userContact === '+821012340002' ? err(404, 41200) : { status: 200, body: { userContact: req.query.userContact, capabilities: ['richcardCarousel'] } });
    expect(await c.capability('01012340001')).toEqual({ kind: 'capable', features: ['richcardCarousel'], cached: false });
    expect(await c.capability('01012340002')).toEqual({ kind: 'not-capable', code: 41200, cached: false });
    expect(await c.capability('+821012340001')).toMatchObject({ kind: 'capable', cached: true });
    expect(await c.capability('010-1234-0002')).toMatchObject({ kind: 'not-capable', cached: true });
    expect(maap.seen.filter((s) => s.route === 'capability')).toHaveLength(2);
  });

  it('does not cache a capability query the MaaP failed', async () => {
    const c = await connected({ webhook: false });
    maap.capability = (n) => (n === 1 ? err(503, 59003) : { status: 200, body: { userContact: 'x', capabilities: [] } });
    expect(await c.capability('01012340001')).toMatchObject({ kind: 'unknown' });
    expect(await c.capability('01012340001')).toMatchObject({ kind: 'capable', cached: false });
  });

  it('acknowledges webhooks, reports each final status once, displayed as non-final, with the reference', async () => {
    const c = await connected();
    maap.send = () => ({ status: 202, body: { msgId: 'm-7', status: 'pending' } });
    await c.submit({ ...text, reference: { order: 7 } });
    const reports: RcsReport[] = [];
    c.on('report', (r) => reports.push(r));
    const ev = (status: string, error?: object) => ({ event: 'messageStatus', botId: '15880000', messageContact: { userContact: '+821012340001' }, RCSMessage: { msgId: 'm-7', status, timestamp: 't', ...(error ? { error } : {}) } });
    const post = (body: unknown) => fetch(c.webhookUrl()!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (const body of [ev('sent'), ev('delivered'), ev('delivered'), ev('displayed')]) expect((await post(body)).status).toBe(200);
    expect(reports.map((r) => [r.event, r.final, r.reference])).toEqual([
      ['delivered', true, { order: 7 }],
      ['displayed', false, { order: 7 }],
    ]);
    expect(c.stats()).toMatchObject({ reports: 2, duplicates: 1 });
  });

  it('still acknowledges a webhook whose report listener throws, and says so on error', async () => {
    const c = await connected();
    const errors: Error[] = [];
    c.on('error', (e) => errors.push(e));
    c.on('report', () => {
      throw new Error('listener bug');
    });
    const res = await fetch(c.webhookUrl()!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'messageStatus', botId: 'b', messageContact: { userContact: 'x' }, RCSMessage: { msgId: 'q', status: 'failed', timestamp: 't', error: { code: 54002, message: 'm' } } }),
    });
    expect(res.status).toBe(200);
    expect(errors.map((e) => e.message)).toEqual(['listener bug']);
  });

  it('refuses sends before connect and after close', async () => {
    maap = await startScriptedMaap();
    client = createRcsClient({ target: maap.url, clientId: 'msgsim', clientSecret: 'secret', botId: '15880000', webhook: false });
    await expect(client.submit(text)).rejects.toMatchObject({ code: 'RCS_ERR_NOT_CONNECTED' });
    await client.connect();
    await client.close();
    await expect(client.submit(text)).rejects.toMatchObject({ code: 'RCS_ERR_CLOSED' });
    await expect(client.capability('01012340001')).rejects.toMatchObject({ code: 'RCS_ERR_CLOSED' });
  });
});

import { describe, expect, it } from 'vitest';
import { formatMasTime } from '../../../../gateways/xroshot/codec/mas-time.ts';
import { settle, startSim } from './sim-harness.ts';

describe('Xroshot simulator login', () => {
  it('answers req_auth with the server time and registers a correct AuthTicket', async () => {
    const h = await startSim();
    const c = await h.client();
    const { auth, regist } = await c.login();
    expect(auth).toEqual({ method: 'res_auth', result: 0, time: formatMasTime(h.clock.now()) });
    expect(regist.result).toBe(0);
    expect(regist.sessionId).not.toBeNull();
    expect(regist.sendLimitPerSecond).toEqual([{ msgType: 1, value: 200 }, { msgType: 4, value: 200 }]);
    expect(h.sim.sessions().filter((s) => s.state === 'registered')).toHaveLength(1);
  });

  it('refuses an unknown service provider at req_auth with Result 5', async () => {
    const h = await startSim();
    const c = await h.client();
    c.send({ method: 'req_auth', serviceProviderId: 'nobody' });
    expect(await c.next('res_auth')).toEqual({ method: 'res_auth', result: 5, time: null });
  });

  it.each([
    ['a wrong password', { password: 'nope' }, 7],
    ['a ticket sealed under another AuthKey window', { authKey: 9, cert: 'Z'.repeat(300) }, 2],
    ['an AuthKey index outside the certificate', { authKey: 100_000 }, 2],
    ['a stale server time', { serverTime: '20200101000000' }, 2],
    ['an end user the provider does not have', { endUserId: 'stranger' }, 2],
  ])('refuses %s', async (_what, login, result) => {
    const h = await startSim();
    const c = await h.client();
    expect((await c.login(login)).regist.result).toBe(result);
  });

  it('refuses req_regist before req_auth, and sends before login', async () => {
    const h = await startSim();
    const c = await h.client();
    c.send({ method: 'req_regist', serviceProviderId: 'sp1', endUserId: 'eu1', authTicket: 'AAAA', authKey: 0, version: '1' });
    expect((await c.next('res_regist')).result).toBe(2);
    c.send(c.buildSend({ to: ['01012340004'] }));
    expect((await c.next('res_send_message_all')).result).toBe(2);
  });

  it('registers at most maxSessions sessions per provider (Result 33), and frees one on unregist', async () => {
    const h = await startSim();
    const a = await h.registered();
    await h.registered();
    const third = await h.client();
    expect((await third.login()).regist.result).toBe(33);
    a.send({ method: 'req_unregist', reason: 0 });
    expect((await a.next('res_unregist')).result).toBe(0);
    await a.closed;
    await settle();
    const again = await h.client();
    expect((await again.login()).regist.result).toBe(0);
  });

  it('answers req_ping at any time', async () => {
    const h = await startSim();
    const c = await h.client();
    c.send({ method: 'req_ping' });
    expect(await c.next('res_ping')).toEqual({ method: 'res_ping', result: 0 });
  });

  it('closes a session that stays silent past the idle timeout, with req_unregist', async () => {
    const h = await startSim({ session: { idleTimeout: '3m' } });
    const c = await h.registered();
    await h.advance(2 * 60_000);
    c.send({ method: 'req_ping' });
    await c.next('res_ping');
    await h.advance(2 * 60_000);
    expect(h.sim.sessions()).toHaveLength(1);
    await h.advance(60_000 + 1);
    expect((await c.next('req_unregist')).reason).toBe(0);
    await c.closed;
  });

  it('answers malformed requests whose method is readable and closes on unreadable ones', async () => {
    const h = await startSim();
    const c = await h.client();
    c.socket.write('<MAS method="req_auth"><ServiceProviderID>x</MAS>\0');
    expect((await c.next('res_auth')).result).toBe(2);
    c.socket.write('<MAS method="req_storage"><Filename>a.jpg</Filename></MAS>\0');
    await settle();
    c.socket.write('<MAS method="req_ping"></MAS>\0');
    await c.next('res_ping');
    // res_storage is outside this codec too, so the test client keeps it as an undecoded frame.
    expect(c.malformed.map(String)).toEqual([expect.stringMatching(/<MAS method="res_storage"><Result>27<\/Result><\/MAS>$/)]);
    c.socket.write('hello there\0');
    await c.closed;
  });
});

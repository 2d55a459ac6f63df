import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { PRESETS_DIR, loadXroshotConfig, parseXroshotConfig } from '../../../../gateways/xroshot/simulator/xroshot-config.ts';
import { isXroshotError } from '../../../../gateways/xroshot/xroshot-errors.ts';
import { BASE_CONFIG, settle, startSim, until } from './sim-harness.ts';

const presets = readdirSync(PRESETS_DIR).map((f) => f.replace(/\.yaml$/, ''));

describe('Xroshot simulator config and presets', () => {
  it.each(presets)('preset %s loads over the default config', (name) => {
    expect(loadXroshotConfig(undefined, name).accounts.length).toBeGreaterThan(0);
  });

  it('refuses unknown presets and bad configs with XROSHOT_ERR_CONFIG', () => {
    for (const bad of [() => loadXroshotConfig(undefined, 'nope'), () => parseXroshotConfig({ ...BASE_CONFIG, accounts: [{ ...BASE_CONFIG.accounts[0], cert: 'short' }] })]) {
      try {
        bad();
        expect.unreachable();
      } catch (e) {
        expect(isXroshotError(e) && e.code).toBe('XROSHOT_ERR_CONFIG');
      }
    }
  });

  it('no-nul-terminator: responses carry no NUL', async () => {
    const h = await startSim({ quirks: { omitTerminator: true } });
    const c = await h.client();
    const chunks: Buffer[] = [];
    c.socket.on('data', (b) => chunks.push(b));
    c.send({ method: 'req_ping' });
    for (let i = 0; i < 100 && chunks.length === 0; i++) await settle();
    const bytes = Buffer.concat(chunks);
    expect(bytes.toString()).toContain('res_ping');
    expect(bytes.includes(0)).toBe(false);
  });

  it('wrong-auth-result: a wrong password is answered 0', async () => {
    const h = await startSim({ quirks: { acceptBadPassword: true } });
    const c = await h.client();
    expect((await c.login({ password: 'wrong' })).regist.result).toBe(0);
  });

  it('ping-unanswered: req_ping gets nothing while sends still work', async () => {
    const h = await startSim({ quirks: { ignorePing: true } });
    const c = await h.registered();
    c.send({ method: 'req_ping' });
    await expect(c.next('res_ping', 100)).rejects.toThrow(/no res_ping/);
    expect((await c.sendMessage({ to: [K.sktAndroid] })).all.result).toBe(0);
  });

  it('report-before-response: req_report arrives before the res_send_message naming its JobID', async () => {
    const h = await startSim({ quirks: { reportBeforeResponse: true }, behaviour: { version: 1, latency: 50, reports: { outcomes: { delivered: 1 }, delay: 0 } } });
    const c = await h.registered();
    c.send(c.buildSend({ to: [K.sktAndroid] }));
    const report = await c.next('req_report');
    expect(c.received.some((m) => m.method === 'res_send_message')).toBe(false);
    await h.advance(50);
    expect((await c.next('res_send_message')).jobId).toBe(report.jobId);
  });

  it('no-reports: sends are taken with JobIDs and no req_report ever follows', async () => {
    const h = await startSim({ behaviour: loadXroshotConfig(undefined, 'no-reports').behaviour });
    const c = await h.registered();
    c.send(c.buildSend({ to: [K.sktAndroid] }));
    await until(() => h.sim.context.stats.snapshot()['in:req_send_message_2'] === 1, 'the request to arrive');
    await h.advance(1);
    expect((await c.next('res_send_message_all')).count).toBe(1);
    await h.advance(48 * 3_600_000);
    expect(c.received.some((m) => m.method === 'req_report')).toBe(false);
  });

  it('no-per-recipient-responses: only res_send_message_all is sent', async () => {
    const h = await startSim({ quirks: { omitPerRecipientResponses: true } });
    const c = await h.registered();
    const { perRecipient, all } = await c.sendMessage({ to: [K.sktAndroid, K.lguIos] });
    expect(perRecipient).toEqual([]);
    expect(all.count).toBe(2);
  });
});

describe('Xroshot simulator admin API and outages', () => {
  it('serves health, stats, the MAS catalog, and has no MO', async () => {
    const h = await startSim();
    const c = await h.registered();
    await c.sendMessage({ to: [K.sktAndroid] });
    const stats = (await h.sim.admin.inject({ method: 'GET', url: '/admin/stats' })).json();
    expect(stats.stats.accounts.sp1.sessions).toBe(1);
    expect(stats.stats.counters['in:req_send_message_2']).toBe(1);
    const catalog = await h.sim.admin.inject({ method: 'GET', url: '/catalogs/MAS/recommended/0' });
    expect(catalog.body).toContain(`<Port>${h.port}</Port>`);
    const mo = await h.sim.admin.inject({ method: 'POST', url: '/admin/mo', payload: {} });
    expect([mo.statusCode, mo.json().error.code]).toEqual([404, 'KIT_ERR_NO_MO']);
  });

  it('refuse drops sessions and new connections; blackhole answers nothing', async () => {
    const h = await startSim();
    const c = await h.registered();
    await h.sim.admin.inject({ method: 'POST', url: '/admin/outage', payload: { mode: 'blackhole' } });
    c.send(c.buildSend({ to: [K.sktAndroid] }));
    await expect(c.next('res_send_message_all', 150)).rejects.toThrow();
    await h.sim.admin.inject({ method: 'POST', url: '/admin/outage', payload: { mode: 'refuse' } });
    await c.closed;
    const d = await h.client();
    await d.closed;
    await h.sim.admin.inject({ method: 'DELETE', url: '/admin/outage' });
    expect((await (await h.client()).login()).regist.result).toBe(0);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { readdirSync } from 'node:fs';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { parseMm7Envelope } from '../../../../gateways/gmmsc/codec/mm7-envelope.ts';
import { encodeMm7Http } from '../../../../gateways/gmmsc/codec/mm7-http.ts';
import type { DeliveryReportReq, Mm7Response } from '../../../../gateways/gmmsc/codec/mm7-message.ts';
import { loadMmscConfig, mergePreset, PRESETS_DIR, readPreset } from '../../../../gateways/gmmsc/simulator/mmsc-config.ts';
import { createMmscSimulator, type MmscSimulator } from '../../../../gateways/gmmsc/simulator/mmsc-simulator.ts';
import { AUTH, NS, startHarness, statusOf, submitReq, type Harness } from './gmmsc-sim-harness.ts';

let h: Harness | undefined;
let sim: MmscSimulator | undefined;
afterEach(async () => {
  await h?.close();
  await sim?.close();
  h = sim = undefined;
});

/** A harness whose config has a preset's quirks and behaviour layered over the test base. */
const withPreset = (name: string) => {
  const p = readPreset(name);
  // Answers at once on the manual clock; the preset's rules, reports and quirks stay as written.
  if (p.behaviour && typeof p.behaviour === 'object') (p.behaviour as Record<string, unknown>).latency = 0;
  return startHarness(mergePreset({}, p));
};

describe('GMMSC presets', () => {
  it('every preset loads over the default config', () => {
    const names = readdirSync(PRESETS_DIR).map((f) => f.replace(/\.yaml$/, ''));
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const n of names) expect(() => loadMmscConfig(undefined, n)).not.toThrow();
  });

  it('no-transaction-id answers without the TransactionID header', async () => {
    h = await withPreset('no-transaction-id');
    const res = await h.post(submitReq());
    expect(res.envelope.transactionId).toBeNull();
  });

  it('altered-transaction-id answers with another TransactionID', async () => {
    h = await withPreset('altered-transaction-id');
    const res = await h.post(submitReq(), { transactionId: 'abc' });
    expect(res.envelope.transactionId).not.toBe('abc');
  });

  it('wrong-namespace answers in another MM7 namespace', async () => {
    h = await withPreset('wrong-namespace');
    const res = await h.post(submitReq());
    expect(res.envelope.namespace).not.toBe(NS);
  });

  it('bare-fault answers Faults without RSErrorRsp', async () => {
    h = await withPreset('bare-fault');
    const res = await h.post(submitReq({}, ['0212345678']));
    expect(res.envelope.message).toMatchObject({ kind: 'Fault', detail: null });
    expect(res.raw).not.toContain('StatusCode');
  });

  it('no-message-id answers 1000 without a MessageID', async () => {
    h = await withPreset('no-message-id');
    const res = await h.post(submitReq());
    expect(res.envelope.message).toMatchObject({ status: { code: 1000 } });
    expect((res.envelope.message as Mm7Response).messageId).toBeUndefined();
  });

  it('wrong-report-message-id reports a MessageID the relay never issued', async () => {
    h = await withPreset('wrong-report-message-id');
    const res = await h.post(submitReq());
    const id = (res.envelope.message as Mm7Response).messageId;
    await h.advance(100, () => h!.callback.received.length === 1);
    const r = h.callback.received[0].envelope.message as DeliveryReportReq;
    expect(r.kind).toBe('DeliveryReportReq');
    expect(r.messageId).not.toBe(id);
  });

  it('no-reports accepts and never reports', async () => {
    h = await withPreset('no-reports');
    expect(statusOf((await h.post(submitReq())).envelope)).toBe(1000);
    await h.advance(86_400_000);
    expect(h.callback.attempts()).toBe(0);
  });

  it('corrupt-responses answers XML that does not parse, and still delivers', async () => {
    h = await withPreset('corrupt-responses');
    const http = encodeMm7Http({ transactionId: 'c', namespace: NS, message: submitReq() });
    const res = await h.sim.app.inject({ method: 'POST', url: '/mm7', headers: { 'content-type': http.contentType, authorization: AUTH }, payload: http.body });
    expect(res.statusCode).toBe(200);
    expect(() => parseMm7Envelope(res.body)).toThrow();
    await h.advance(100, () => h!.callback.received.length === 1);
    expect((h.callback.received[0].envelope.message as DeliveryReportReq).mmStatus).toBe('Retrieved');
  });

  it('black-hole reads requests and never answers them', async () => {
    h = await withPreset('black-hole');
    let answered = false;
    void h.post(submitReq()).then(() => (answered = true), () => (answered = true));
    await h.advance(60_000, () => h!.sim.context.stats.snapshot()['fault:no-response'] === 1);
    expect(answered).toBe(false);
    expect(h.sim.context.stats.snapshot()['fault:no-response']).toBe(1);
  });
});

describe('GMMSC over real HTTP on loopback', () => {
  it('serves POST /mm7 and reports to a VASP over the network (fast-reports preset, system clock)', async () => {
    const { startVaspCallback } = await import('./gmmsc-sim-harness.ts');
    const callback = await startVaspCallback();
    try {
      const config = loadMmscConfig(undefined, 'fast-reports');
      config.accounts[0].callbackUrl = callback.url;
      sim = createMmscSimulator({ config, seed: 1 });
      const { port } = await sim.listen(0);
      const http = encodeMm7Http({ transactionId: 'net-1', namespace: NS, message: { ...submitReq({ vaspId: 'msgsim', vasId: 'msgsim-vas' }, [K.ktAndroidNoRcs]) } });
      const res = await request(`http://127.0.0.1:${port}/mm7`, {
        method: 'POST',
        headers: { 'content-type': http.contentType, authorization: 'Basic ' + Buffer.from('msgsim:secret').toString('base64'), soapaction: '""' },
        body: http.body,
      });
      const env = parseMm7Envelope(await res.body.text());
      expect(res.statusCode).toBe(200);
      expect(env.transactionId).toBe('net-1');
      const id = (env.message as Mm7Response).messageId;
      const deadline = Date.now() + 3000;
      while (callback.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(callback.received[0].envelope.message).toMatchObject({ kind: 'DeliveryReportReq', messageId: id, mmStatus: 'Retrieved' });
    } finally {
      await callback.close();
    }
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import type { SmsvasMo, SmsvasReport } from '../../../../gateways/smsvas/client/deliver-reader.ts';
import { createSmsvasClient, type SmsvasClient, type SubmitOutcome } from '../../../../gateways/smsvas/client/smsvas-client.ts';
import { maxInFlightPerSession, SENDER, startSim, SUBSCRIBER, type RunningSim } from './sim-harness.ts';

let sims: RunningSim[] = [];
let clients: SmsvasClient[] = [];

async function sim(opts?: Parameters<typeof startSim>[0]): Promise<RunningSim> {
  const s = await startSim(opts);
  sims.push(s);
  return s;
}

function client(opts: Parameters<typeof createSmsvasClient>[0]): SmsvasClient {
  const c = createSmsvasClient({ rng: createRng('client-test'), ...opts });
  clients.push(c);
  return c;
}

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await Promise.all(sims.map((s) => s.sim.close()));
  clients = [];
  sims = [];
});

const msg = (text = 'hello') => ({ source: SENDER, destination: SUBSCRIBER, text });

describe('SMSVAS client against the simulator', () => {
  it('binds as SMPP 3.4, submits, and correlates each receipt with its message id and reference', async () => {
    const s = await sim();
    const reports: SmsvasReport[] = [];
    const c = client({ target: s.target(), onReport: (r) => reports.push(r) });
    await c.connect();
    const outcomes = await Promise.all([1, 2, 3].map((i) => c.submit({ ...msg(`message ${i}`), reference: `ref-${i}` })));
    const ids = outcomes.map((o) => {
      expect(o.kind).toBe('accepted');
      return o.kind === 'accepted' ? o.messageIds[0] : '';
    });
    expect(outcomes[0]).toMatchObject({ segments: 1, smscId: 'MSGSIM' });
    await vi.waitFor(() => expect(reports).toHaveLength(3));
    for (const [i, id] of ids.entries()) {
      const r = reports.find((x) => x.messageId === id);
      expect(r).toMatchObject({ outcome: 'delivered', final: true, stat: 'DELIVRD', messageState: 2, reference: `ref-${i + 1}`, recipient: SUBSCRIBER, textParsed: true });
    }
    expect(s.log().find((e) => e.command === 'bind_transceiver')).toBeTruthy();
    // The deliver_sm_resp leaves after the report event (the PDU stream corks until nextTick).
    await vi.waitFor(() => expect(s.counter('in:deliver_sm_resp')).toBe(3));
  });

  it('never has more than `window` submit_sm unanswered on one bind, as counted by the server', async () => {
    const s = await sim({ behaviour: { version: 1, latency: 15, reports: { outcomes: { delivered: 1 }, delay: 0 } } });
    const c = client({ target: s.target(), window: 4, binds: 2 });
    await c.connect();
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => c.submit(msg(`w${i}`))));
    expect(outcomes.every((o) => o.kind === 'accepted')).toBe(true);
    const max = maxInFlightPerSession(s.log());
    expect(max).toBeLessThanOrEqual(4);
    // The latency makes requests pile up, so a window that did nothing would show far more than 4.
    expect(max).toBe(4);
  });

  it('resolves an unanswered submit as a timeout and frees its window slot (black-hole SMSC)', async () => {
    const s = await sim({ preset: 'black-hole' });
    const clock = createManualClock(Date.now());
    const c = client({ target: s.target(), window: 1, responseTimeoutMs: 5_000, clock });
    await c.connect();
    const first = c.submit(msg('first'));
    const second = c.submit(msg('second'));
    await vi.waitFor(() => expect(s.counter('in:submit_sm')).toBe(1));
    expect(c.stats()).toMatchObject({ inFlight: 1, queued: 1 });
    clock.advance(4_999);
    expect(c.stats().inFlight).toBe(1);
    clock.advance(1);
    await expect(first).resolves.toEqual({ kind: 'timeout' });
    // The freed slot lets the queued message go out.
    await vi.waitFor(() => expect(s.counter('in:submit_sm')).toBe(2));
    clock.advance(5_000);
    await expect(second).resolves.toEqual({ kind: 'timeout' });
    expect(c.stats()).toMatchObject({ inFlight: 0, queued: 0, timeouts: 2 });
  });

  it('re-binds after the server drops the connection and keeps submitting', async () => {
    const s = await sim();
    const c = client({ target: s.target(), reconnect: { initialMs: 20, maxMs: 100 } });
    await c.connect();
    expect((await c.submit(msg('before'))).kind).toBe('accepted');
    const rebound = new Promise<{ reconnect: boolean }>((resolve) => c.on('bind', resolve));
    const down = new Promise<{ why: string }>((resolve) => c.on('down', resolve));
    for (const session of s.sim.sessions()) session.destroy();
    expect((await down).why).toMatch(/closed/);
    expect(await rebound).toMatchObject({ reconnect: true });
    expect((await c.submit(msg('after'))).kind).toBe('accepted');
    expect(c.stats()).toMatchObject({ reconnects: 1, bindsUp: 1 });
  });

  it('queues a submit made while the bind is down and sends it once re-bound', async () => {
    const s = await sim();
    const c = client({ target: s.target(), reconnect: { initialMs: 50, maxMs: 50 } });
    await c.connect();
    const down = new Promise((resolve) => c.on('down', resolve));
    for (const session of s.sim.sessions()) session.destroy();
    await down;
    const pending = c.submit(msg('while down'));
    expect(c.stats().queued).toBe(1);
    expect((await pending).kind).toBe('accepted');
  });

  it('surfaces ESME_RTHROTTLED as a transient throttled rejection', async () => {
    const s = await sim({ preset: 'tight-throttle' });
    const c = client({ target: s.target() });
    await c.connect();
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => c.submit(msg(`t${i}`))));
    const throttled = outcomes.filter((o): o is Extract<SubmitOutcome, { kind: 'rejected' }> => o.kind === 'rejected');
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]).toEqual({ kind: 'rejected', reason: 'throttled', status: 0x58, statusName: 'ESME_RTHROTTLED', transient: true });
  });

  it('paces submits to its tps so a 10 TPS SMSC never throttles it', async () => {
    const s = await sim({ preset: 'tight-throttle' });
    const c = client({ target: s.target(), tps: 6, tpsBurst: 1 });
    await c.connect();
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => c.submit(msg(`p${i}`))));
    expect(outcomes.map((o) => o.kind)).toEqual(Array(8).fill('accepted'));
  });

  it('rejects connect() with SMSVAS_ERR_BIND_FAILED naming the status on a bad password', async () => {
    const s = await sim();
    const c = client({ target: s.target('wrong'), connectTimeoutMs: 5_000 });
    await expect(c.connect()).rejects.toMatchObject({ code: 'SMSVAS_ERR_BIND_FAILED', message: expect.stringContaining('ESME_RINVPASWD') });
    expect(c.stats().bindsUp).toBe(0);
    await expect(c.submit(msg())).rejects.toMatchObject({ code: 'SMSVAS_ERR_CLOSED' });
  });

  it('segments long Korean text, sends every part and returns every message id', async () => {
    const s = await sim();
    const reports: SmsvasReport[] = [];
    const c = client({ target: s.target(), onReport: (r) => reports.push(r) });
    await c.connect();
    // 200 Hangul syllables: 400 octets of KS C 5601, 84 octets (42 syllables) per UDH part -> 5 parts.
    const text = '가나다라마바사아자차'.repeat(20);
    const out = await c.submit(msg(text));
    expect(out).toMatchObject({ kind: 'accepted', segments: 5 });
    const ids = out.kind === 'accepted' ? out.messageIds : [];
    expect(new Set(ids).size).toBe(5);
    expect(s.counter('in:submit_sm')).toBe(5);
    expect(s.counter('messages')).toBe(1);
    await vi.waitFor(() => expect(reports.map((r) => r.messageId).sort()).toEqual([...ids].sort()));
  });

  it('sends long text as SAR segments or as one message_payload when told to', async () => {
    const s = await sim();
    const sar = client({ target: s.target(), method: 'sar' });
    await sar.connect();
    const text = '한국어 장문 메시지 '.repeat(12);
    expect(await sar.submit(msg(text))).toMatchObject({ kind: 'accepted', segments: 3 });
    const payload = client({ target: s.target(), method: 'payload' });
    await payload.connect();
    expect(await payload.submit(msg(text))).toMatchObject({ kind: 'accepted', segments: 1 });
  });

  it('delivers MO to onMo and acknowledges every deliver_sm', async () => {
    const s = await sim();
    const mos: SmsvasMo[] = [];
    const c = client({ target: s.target(), onMo: (m) => mos.push(m) });
    await c.connect();
    s.sim.injectMo({ source: SUBSCRIBER, destination: SENDER, text: '수신거부 부탁드립니다' });
    s.sim.injectMo({ source: SUBSCRIBER, destination: SENDER, text: 'STOP' });
    await vi.waitFor(() => expect(mos).toHaveLength(2));
    expect(mos[0]).toMatchObject({ source: SUBSCRIBER, destination: SENDER, text: '수신거부 부탁드립니다', dataCoding: 0x0e });
    expect(mos[1].text).toBe('STOP');
    await vi.waitFor(() => expect(s.counter('in:deliver_sm_resp')).toBe(2));
    expect(s.sim.context.accounts.get('msgsim')!.queue.inFlight()).toBe(0);
  });

  it('opens N transmitters and N receivers in tx+rx mode and still gets receipts', async () => {
    const s = await sim();
    const reports: SmsvasReport[] = [];
    const c = client({ target: s.target(), mode: 'tx+rx', binds: 2, onReport: (r) => reports.push(r) });
    await c.connect();
    await vi.waitFor(() => expect(c.stats().bindsUp).toBe(4));
    const bound = s.sim.sessions().map((x) => x.state).sort();
    expect(bound).toEqual(['bound_rx', 'bound_rx', 'bound_tx', 'bound_tx']);
    await Promise.all([c.submit(msg('a')), c.submit(msg('b'))]);
    await vi.waitFor(() => expect(reports).toHaveLength(2));
  });

  it('drops a peer that stops answering enquire_link and binds again when it recovers', async () => {
    const s = await sim();
    const clock = createManualClock(Date.now());
    const c = client({ target: s.target(), clock, enquireLinkMs: 1_000, deadPeerMs: 2_000, reconnect: { initialMs: 100, jitter: 0 } });
    await c.connect();
    const down = new Promise<{ why: string }>((resolve) => c.on('down', resolve));
    s.sim.context.behaviour.setOutage({ mode: 'blackhole' });
    clock.advance(1_000);
    await vi.waitFor(() => expect(s.counter('in:enquire_link')).toBe(1));
    clock.advance(2_000);
    expect((await down).why).toMatch(/enquire_link_resp/);
    s.sim.context.behaviour.setOutage(null);
    const rebound = new Promise((resolve) => c.on('bind', resolve));
    clock.advance(100);
    await rebound;
    expect(c.stats()).toMatchObject({ bindsUp: 1, reconnects: 1 });
  });

  it('gives up connect() after connectTimeoutMs when nothing listens, having kept retrying', async () => {
    const s = await sim();
    const port = s.port;
    await s.sim.close();
    sims = [];
    const c = client({ host: '127.0.0.1', port, systemId: 'msgsim', password: 'secret', connectTimeoutMs: 300, reconnect: { initialMs: 20, maxMs: 40 } });
    await expect(c.connect()).rejects.toMatchObject({ code: 'SMSVAS_ERR_NOT_CONNECTED', message: expect.stringContaining('ECONNREFUSED') });
    expect(c.stats().connectErrors).toBeGreaterThan(1);
  });

  it('bounds close(): unanswered submits resolve as timeouts once closeTimeoutMs has passed', async () => {
    const s = await sim({ preset: 'black-hole' });
    const clock = createManualClock(Date.now());
    const c = client({ target: s.target(), clock, closeTimeoutMs: 2_000 });
    await c.connect();
    const pending = c.submit(msg('into the void'));
    await vi.waitFor(() => expect(s.counter('in:submit_sm')).toBe(1));
    let closed = false;
    const closing = c.close().then(() => (closed = true));
    await expect(c.submit(msg())).rejects.toMatchObject({ code: 'SMSVAS_ERR_CLOSED' });
    clock.advance(1_999);
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(false);
    clock.advance(1);
    await vi.waitFor(() => expect(s.counter('in:unbind')).toBe(1));
    await closing;
    await expect(pending).resolves.toEqual({ kind: 'timeout' });
  });

  it('closes gracefully with unbind and refuses submits afterwards', async () => {
    const s = await sim();
    const c = client({ target: s.target() });
    await c.connect();
    await c.submit(msg());
    await c.close();
    expect(s.counter('in:unbind')).toBe(1);
    await expect(c.submit(msg())).rejects.toMatchObject({ code: 'SMSVAS_ERR_CLOSED' });
    expect(c.stats().bindsUp).toBe(0);
  });
});

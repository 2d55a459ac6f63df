import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBehaviour } from '../../../../gateways/kit/behaviour-schema.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { KNOWN_SUBSCRIBERS } from '../../../../gateways/network/known-subscribers.ts';
import { loadNetwork } from '../../../../gateways/network/load-network.ts';
import type { XroshotClientOptions } from '../../../../gateways/xroshot/client/client-options.ts';
import { createXroshotClient, type SubmitOutcome, type XroshotClient, type XroshotMessage } from '../../../../gateways/xroshot/client/xroshot-client.ts';
import type { XroshotReport } from '../../../../gateways/xroshot/client/xroshot-report.ts';
import { loadXroshotConfig } from '../../../../gateways/xroshot/simulator/xroshot-config.ts';
import { createXroshotSimulator, type XroshotSimulator } from '../../../../gateways/xroshot/simulator/xroshot-simulator.ts';

const network = loadNetwork();
let sims: XroshotSimulator[] = [];
let clients: XroshotClient[] = [];

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await Promise.all(sims.map((s) => s.close()));
  clients = [];
  sims = [];
});

/** Our simulator: prompt delivered reports, and a switched-off handset expires after one second. */
async function startSim(preset?: string): Promise<{ sim: XroshotSimulator; port: number; cert: string }> {
  const config = loadXroshotConfig(undefined, preset);
  if (!preset) config.behaviour = parseBehaviour({ version: 1, latency: 1, reports: { outcomes: { delivered: 1 }, delay: 20, defaultValidity: '1s' } }, 'test');
  const sim = createXroshotSimulator({ config, seed: 'client-sim-test', network });
  sims.push(sim);
  const { port } = await sim.listen(0, '127.0.0.1');
  return { sim, port, cert: config.accounts[0].cert };
}

function client(port: number, cert: string, opts: Partial<XroshotClientOptions> = {}): XroshotClient {
  const c = createXroshotClient({ target: `tcp://msgsim:secret@127.0.0.1:${port}`, certificate: cert, rng: createRng('client-sim-test'), ...opts });
  clients.push(c);
  return c;
}

/** An off-net (not KT) subscriber whose handset is switched off, found in the seeded network. */
function offNetPoweredOff(): string {
  for (let i = 0; i < 100_000; i++) {
    const msisdn = `0105${String(i).padStart(7, '0')}`;
    const s = network.lookup(msisdn);
    if (s && s.carrier !== 'KT' && s.reachability === 'off') return msisdn;
  }
  throw new Error('the default network has no switched-off off-net subscriber in the scanned block');
}

const jpeg = { fileName: 'photo.jpg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]) };

describe('Xroshot client round trips through the simulator', () => {
  it('delivers SMS, LMS and MMS to SKT and LGU+ subscribers and reports each with its carrier and reference', { timeout: 20_000 }, async () => {
    const { port, cert } = await startSim();
    const reports: XroshotReport[] = [];
    const c = client(port, cert, { onReport: (r) => reports.push(r) });
    await c.connect();
    const messages: XroshotMessage[] = [];
    for (const [carrier, destination] of [['SKT', KNOWN_SUBSCRIBERS.sktAndroid], ['LGU+', KNOWN_SUBSCRIBERS.lguIos]] as const) {
      messages.push({ kind: 'sms', source: '15880000', destination, text: `${carrier} 문자`, reference: `${carrier}-sms` });
      messages.push({ kind: 'lms', source: '15880000', destination, subject: '안내', text: '장문 메시지 '.repeat(20), reference: `${carrier}-lms` });
      messages.push({ kind: 'mms', source: '15880000', destination, subject: '사진', text: '사진을 보냅니다', attachments: [jpeg], reference: `${carrier}-mms` });
    }
    const outcomes = await Promise.all(messages.map((m) => c.submit(m)));
    expect(outcomes.map((o) => o.kind)).toEqual(Array(6).fill('accepted'));
    await vi.waitFor(() => expect(reports).toHaveLength(6), { timeout: 10_000 });
    for (const [i, m] of messages.entries()) {
      const id = (outcomes[i] as Extract<SubmitOutcome, { kind: 'accepted' }>).messageIds[0];
      const r = reports.find((x) => x.messageId === id);
      expect(r, m.reference).toMatchObject({ outcome: 'delivered', code: 0, final: true, reference: m.reference, carrier: m.reference?.split('-')[0] });
    }
  });

  it('reports a switched-off off-net handset as expired with Result 204', { timeout: 20_000 }, async () => {
    const { port, cert } = await startSim();
    const reports: XroshotReport[] = [];
    const c = client(port, cert, { onReport: (r) => reports.push(r) });
    await c.connect();
    const out = await c.submit({ kind: 'sms', source: '15880000', destination: offNetPoweredOff(), text: 'are you there', reference: 'off' });
    expect(out.kind).toBe('accepted');
    await vi.waitFor(() => expect(reports).toHaveLength(1), { timeout: 10_000 });
    expect(reports[0]).toMatchObject({ outcome: 'expired', code: 204, codeName: 'POWER_OFF', reference: 'off' });
  });

  it('answers an unregistered callback number with a permanent Result 115 refusal', async () => {
    const { port, cert } = await startSim();
    const c = client(port, cert);
    await c.connect();
    const out = await c.submit({ kind: 'sms', source: '0299990000', destination: KNOWN_SUBSCRIBERS.sktAndroid, text: 'spoofed' });
    expect(out).toEqual({ kind: 'rejected', reason: 'unregistered-sender', transient: false, code: 115, codeName: 'UNREGISTERED_CALLBACK' });
  });

  it('sees Result 33 (throttled, transient) for an unpaced burst, and none when paced at the announced per-session rate', { timeout: 20_000 }, async () => {
    const { port, cert } = await startSim('tight-throttle');
    const burst = (c: XroshotClient) =>
      Promise.all(Array.from({ length: 25 }, (_, i) => c.submit({ kind: 'sms', source: '15880000', destination: KNOWN_SUBSCRIBERS.lguIos, text: `b${i}` })));
    const unpaced = client(port, cert, { tpsPerSession: null });
    await unpaced.connect();
    const fast = await burst(unpaced);
    const throttled = fast.filter((o) => o.kind === 'rejected');
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]).toEqual({ kind: 'rejected', reason: 'throttled', transient: true, code: 33, codeName: 'QUOTA_EXCEEDED' });
    await unpaced.close();
    // The default takes the SendLimitPerSecond of res_regist (10/s in this preset).
    const paced = client(port, cert, { tpsBurst: 1 });
    await paced.connect();
    const slow = await burst(paced);
    expect(slow.map((o) => o.kind)).toEqual(Array(25).fill('accepted'));
  });

  it('registers several sessions and spreads the load over them', { timeout: 20_000 }, async () => {
    const { sim, port, cert } = await startSim();
    const c = client(port, cert, { sessions: 3, tpsPerSession: null });
    await c.connect();
    await vi.waitFor(() => expect(c.stats().sessionsUp).toBe(3));
    expect(sim.sessions().filter((s) => s.state === 'registered')).toHaveLength(3);
    const outs = await Promise.all(Array.from({ length: 60 }, (_, i) => c.submit({ kind: 'sms', source: '15880000', destination: KNOWN_SUBSCRIBERS.sktAndroid, text: `s${i}` })));
    expect(new Set(outs.map((o) => (o.kind === 'accepted' ? o.sessionId : o.kind))).size).toBe(3);
  });
});

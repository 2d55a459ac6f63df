import { afterEach, describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import type { MasMessage, ReqSendMessage2 } from '../../../../gateways/xroshot/codec/mas-message.ts';
import { createXroshotClient, type XroshotClient } from '../../../../gateways/xroshot/client/xroshot-client.ts';
import type { XroshotClientOptions } from '../../../../gateways/xroshot/client/client-options.ts';
import type { XroshotReport } from '../../../../gateways/xroshot/client/xroshot-report.ts';
import { PASSWORD, SP_ID, startScriptedServer, TEST_CERT, type ScriptedServer } from './scripted-mas-server.ts';

let servers: ScriptedServer[] = [];
let clients: XroshotClient[] = [];

async function server(...args: Parameters<typeof startScriptedServer>): Promise<ScriptedServer> {
  const s = await startScriptedServer(...args);
  servers.push(s);
  return s;
}

function client(s: ScriptedServer, opts: Partial<XroshotClientOptions> = {}): XroshotClient {
  const c = createXroshotClient({
    target: `tcp://${SP_ID}:${PASSWORD}@127.0.0.1:${s.port}`,
    certificate: TEST_CERT,
    rng: createRng('xroshot-client-test'),
    tpsPerSession: null,
    ...opts,
  });
  clients.push(c);
  return c;
}

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await Promise.all(servers.map((s) => s.close()));
  clients = [];
  servers = [];
});

const sms = (text = '안녕하세요', destination = '01012340004') => ({ kind: 'sms' as const, source: '15880000', destination, text });
const sends = (s: ScriptedServer) => s.received().filter((m): m is ReqSendMessage2 => m.method === 'req_send_message_2');

describe('Xroshot client against a scripted MAS server', () => {
  it('registers with a sealed AuthTicket and sends numbers and EUC-KR content under its one-time key', async () => {
    const s = await server();
    const c = client(s);
    await c.connect();
    const out = await c.submit({ ...sms(), reference: 'ref-1' });
    expect(out).toMatchObject({ kind: 'accepted', messageIds: [expect.stringMatching(/^J\d+$/)], groupId: 'G1' });
    const [auth, regist, send] = s.connections[0].received;
    expect(auth).toEqual({ method: 'req_auth', serviceProviderId: SP_ID });
    expect(regist).toMatchObject({ method: 'req_regist', serviceProviderId: SP_ID, endUserId: SP_ID, version: '1.0.15' });
    const req = send as ReqSendMessage2;
    expect(req).toMatchObject({ messageType: 1, messageSubType: 1, subject: '' });
    // Ciphertext on the wire, the plain values after opening with the key named in the ticket.
    expect(req.callbackNumber).not.toContain('1588');
    expect(s.open(s.connections[0], req)).toEqual({ callback: '15880000', recipients: ['01012340004'], text: '안녕하세요' });
  });

  it('sends LMS as MessageType 4/1 and MMS as 4/3 with its attachment', async () => {
    const s = await server();
    const c = client(s);
    await c.connect();
    await c.submit({ kind: 'lms', source: '15880000', destination: '01012340005', subject: '제목', text: '긴 문자'.repeat(30) });
    await c.submit({ kind: 'mms', source: '15880000', destination: '01012340005', subject: 'pic', text: 'see', attachments: [{ fileName: 'a.jpg', data: Buffer.from([0xff, 0xd8, 0xff]) }] });
    const [lms, mms] = sends(s);
    expect(lms).toMatchObject({ messageType: 4, messageSubType: 1, subject: '제목', attachments: [] });
    expect(mms).toMatchObject({ messageType: 4, messageSubType: 3, attachments: [{ attachId: 1, fileName: 'a.jpg', data: '/9j/' }] });
  });

  it('emits each req_report as a canonical report with the caller reference and acknowledges it by JobID', async () => {
    const s = await server();
    const reports: XroshotReport[] = [];
    const c = client(s, { onReport: (r) => reports.push(r) });
    await c.connect();
    const out = await c.submit({ ...sms(), reference: 'ref-7' });
    const jobId = out.kind === 'accepted' ? out.messageIds[0] : '';
    const conn = s.connections[0];
    conn.send({ method: 'req_report', result: 204, time: '20261121093000', customMessageId: 'x', jobId, groupId: 'G1', telcoInfo: 1, sequenceNumber: 1 });
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toEqual({
      messageId: jobId, outcome: 'expired', final: true, code: 204, codeName: 'POWER_OFF', at: Date.UTC(2026, 10, 21, 0, 30), carrier: 'SKT',
      customMessageId: 'x', groupId: 'G1', reference: 'ref-7',
    });
    await vi.waitFor(() => expect(conn.received.at(-1)).toEqual({ method: 'res_report', result: 0, jobId }));
    expect(c.stats().reports).toBe(1);
  });

  it('answers Results as rejection values: throttling is transient, an unregistered callback is not', async () => {
    const results = [33, 115];
    const s = await server((m) => {
      if (m.method !== 'req_send_message_2') return 'default';
      const result = results.shift() ?? 0;
      return [{ method: 'res_send_message_all', result, time: '', customMessageId: m.customMessageId, count: 0, groupId: '', jobIds: [] }];
    });
    const c = client(s);
    await c.connect();
    expect(await c.submit(sms())).toEqual({ kind: 'rejected', reason: 'throttled', transient: true, code: 33, codeName: 'QUOTA_EXCEEDED' });
    expect(await c.submit(sms())).toEqual({ kind: 'rejected', reason: 'unregistered-sender', transient: false, code: 115, codeName: 'UNREGISTERED_CALLBACK' });
    expect(c.stats()).toMatchObject({ rejected: 2, accepted: 0, submitted: 2 });
  });

  it('takes the Result of a refused recipient when the overall Result is 0 but no JobID came back', async () => {
    const s = await server((m) => {
      if (m.method !== 'req_send_message_2') return 'default';
      return [
        { method: 'res_send_message', result: 209, time: '', customMessageId: m.customMessageId, sequenceNumber: 1, jobId: '', groupId: '' },
        { method: 'res_send_message_all', result: 0, time: '', customMessageId: m.customMessageId, count: 0, groupId: '', jobIds: [] },
      ];
    });
    const c = client(s);
    await c.connect();
    expect(await c.submit(sms('x', '01012340001'))).toMatchObject({ kind: 'rejected', code: 209, reason: 'invalid-destination', transient: false });
  });

  it('keeps at most `window` messages unanswered per session and times out the silent ones, freeing their slots', async () => {
    const held: MasMessage[] = [];
    const s = await server((m) => (m.method === 'req_send_message_2' ? (held.push(m), []) : 'default'));
    const clock = createManualClock(Date.now());
    const c = client(s, { window: 3, responseTimeoutMs: 5_000, pingIntervalMs: 0, clock });
    await c.connect();
    const outs = Array.from({ length: 5 }, (_, i) => c.submit(sms(`m${i}`)));
    await vi.waitFor(() => expect(held).toHaveLength(3));
    expect(c.stats()).toMatchObject({ inFlight: 3, queued: 2 });
    clock.advance(4_999);
    expect(c.stats().inFlight).toBe(3);
    clock.advance(1);
    await expect(outs[0]).resolves.toEqual({ kind: 'timeout' });
    await vi.waitFor(() => expect(held).toHaveLength(5));
    clock.advance(5_000);
    expect(await Promise.all(outs)).toEqual(Array(5).fill({ kind: 'timeout' }));
    expect(c.stats()).toMatchObject({ timeouts: 5, inFlight: 0 });
  });

  it('matches responses by CustomMessageID whatever order they come back in', async () => {
    const held: ReqSendMessage2[] = [];
    const s = await server((m, conn) => {
      if (m.method !== 'req_send_message_2') return 'default';
      held.push(m);
      if (held.length === 3) {
        for (const [i, r] of [...held].reverse().entries()) {
          conn.send({ method: 'res_send_message_all', result: 0, time: '', customMessageId: r.customMessageId, count: 1, groupId: '', jobIds: [{ seqNo: 1, jobId: `R${i}` }] });
        }
      }
      return [];
    });
    const c = client(s);
    await c.connect();
    const outs = await Promise.all([c.submit(sms('a')), c.submit(sms('b')), c.submit(sms('c'))]);
    expect(outs.map((o) => (o.kind === 'accepted' ? o.messageIds[0] : o.kind))).toEqual(['R2', 'R1', 'R0']);
    expect(new Set(held.map((h) => h.customMessageId)).size).toBe(3);
  });

  it('refuses connect() at once when the server refuses the credentials', async () => {
    const s = await server();
    const c = client(s, { target: `tcp://${SP_ID}:wrong@127.0.0.1:${s.port}`, sessions: 2 });
    await expect(c.connect()).rejects.toMatchObject({ code: 'XROSHOT_ERR_REGIST_FAILED', message: expect.stringContaining('res_regist Result 7') });
    await expect(c.submit(sms())).rejects.toMatchObject({ code: 'XROSHOT_ERR_CLOSED' });
  });

  it('pings when idle, drops a session whose server stops answering, and re-registers after a backoff', async () => {
    let mute = false;
    const s = await server((m) => (mute && m.method === 'req_ping' ? [] : 'default'));
    const clock = createManualClock(Date.now());
    const downs: string[] = [];
    const c = client(s, { pingIntervalMs: 30_000, deadPeerMs: 10_000, clock, reconnect: { initialMs: 1_000, jitter: 0 } });
    c.on('down', (e) => downs.push(e.why));
    await c.connect();
    clock.advance(30_000);
    await vi.waitFor(() => expect(s.received().filter((m) => m.method === 'req_ping')).toHaveLength(1));
    await vi.waitFor(() => expect(s.connections[0].received.length).toBe(3));
    mute = true;
    clock.advance(30_000);
    await vi.waitFor(() => expect(s.received().filter((m) => m.method === 'req_ping')).toHaveLength(2));
    clock.advance(10_000);
    expect(downs).toEqual(['no res_ping within 10000 ms']);
    expect(c.stats().sessionsUp).toBe(0);
    // Submits made while down wait and go out on the next session.
    const pendingOut = c.submit(sms('while down'));
    clock.advance(1_000);
    await expect(pendingOut).resolves.toMatchObject({ kind: 'accepted' });
    expect(s.connections).toHaveLength(2);
    expect(c.stats()).toMatchObject({ reconnects: 1, sessionsUp: 1 });
  });

  it('re-registers after the server drops the connection; what was in flight resolves as a timeout', async () => {
    const s = await server((m) => (m.method === 'req_send_message_2' && s.connections.length === 1 ? [] : 'default'));
    const c = client(s, { reconnect: { initialMs: 10, jitter: 0 } });
    await c.connect();
    const lost = c.submit(sms('lost'));
    await vi.waitFor(() => expect(sends(s)).toHaveLength(1));
    s.dropAll();
    await expect(lost).resolves.toEqual({ kind: 'timeout' });
    await vi.waitFor(() => expect(c.stats().sessionsUp).toBe(1));
    await expect(c.submit(sms('after'))).resolves.toMatchObject({ kind: 'accepted' });
  });

  it('spreads messages over several registered sessions', async () => {
    const s = await server();
    const c = client(s, { sessions: 3 });
    await c.connect();
    await vi.waitFor(() => expect(c.stats().sessionsUp).toBe(3));
    await Promise.all(Array.from({ length: 30 }, (_, i) => c.submit(sms(`s${i}`))));
    const perConnection = s.connections.map((conn) => conn.received.filter((m) => m.method === 'req_send_message_2').length);
    expect(perConnection).toEqual([10, 10, 10]);
  });

  it('paces each session at the SendLimitPerSecond the server announced', async () => {
    const s = await server((m) =>
      m.method === 'req_regist'
        ? [{ method: 'res_regist', result: 0, sessionId: 'S', sendLimitPerSecond: [{ msgType: 1, value: 10 }, { msgType: 4, value: 20 }], productStatus: [], sendLimitPerMonth: [] }]
        : 'default',
    );
    const clock = createManualClock(Date.now());
    const c = client(s, { tpsPerSession: undefined, tpsBurst: 1, clock, pingIntervalMs: 0 });
    await c.connect();
    for (let i = 0; i < 20; i++) void c.submit(sms(`p${i}`)).catch(() => undefined);
    await vi.waitFor(() => expect(c.stats().submitted).toBe(1));
    clock.advance(500);
    expect(c.stats().submitted).toBe(6);
  });

  it('counts a frame it cannot read and still acknowledges a report it cannot read', async () => {
    const s = await server();
    const c = client(s);
    await c.connect();
    const conn = s.connections[0];
    conn.sendRaw(Buffer.from('<MAS method="req_report"><Result>x</Result></MAS>\0<not xml\0'));
    await vi.waitFor(() => expect(c.stats().unreadable).toBe(2));
    await vi.waitFor(() => expect(conn.received.at(-1)).toEqual({ method: 'res_report', result: 0, jobId: '' }));
    await expect(c.submit(sms())).resolves.toMatchObject({ kind: 'accepted' });
  });

  it('unregisters on close() and refuses submits afterwards', async () => {
    const s = await server();
    const c = client(s);
    await c.connect();
    await c.close();
    expect(s.connections[0].received.at(-1)).toEqual({ method: 'req_unregist', reason: 0 });
    await expect(c.submit(sms())).rejects.toMatchObject({ code: 'XROSHOT_ERR_CLOSED' });
  });

  it('refuses a message it cannot send as a programming error, not a carrier value', async () => {
    const s = await server();
    const c = client(s);
    await c.connect();
    await expect(c.submit({ kind: 'mms', source: '15880000', destination: '01012340004', text: 'no file' })).rejects.toMatchObject({ code: 'XROSHOT_ERR_BAD_MESSAGE' });
    await expect(c.submit({ ...sms(), destination: '' })).rejects.toMatchObject({ code: 'XROSHOT_ERR_BAD_MESSAGE' });
  });
});

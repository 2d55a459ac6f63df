import { afterEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { createManualClock, type ManualClock } from '../../../../gateways/kit/clock.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { COMMAND_STATUS as S } from '../../../../gateways/smsvas/codec/command-status.ts';
import { parseReceiptText } from '../../../../gateways/smsvas/codec/delivery-receipt.ts';
import { buildConcatUdh } from '../../../../gateways/smsvas/codec/udh.ts';
import { parseSmscConfig } from '../../../../gateways/smsvas/simulator/smsc-config.ts';
import { createSmscSimulator, type SmscSimulator } from '../../../../gateways/smsvas/simulator/smsc-simulator.ts';
import { connectRawEsme, type RawEsme } from './raw-esme.ts';

const BASE = {
  accounts: [
    { systemId: 'esme', password: 'pw', maxBinds: 2, senders: ['15880000'] },
    { systemId: 'other', password: 'pw2', senders: ['15770000'] },
  ],
  behaviour: { version: 1, latency: 0, reports: { outcomes: { delivered: 1 }, delay: 1000, defaultValidity: '1h' } },
  delivery: { window: 2, responseTimeout: '5s', retryDelay: '1s', maxAttempts: 3 },
};

let sim: SmscSimulator;
let clock: ManualClock;
const esmes: RawEsme[] = [];

async function start(overrides: Record<string, unknown> = {}): Promise<number> {
  clock = createManualClock(Date.UTC(2026, 10, 20, 3, 0, 0));
  sim = createSmscSimulator({ config: parseSmscConfig({ ...BASE, ...overrides }), clock, seed: 1 });
  return (await sim.listen(0)).port;
}

async function bound(port: number, command = 'bind_transceiver', systemId = 'esme', password = 'pw'): Promise<RawEsme> {
  const e = await connectRawEsme(port);
  esmes.push(e);
  const resp = await e.request({ command: command as 'bind_transceiver', system_id: systemId, password, interface_version: 0x34 });
  expect(resp.command_status).toBe(S.ESME_ROK);
  return e;
}

function submit(e: RawEsme, fields: Record<string, unknown> = {}) {
  return e.request({
    command: 'submit_sm',
    source_addr_ton: 0,
    source_addr_npi: 1,
    source_addr: '15880000',
    dest_addr_ton: 0,
    dest_addr_npi: 1,
    destination_addr: K.ktAndroidRcs,
    registered_delivery: 1,
    data_coding: 0x08,
    short_message: iconv.encode('안녕하세요 msgsim', 'utf16-be'),
    ...fields,
  });
}

const tick = () => new Promise((r) => setImmediate(r));
/** Lets loopback I/O in flight land before the manual clock moves on. */
const settle = () => new Promise((r) => setTimeout(r, 20));
async function advance(ms: number) {
  clock.advance(ms);
  await tick();
  await tick();
}

afterEach(async () => {
  for (const e of esmes.splice(0)) e.close();
  await sim?.close();
});

describe('SMSVAS simulator binds', () => {
  it('binds a 3.4 transceiver and answers sc_interface_version 0x34', async () => {
    const port = await start();
    const e = await connectRawEsme(port);
    esmes.push(e);
    const resp = await e.request({ command: 'bind_transceiver', system_id: 'esme', password: 'pw', interface_version: 0x34 });
    expect(resp.command).toBe('bind_transceiver_resp');
    expect(resp.command_status).toBe(S.ESME_ROK);
    expect(resp.system_id).toBe('MSGSIM');
    expect(resp.sc_interface_version).toBe(0x34);
  });

  it('refuses wrong passwords, unknown system ids, a second bind and binds over the account limit', async () => {
    const port = await start();
    const e = await connectRawEsme(port);
    esmes.push(e);
    expect((await e.request({ command: 'bind_transmitter', system_id: 'esme', password: 'nope', interface_version: 0x34 })).command_status).toBe(S.ESME_RINVPASWD);
    expect((await e.request({ command: 'bind_transmitter', system_id: 'who', password: 'pw', interface_version: 0x34 })).command_status).toBe(S.ESME_RINVSYSID);
    expect((await e.request({ command: 'bind_transmitter', system_id: 'esme', password: 'pw', interface_version: 0x34 })).command_status).toBe(S.ESME_ROK);
    expect((await e.request({ command: 'bind_receiver', system_id: 'esme', password: 'pw', interface_version: 0x34 })).command_status).toBe(S.ESME_RALYBND);
    await bound(port);
    const third = await connectRawEsme(port);
    esmes.push(third);
    expect((await third.request({ command: 'bind_transmitter', system_id: 'esme', password: 'pw', interface_version: 0x34 })).command_status).toBe(S.ESME_RBINDFAIL);
  });

  it('gives the bind back once when a session unbinds and then closes', async () => {
    const port = await start();
    const e = await bound(port);
    expect((await e.request({ command: 'unbind' })).command).toBe('unbind_resp');
    await e.closed;
    await settle();
    expect(sim.context.accounts.get('esme')!.binds).toBe(0);
  });

  it('answers ESME_RINVBNDSTS to submits before bind and on a receiver bind', async () => {
    const port = await start();
    const e = await connectRawEsme(port);
    esmes.push(e);
    expect((await submit(e)).command_status).toBe(S.ESME_RINVBNDSTS);
    const rx = await bound(port, 'bind_receiver');
    expect((await submit(rx)).command_status).toBe(S.ESME_RINVBNDSTS);
  });
});

describe('SMSVAS simulator submit_sm', () => {
  it('accepts a UCS-2 Korean SMS and sends an Appendix B receipt with the 3.4 TLVs', async () => {
    const port = await start();
    const e = await bound(port);
    const resp = await submit(e);
    expect(resp.command_status).toBe(S.ESME_ROK);
    const id = String(resp.message_id);
    expect(id).toMatch(/^\d{10}$/);
    await advance(1000);
    const receipt = await e.next('deliver_sm');
    expect(receipt.esm_class).toBe(0x04);
    expect(receipt.receipted_message_id).toBe(id);
    expect(receipt.message_state).toBe(2);
    expect(receipt.source_addr).toBe(K.ktAndroidRcs);
    expect(receipt.destination_addr).toBe('15880000');
    const parsed = parseReceiptText((receipt.short_message as Buffer).toString('latin1'));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.fields.id).toBe(id);
      expect(parsed.fields.stat).toBe('DELIVRD');
    }
    e.stream.send({ command: 'deliver_sm_resp', sequence_number: receipt.sequence_number, message_id: '' });
    await tick();
    expect(sim.context.stats.snapshot()['report:DELIVRD']).toBe(1);
  });

  it('counts the 90-byte SMS limit in EUC-KR', async () => {
    const port = await start();
    const e = await bound(port);
    const ok = '가'.repeat(45);
    const tooLong = '가'.repeat(45) + 'a';
    expect((await submit(e, { data_coding: 0x0e, short_message: iconv.encode(ok, 'euc-kr') })).command_status).toBe(S.ESME_ROK);
    expect((await submit(e, { data_coding: 0x0e, short_message: iconv.encode(tooLong, 'euc-kr') })).command_status).toBe(S.ESME_RINVMSGLEN);
  });

  it('refuses a callback number that is not pre-registered for the account', async () => {
    const port = await start();
    const e = await bound(port);
    expect((await submit(e, { source_addr: '15770000' })).command_status).toBe(S.ESME_RINVSRCADR);
  });

  it('refuses destinations that are not mobile numbers and bad TON values', async () => {
    const port = await start();
    const e = await bound(port);
    expect((await submit(e, { destination_addr: '0212345678' })).command_status).toBe(S.ESME_RINVDSTADR);
    expect((await submit(e, { dest_addr_ton: 5 })).command_status).toBe(S.ESME_RINVDSTTON);
    expect((await submit(e, { esm_class: 0x04 })).command_status).toBe(S.ESME_RINVESMCLASS);
    expect((await submit(e, { registered_delivery: 3 })).command_status).toBe(S.ESME_RINVREGDLVFLG);
    expect((await submit(e, { validity_period: 'garbage' })).command_status).toBe(S.ESME_RINVEXPIRY);
  });

  it('follows the network: switched-off subscribers expire after the validity period, invalid ones are undeliverable', async () => {
    const port = await start();
    const e = await bound(port);
    const off = await submit(e, { destination_addr: K.ktOff, validity_period: '000000001000000R' });
    const invalid = await submit(e, { destination_addr: K.invalid });
    await advance(1000);
    const r1 = await e.next('deliver_sm');
    expect(r1.receipted_message_id).toBe(invalid.message_id);
    expect(r1.message_state).toBe(5);
    e.stream.send({ command: 'deliver_sm_resp', sequence_number: r1.sequence_number, message_id: '' });
    await settle();
    await advance(10 * 60_000);
    const r2 = await e.next('deliver_sm');
    expect(r2.receipted_message_id).toBe(off.message_id);
    expect(r2.message_state).toBe(3);
  });

  it('sends receipts only for failures under registered_delivery 2, and an ENROUTE notice under 0x10', async () => {
    const port = await start();
    const e = await bound(port);
    await submit(e, { registered_delivery: 2 });
    const failed = await submit(e, { registered_delivery: 2, destination_addr: K.invalid });
    const noted = await submit(e, { registered_delivery: 0x11 });
    const notice = await e.next('deliver_sm');
    expect(notice.esm_class).toBe(0x20);
    expect(notice.receipted_message_id).toBe(noted.message_id);
    expect(notice.message_state).toBe(1);
    e.stream.send({ command: 'deliver_sm_resp', sequence_number: notice.sequence_number, message_id: '' });
    await advance(1000);
    const ids = [await e.next('deliver_sm'), await e.next('deliver_sm')].map((p) => p.receipted_message_id).sort();
    expect(ids).toEqual([failed.message_id, noted.message_id].sort());
  });

  it('never sends anything about a message before the submit_sm_resp that names it', async () => {
    const port = await start({ behaviour: { version: 1, latency: 50, reports: { outcomes: { delivered: 1 }, delay: 0 } } });
    const e = await bound(port);
    const order: string[] = [];
    e.stream.on('pdu', (p) => order.push(p.command === 'deliver_sm' ? `deliver_sm:${p.esm_class}` : p.command));
    const pending = submit(e, { registered_delivery: 0x11 });
    await settle();
    await advance(50);
    await pending;
    await settle();
    expect(order).toEqual(['submit_sm_resp', 'deliver_sm:32', 'deliver_sm:4']);
  });

  it('reassembles UDH-concatenated parts into one message of N segments', async () => {
    const port = await start();
    const e = await bound(port);
    const parts = ['첫번째 조각 ', '두번째 조각 ', '마지막'];
    const ids: string[] = [];
    for (const [i, p] of parts.entries()) {
      const sm = Buffer.concat([buildConcatUdh(7, 3, i + 1, 0), iconv.encode(p, 'utf16-be')]);
      const r = await submit(e, { esm_class: 0x40, short_message: sm });
      expect(r.command_status).toBe(S.ESME_ROK);
      ids.push(String(r.message_id));
    }
    const stats = sim.context.stats.snapshot();
    expect(stats.messages).toBe(1);
    expect(stats.segments).toBe(3);
    await advance(1000);
    const got = [];
    for (let i = 0; i < 3; i++) {
      const r = await e.next('deliver_sm');
      got.push(r.receipted_message_id);
      e.stream.send({ command: 'deliver_sm_resp', sequence_number: r.sequence_number, message_id: '' });
    }
    expect(got.sort()).toEqual(ids.sort());
  });

  it('accepts SAR-segmented parts and message_payload, and refuses a half SAR set', async () => {
    const port = await start();
    const e = await bound(port);
    const sar = (seq: number) => ({ sar_msg_ref_num: 9, sar_total_segments: 2, sar_segment_seqnum: seq });
    expect((await submit(e, { ...sar(2), short_message: iconv.encode('뒤', 'utf16-be') })).command_status).toBe(S.ESME_ROK);
    expect((await submit(e, { ...sar(1), short_message: iconv.encode('앞', 'utf16-be') })).command_status).toBe(S.ESME_ROK);
    expect(sim.context.stats.snapshot().messages).toBe(1);
    const long = '가'.repeat(100);
    const payload = await submit(e, { short_message: Buffer.alloc(0), message_payload: iconv.encode(long, 'utf16-be') });
    expect(payload.command_status).toBe(S.ESME_ROK);
    expect(sim.context.stats.snapshot().segments).toBe(2 + 3);
    expect((await submit(e, { sar_msg_ref_num: 1 })).command_status).toBe(S.ESME_RMISSINGOPTPARAM);
  });

  it('throttles an account over its TPS with ESME_RTHROTTLED', async () => {
    const port = await start({ behaviour: { version: 1, latency: 0, limits: { tps: { rate: 2, burst: 2 } } } });
    const e = await bound(port);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await submit(e)).command_status);
    expect(statuses).toEqual([0, 0, S.ESME_RTHROTTLED, S.ESME_RTHROTTLED]);
    await advance(1000);
    expect((await submit(e)).command_status).toBe(S.ESME_ROK);
  });
});

describe('SMSVAS simulator other operations', () => {
  it('answers submit_multi with an unsuccess list for bad numbers and distribution lists', async () => {
    const port = await start();
    const e = await bound(port);
    const resp = await submit(e, {
      command: 'submit_multi',
      dest_address: [
        { dest_addr_ton: 0, dest_addr_npi: 1, destination_addr: K.ktAndroidRcs },
        { dest_addr_ton: 0, dest_addr_npi: 1, destination_addr: '0212345678' },
        { dl_name: 'vip' },
        { dest_addr_ton: 0, dest_addr_npi: 1, destination_addr: K.sktAndroid },
      ],
    });
    expect(resp.command_status).toBe(S.ESME_ROK);
    const unsuccess = resp.unsuccess_sme as Array<{ destination_addr: string; error_status_code: number }>;
    expect(unsuccess.map((u) => [u.destination_addr, u.error_status_code])).toEqual([
      ['0212345678', S.ESME_RINVDSTADR],
      ['vip', S.ESME_RINVDLNAME],
    ]);
    await advance(1000);
    const a = await e.next('deliver_sm');
    const b = await e.next('deliver_sm');
    expect([a.receipted_message_id, b.receipted_message_id]).toEqual([resp.message_id, resp.message_id]);
  });

  it('queries, replaces and cancels a pending message; cancel of a final one fails', async () => {
    const port = await start();
    const e = await bound(port);
    const { message_id } = await submit(e);
    const q = await e.request({ command: 'query_sm', message_id, source_addr: '15880000' });
    expect(q.command_status).toBe(S.ESME_ROK);
    expect(q.message_state).toBe(1);
    expect((await e.request({ command: 'replace_sm', message_id, source_addr: '15880000', registered_delivery: 0, short_message: Buffer.from('new') })).command_status).toBe(S.ESME_ROK);
    expect((await e.request({ command: 'cancel_sm', message_id, source_addr: '15880000', destination_addr: K.ktAndroidRcs })).command_status).toBe(S.ESME_ROK);
    expect((await e.request({ command: 'query_sm', message_id, source_addr: '15880000' })).message_state).toBe(4);
    expect((await e.request({ command: 'cancel_sm', message_id, source_addr: '15880000' })).command_status).toBe(S.ESME_RCANCELFAIL);
    expect((await e.request({ command: 'query_sm', message_id: '42', source_addr: '15880000' })).command_status).toBe(S.ESME_RINVMSGID);
  });

  it('answers unknown command ids with generic_nack and keeps serving', async () => {
    const port = await start();
    const e = await bound(port);
    const raw = Buffer.alloc(16);
    raw.writeUInt32BE(16, 0);
    raw.writeUInt32BE(0x000000ff, 4);
    raw.writeUInt32BE(77, 12);
    e.stream.sendRaw(raw);
    const nack = await e.next('generic_nack');
    expect(nack.command_status).toBe(S.ESME_RINVCMDID);
    expect(nack.sequence_number).toBe(77);
    expect((await e.request({ command: 'enquire_link' })).command).toBe('enquire_link_resp');
  });

  it('answers a command_length under 16 with generic_nack ESME_RINVCMDLEN and closes', async () => {
    const port = await start();
    const e = await bound(port);
    const raw = Buffer.alloc(16);
    raw.writeUInt32BE(8, 0);
    e.stream.sendRaw(raw);
    const nack = await e.next('generic_nack');
    expect(nack.command_status).toBe(S.ESME_RINVCMDLEN);
    await e.closed;
  });

  it('redelivers a receipt the ESME never acknowledges, within the deliver window', async () => {
    const port = await start();
    const e = await bound(port);
    for (let i = 0; i < 3; i++) await submit(e);
    await advance(1000);
    const first = [await e.next('deliver_sm'), await e.next('deliver_sm')];
    await expect(e.next('deliver_sm', 100)).rejects.toThrow();
    // The timeouts free the window: the waiting third receipt goes first, then the two redeliveries.
    await advance(5000);
    const ids: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      await advance(1000);
      const p = await e.next('deliver_sm');
      ids.push(p.receipted_message_id);
      e.stream.send({ command: 'deliver_sm_resp', sequence_number: p.sequence_number, message_id: '' });
    }
    for (const f of first) expect(ids).toContain(f.receipted_message_id);
    expect(new Set(ids).size).toBe(3);
    expect(sim.context.stats.snapshot()['deliver_sm:timeout']).toBe(2);
  });

  it('delivers injected MO to the account owning the service number', async () => {
    const port = await start();
    const e = await bound(port);
    sim.injectMo({ source: K.ktAndroidRcs, destination: '15880000', text: '수신거부' });
    const mo = await e.next('deliver_sm');
    expect(mo.esm_class).toBe(0);
    expect(mo.source_addr).toBe(K.ktAndroidRcs);
    expect(mo.destination_addr).toBe('15880000');
    expect(iconv.decode(mo.short_message as Buffer, mo.data_coding === 0x08 ? 'utf16-be' : 'euc-kr')).toBe('수신거부');
    expect(() => sim.injectMo({ source: K.ktAndroidRcs, destination: '19999999', text: 'x' })).toThrow(/no account/);
  });

  it('drops sessions and refuses connections during a refuse outage; answers nothing in a blackhole', async () => {
    const port = await start();
    const e = await bound(port);
    sim.context.behaviour.setOutage({ mode: 'blackhole' });
    let answered = false;
    void submit(e).then(() => (answered = true));
    await tick();
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    sim.context.behaviour.setOutage({ mode: 'refuse' });
    void e.request({ command: 'enquire_link' });
    await e.closed;
  });
});

// Store-and-forward toward the ESME: a deliver_sm (receipt or MO) that a session never acknowledged
// before it died is kept and delivered on the account's next receiver or transceiver bind, as a real
// SMSC does when an ESME restarts.
import { afterEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { createManualClock, type ManualClock } from '../../../../gateways/kit/clock.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { COMMAND_STATUS as S } from '../../../../gateways/smsvas/codec/command-status.ts';
import { parseSmscConfig } from '../../../../gateways/smsvas/simulator/smsc-config.ts';
import { createSmscSimulator, type SmscSimulator } from '../../../../gateways/smsvas/simulator/smsc-simulator.ts';
import { connectRawEsme, type RawEsme } from './raw-esme.ts';

const BASE = {
  accounts: [{ systemId: 'esme', password: 'pw', maxBinds: 4, senders: ['15880000'] }],
  behaviour: { version: 1, latency: 0, reports: { outcomes: { delivered: 1 }, delay: 1000, defaultValidity: '1h' } },
  delivery: { window: 10, responseTimeout: '5s', retryDelay: '1s', maxAttempts: 3 },
};

let sim: SmscSimulator;
let clock: ManualClock;
const esmes: RawEsme[] = [];

async function start(): Promise<number> {
  clock = createManualClock(Date.UTC(2026, 10, 20, 3, 0, 0));
  sim = createSmscSimulator({ config: parseSmscConfig(BASE), clock, seed: 1 });
  return (await sim.listen(0)).port;
}

async function bound(port: number, command = 'bind_transceiver'): Promise<RawEsme> {
  const e = await connectRawEsme(port);
  esmes.push(e);
  const resp = await e.request({ command: command as 'bind_transceiver', system_id: 'esme', password: 'pw', interface_version: 0x34 });
  expect(resp.command_status).toBe(S.ESME_ROK);
  return e;
}

function submit(e: RawEsme, text: string) {
  return e.request({
    command: 'submit_sm',
    source_addr: '15880000',
    dest_addr_ton: 0,
    dest_addr_npi: 1,
    destination_addr: K.ktAndroidRcs,
    registered_delivery: 1,
    data_coding: 0x08,
    short_message: iconv.encode(text, 'utf16-be'),
  });
}

const settle = () => new Promise((r) => setTimeout(r, 30));
async function advance(ms: number) {
  clock.advance(ms);
  await settle();
}

afterEach(async () => {
  for (const e of esmes.splice(0)) e.close();
  await sim?.close();
});

describe('SMSVAS simulator store-and-forward across sessions', () => {
  it('delivers receipts a dead session never acknowledged on the next transceiver bind of the same system_id', async () => {
    const port = await start();
    const first = await bound(port);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(String((await submit(first, `m${i}`)).message_id));
    await advance(1000);
    const seen = [await first.next('deliver_sm'), await first.next('deliver_sm'), await first.next('deliver_sm')];
    expect(seen.map((p) => p.receipted_message_id).sort()).toEqual([...ids].sort());
    // Acknowledge one, then the ESME dies without answering the others.
    first.stream.send({ command: 'deliver_sm_resp', sequence_number: seen[0].sequence_number, message_id: '' });
    await settle();
    first.close();
    await first.closed;
    await settle();

    const second = await bound(port);
    const again = [await second.next('deliver_sm'), await second.next('deliver_sm')];
    expect(again.map((p) => p.receipted_message_id).sort()).toEqual([seen[1], seen[2]].map((p) => p.receipted_message_id).sort());
    for (const p of again) second.stream.send({ command: 'deliver_sm_resp', sequence_number: p.sequence_number, message_id: '' });
    await expect(second.next('deliver_sm', 200)).rejects.toThrow();
  });

  it('keeps receipts and MO that fall due while nothing is bound, past the response timeouts, for a receiver bind', async () => {
    const port = await start();
    const first = await bound(port);
    const id = String((await submit(first, 'later')).message_id);
    first.close();
    await first.closed;
    await settle();
    sim.injectMo({ source: K.ktAndroidRcs, destination: '15880000', text: '네' });
    // Longer than every response timeout and retry the queue allows: nothing was sent, nothing is spent.
    await advance(60_000);
    const rx = await bound(port, 'bind_receiver');
    const got = [await rx.next('deliver_sm'), await rx.next('deliver_sm')];
    expect(got.map((p) => p.receipted_message_id ?? 'mo')).toEqual(expect.arrayContaining([id, 'mo']));
  });

  it('does not hand a dead session\'s deliver_sm to a transmitter-only bind', async () => {
    const port = await start();
    const first = await bound(port);
    await submit(first, 'x');
    await advance(1000);
    await first.next('deliver_sm');
    first.close();
    await first.closed;
    await settle();
    const tx = await bound(port, 'bind_transmitter');
    await expect(tx.next('deliver_sm', 200)).rejects.toThrow();
    const rx = await bound(port, 'bind_receiver');
    expect((await rx.next('deliver_sm')).command).toBe('deliver_sm');
  });
});

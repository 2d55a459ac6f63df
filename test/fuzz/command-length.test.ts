// A command_length the SMSC cannot accept (below the 16-octet header, above its maximum PDU size)
// must be answered at once with generic_nack ESME_RINVCMDLEN and the connection closed: waiting for
// 2 GiB to arrive would let one peer hold the SMSC's memory. Other sessions carry on meanwhile.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_STATUS as S } from '../../gateways/smsvas/codec/command-status.ts';
import { createPduFramer } from '../../gateways/smsvas/codec/pdu-framer.ts';
import { decodePdu, encodePdu, type Pdu } from '../../gateways/smsvas/codec/pdu.ts';
import { createSmscSimulator, type SmscSimulator } from '../../gateways/smsvas/simulator/smsc-simulator.ts';
import { FUZZ_ACCOUNT, fuzzSmscConfig, REACHABLE } from './fuzz-smsc-config.ts';

interface RawConnection {
  socket: Socket;
  pdus: Pdu[];
  /** The SMSC's FIN: it has closed its side. */
  ended: Promise<void>;
  next(timeoutMs?: number): Promise<Pdu>;
}

// allowHalfOpen: the test keeps its side open, so the SMSC must close the connection by itself.
async function open(port: number): Promise<RawConnection> {
  const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const framer = createPduFramer();
  const pdus: Pdu[] = [];
  let wake: (() => void) | null = null;
  socket.on('data', (chunk: Buffer) => {
    for (const ev of framer.push(chunk)) if (ev.kind === 'frame') pdus.push(decodePdu(ev.frame));
    wake?.();
  });
  socket.on('error', () => {});
  const ended = new Promise<void>((resolve) => {
    socket.on('end', resolve);
    socket.on('close', resolve);
  });
  return {
    socket,
    pdus,
    ended,
    async next(timeoutMs = 2_000) {
      const end = performance.now() + timeoutMs;
      while (pdus.length === 0) {
        if (performance.now() > end) throw new Error(`no PDU within ${timeoutMs} ms`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 20);
        });
      }
      return pdus.shift()!;
    },
  };
}

function header(commandLength: number, commandId: number, seq: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32BE(commandLength >>> 0, 0);
  b.writeUInt32BE(commandId, 4);
  b.writeUInt32BE(seq, 12);
  return b;
}

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`${what} not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} not within ${ms} ms`)), ms))]);

describe('SMSVAS simulator and invalid command_length', () => {
  let sim: SmscSimulator;
  let port: number;
  let bystander: RawConnection;
  let seq = 100;

  async function bystanderWorks(): Promise<void> {
    const s = ++seq;
    bystander.socket.write(encodePdu({
      command: 'submit_sm', sequence_number: s, source_addr_ton: 0, source_addr_npi: 1, source_addr: FUZZ_ACCOUNT.sender,
      dest_addr_ton: 0, dest_addr_npi: 1, destination_addr: REACHABLE, data_coding: 0x08, short_message: Buffer.from('c548b155', 'hex'),
    }));
    const resp = await bystander.next();
    expect(resp).toMatchObject({ command: 'submit_sm_resp', sequence_number: s, command_status: S.ESME_ROK });
  }

  beforeAll(async () => {
    sim = createSmscSimulator({ config: fuzzSmscConfig(), seed: 7 });
    port = (await sim.listen(0)).port;
    bystander = await open(port);
    bystander.socket.write(encodePdu({ command: 'bind_transmitter', sequence_number: 1, system_id: FUZZ_ACCOUNT.systemId, password: FUZZ_ACCOUNT.password }));
    expect(await bystander.next()).toMatchObject({ command: 'bind_transmitter_resp', command_status: S.ESME_ROK });
  });
  afterAll(async () => {
    bystander?.socket.destroy();
    await sim?.close();
  });

  it.each([
    ['0x7fffffff', 0x7fffffff],
    ['70000 (over the 65536 maximum)', 70_000],
    ['65537', 65_537],
    ['0xffffffff', 0xffffffff],
    ['15 (shorter than the header)', 15],
    ['0', 0],
  ])('command_length %s: generic_nack ESME_RINVCMDLEN at once, then the SMSC closes', async (_name, len) => {
    const c = await open(port);
    // A body follows, but far less than a huge length claims: the nack must not wait for the rest.
    c.socket.write(Buffer.concat([header(len, 0x04, 4242), Buffer.alloc(200, 0x41)]));
    const nack = await c.next();
    expect(nack).toMatchObject({ command: 'generic_nack', command_status: S.ESME_RINVCMDLEN, sequence_number: 4242 });
    // More input after the bad length is ignored, never answered nor buffered into a frame.
    c.socket.write(Buffer.alloc(64 * 1024, 0x42));
    c.socket.write(encodePdu({ command: 'enquire_link', sequence_number: 4243 }));
    await within(c.ended, 2_000, 'FIN after the nack');
    // The test never closes its side; the SMSC still lets the session go.
    await until(() => sim.sessions().length === 1, 3_000, 'session dropped');
    expect(c.pdus).toEqual([]);
    c.socket.destroy();
    await bystanderWorks();
  });

  it('a bad length split over several writes is still caught at its fourth octet', async () => {
    const c = await open(port);
    c.socket.write(Buffer.from([0x7f, 0xff]));
    await new Promise((r) => setTimeout(r, 20));
    c.socket.write(Buffer.from([0xff, 0xff]));
    const nack = await c.next();
    // Only four octets arrived: there is no sequence_number to echo.
    expect(nack).toMatchObject({ command: 'generic_nack', command_status: S.ESME_RINVCMDLEN, sequence_number: 0 });
    await within(c.ended, 2_000, 'FIN after the nack');
    await until(() => sim.sessions().length === 1, 3_000, 'session dropped');
    c.socket.destroy();
    await bystanderWorks();
  });

  it('the largest valid length, 65536, is framed and nacked for its body without closing the session', async () => {
    const c = await open(port);
    // enquire_link has no body, so 65520 octets of it are a length error inside a well-framed PDU.
    c.socket.write(Buffer.concat([header(65_536, 0x15, 9), Buffer.alloc(65_520)]));
    expect(await c.next()).toMatchObject({ command: 'generic_nack', command_status: S.ESME_RINVCMDLEN, sequence_number: 9 });
    c.socket.write(header(16, 0x15, 10));
    expect(await c.next()).toMatchObject({ command: 'enquire_link_resp', command_status: S.ESME_ROK, sequence_number: 10 });
    c.socket.destroy();
    await until(() => sim.sessions().length === 1, 3_000, 'session dropped');
    await bystanderWorks();
  });
});

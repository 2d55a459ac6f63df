import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_STATUS as S } from '../../../../gateways/smsvas/codec/command-status.ts';
import type { SmppDecodeError } from '../../../../gateways/smsvas/codec/codec-errors.ts';
import { createPduStream, type PduStream } from '../../../../gateways/smsvas/codec/pdu-stream.ts';
import type { Pdu } from '../../../../gateways/smsvas/codec/pdu.ts';
import { GOLDEN, hex } from './golden-fixtures.ts';

const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

/** A loopback pair: `client` is a PduStream, `raw` is the peer socket for writing arbitrary octets. */
async function pair(): Promise<{ client: PduStream; raw: net.Socket }> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const accepted = once(server, 'connection');
  const socket = net.connect(port, '127.0.0.1');
  const [raw] = (await accepted) as [net.Socket];
  cleanup.push(() => {
    socket.destroy();
    raw.destroy();
    server.close();
  });
  return { client: createPduStream(socket), raw };
}

function collect<T>(s: PduStream, event: 'pdu' | 'decode-error', n: number): Promise<T[]> {
  const got: T[] = [];
  return new Promise((resolve) => {
    s.on(event, (x: unknown) => {
      got.push(x as T);
      if (got.length === n) resolve(got);
    });
  });
}

describe('createPduStream', () => {
  it('emits decoded PDUs from byte-split input, in order', async () => {
    const { client, raw } = await pair();
    const all = Buffer.concat(GOLDEN.map((f) => f.wire));
    const done = collect<Pdu>(client, 'pdu', GOLDEN.length);
    for (let i = 0; i < all.length; i += 7) raw.write(all.subarray(i, i + 7));
    expect((await done).map((p) => p.command)).toEqual(GOLDEN.map((f) => f.record.command));
  });

  it('reports an undecodable frame and carries on with the next', async () => {
    const { client, raw } = await pair();
    const errors = collect<SmppDecodeError>(client, 'decode-error', 1);
    const pdus = collect<Pdu>(client, 'pdu', 1);
    raw.write(Buffer.concat([hex('00000010 00000042 00000000 00000005'), hex('00000010 00000015 00000000 00000006')]));
    const [err] = await errors;
    expect([err.status, err.sequence_number]).toEqual([S.ESME_RINVCMDID, 5]);
    expect((await pdus)[0]).toMatchObject({ command: 'enquire_link', sequence_number: 6 });
  });

  it('reports an invalid command_length and stops reading', async () => {
    const { client, raw } = await pair();
    const seen: Pdu[] = [];
    client.on('pdu', (p) => seen.push(p));
    const invalid = once(client, 'invalid-length');
    raw.write(Buffer.concat([hex('00000004 00000015 00000000 00000001'), GOLDEN[5].wire]));
    const [len] = await invalid;
    expect(len).toBe(4);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([]);
  });

  it('send encodes onto the socket', async () => {
    const { client, raw } = await pair();
    const data = once(raw, 'data');
    expect(client.send({ command: 'enquire_link', sequence_number: 7 })).toBe(true);
    const [chunk] = (await data) as [Buffer];
    expect(chunk.toString('hex')).toBe(GOLDEN[5].wire.toString('hex'));
  });

  it('emits close when the peer goes away', async () => {
    const { client, raw } = await pair();
    const closed = once(client, 'close');
    raw.destroy();
    await closed;
    expect(client.closed).toBe(true);
  });
});

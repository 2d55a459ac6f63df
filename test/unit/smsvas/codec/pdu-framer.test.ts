import { describe, expect, it } from 'vitest';
import { createPduFramer, type FramerEvent } from '../../../../gateways/smsvas/codec/pdu-framer.ts';
import { GOLDEN, hex } from './golden-fixtures.ts';

const stream = Buffer.concat(GOLDEN.map((f) => f.wire));
const expected = GOLDEN.map((f) => f.wire.toString('hex'));

function frames(events: FramerEvent[]): string[] {
  return events.map((e) => (e.kind === 'frame' ? e.frame.toString('hex') : `invalid:${e.commandLength}`));
}

describe('createPduFramer', () => {
  it('splits one buffer holding many PDUs', () => {
    expect(frames(createPduFramer().push(stream))).toEqual(expected);
  });

  it('yields the same frames when the stream is split at every byte offset', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const framer = createPduFramer();
      const got = [...framer.push(stream.subarray(0, cut)), ...framer.push(stream.subarray(cut))];
      expect(frames(got), `cut at ${cut}`).toEqual(expected);
      expect(framer.buffered()).toBe(0);
    }
  });

  it('yields the same frames when fed one byte at a time', () => {
    const framer = createPduFramer();
    const got: FramerEvent[] = [];
    for (let i = 0; i < stream.length; i++) got.push(...framer.push(stream.subarray(i, i + 1)));
    expect(frames(got)).toEqual(expected);
  });

  it('frames do not change when the caller reuses its chunk buffer', () => {
    const framer = createPduFramer();
    const chunk = Buffer.from(stream.subarray(0, 20));
    framer.push(chunk);
    chunk.fill(0xff);
    const got = framer.push(stream.subarray(20));
    expect(frames(got)).toEqual(expected);
  });

  it('reports command_length below 16 with the header octets it has, then ignores input', () => {
    const framer = createPduFramer();
    const got = framer.push(hex('0000000c 00000015 00000000 00000001'));
    expect(got).toEqual([{ kind: 'invalid-length', commandLength: 12, header: hex('0000000c 00000015 00000000 00000001') }]);
    expect(framer.broken).toBe(true);
    expect(framer.push(GOLDEN[0].wire)).toEqual([]);
  });

  it('reports command_length over maxLength as soon as the length is known', () => {
    const framer = createPduFramer({ maxLength: 1024 });
    const got = framer.push(hex('00000401 0000'));
    expect(got).toEqual([{ kind: 'invalid-length', commandLength: 1025, header: hex('00000401 0000') }]);
  });

  it('delivers good frames that precede a bad length', () => {
    const got = createPduFramer().push(Buffer.concat([GOLDEN[5].wire, hex('00000000')]));
    expect(frames(got)).toEqual([GOLDEN[5].wire.toString('hex'), 'invalid:0']);
  });

  it('accepts a PDU of exactly maxLength', () => {
    const pdu = Buffer.alloc(64);
    pdu.writeUInt32BE(64, 0);
    expect(createPduFramer({ maxLength: 64 }).push(pdu)[0].kind).toBe('frame');
  });
});

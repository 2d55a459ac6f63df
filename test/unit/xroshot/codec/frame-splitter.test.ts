import { describe, expect, it } from 'vitest';
import { createFrameSplitter, encodeFrame } from '../../../../gateways/xroshot/codec/frame-splitter.ts';
import { encodeMas } from '../../../../gateways/xroshot/codec/mas-encoder.ts';

const PING = '<?xml version="1.0" encoding="UTF-8"?><MAS method="req_ping"><Result>0</Result></MAS>';

const frames = (events: ReturnType<ReturnType<typeof createFrameSplitter>['push']>) =>
  events.map((e) => (e.kind === 'frame' ? e.frame.toString('utf8') : `too-large:${e.buffered}`));

describe('MAS framing', () => {
  it('writes a ping as the golden octets: UTF-8 XML then one NUL', () => {
    const golden = Buffer.concat([Buffer.from(PING, 'utf8'), Buffer.from([0])]);
    expect(encodeMas({ method: 'req_ping' })).toEqual(golden);
    expect(encodeFrame(PING)).toEqual(golden);
  });

  it('splits frames at NUL however the octets are chunked', () => {
    const wire = Buffer.concat([encodeFrame(PING), encodeFrame('<MAS method="res_ping"><Result>0</Result></MAS>'), encodeFrame('<MAS method="x">한글</MAS>')]);
    for (let size = 1; size <= wire.length; size += 7) {
      const s = createFrameSplitter();
      const out: string[] = [];
      for (let off = 0; off < wire.length; off += size) out.push(...frames(s.push(wire.subarray(off, off + size))));
      expect(out).toEqual([PING, '<MAS method="res_ping"><Result>0</Result></MAS>', '<MAS method="x">한글</MAS>']);
      expect(s.buffered()).toBe(0);
    }
  });

  it('keeps a frame without its NUL pending until the NUL arrives', () => {
    const s = createFrameSplitter();
    expect(s.push(Buffer.from(PING))).toEqual([]);
    expect(s.buffered()).toBe(Buffer.byteLength(PING));
    expect(frames(s.push(Buffer.from([0])))).toEqual([PING]);
  });

  it('ignores blank frames: line breaks between frames and doubled NULs', () => {
    const s = createFrameSplitter();
    expect(frames(s.push(Buffer.from(`\r\n\0\0${PING}\0\r\n\0`)))).toEqual([PING]);
  });

  it('reports too-large once when the limit passes without a NUL, then drops input', () => {
    const s = createFrameSplitter({ maxFrameBytes: 100 });
    expect(s.push(Buffer.alloc(60, 0x41))).toEqual([]);
    expect(frames(s.push(Buffer.alloc(60, 0x41)))).toEqual(['too-large:120']);
    expect(s.broken).toBe(true);
    expect(s.push(Buffer.from(`${PING}\0`))).toEqual([]);
  });

  it('takes a frame of exactly the limit', () => {
    const s = createFrameSplitter({ maxFrameBytes: 10 });
    expect(frames(s.push(Buffer.from('0123456789\0')))).toEqual(['0123456789']);
  });
});

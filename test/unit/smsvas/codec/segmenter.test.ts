import { describe, expect, it } from 'vitest';
import { SmppCodecError } from '../../../../gateways/smsvas/codec/codec-errors.ts';
import { decodeText } from '../../../../gateways/smsvas/codec/data-coding.ts';
import { segmentMessage } from '../../../../gateways/smsvas/codec/segmenter.ts';
import { parseUdh } from '../../../../gateways/smsvas/codec/udh.ts';

function bodies(parts: { short_message: Buffer; esm_class: number }[]): Buffer[] {
  return parts.map((p) => (p.esm_class & 0x40 ? p.short_message.subarray(parseUdh(p.short_message)!.headerLength) : p.short_message));
}

describe('segmentMessage', () => {
  it('a text that fits is one plain segment whatever the method', () => {
    for (const method of ['udh8', 'udh16', 'sar'] as const) {
      expect(segmentMessage('a'.repeat(160), { dataCoding: 0x00, method, ref: 1 })).toEqual([
        { short_message: Buffer.from('a'.repeat(160)), esm_class: 0, data_coding: 0 },
      ]);
    }
  });

  it('GSM default: 153 characters per part with IEI 0, 152 with IEI 8 (unpacked octets)', () => {
    const text = 'x'.repeat(161);
    const p8 = segmentMessage(text, { dataCoding: 0x00, method: 'udh8', ref: 0x1ff, maxSegments: 255 });
    expect(bodies(p8).map((b) => b.length)).toEqual([153, 8]);
    expect(p8[0].short_message.subarray(0, 6).toString('hex')).toBe('050003ff0201');
    expect(p8.every((p) => p.esm_class === 0x40)).toBe(true);
    const p16 = segmentMessage('x'.repeat(305), { dataCoding: 0x00, method: 'udh16', ref: 0x1ff });
    expect(bodies(p16).map((b) => b.length)).toEqual([152, 152, 1]);
    expect(p16[2].short_message.subarray(0, 7).toString('hex')).toBe('06080401ff0303');
  });

  it('never splits a GSM escape sequence', () => {
    const parts = segmentMessage('x'.repeat(152) + '€' + 'y'.repeat(10), { dataCoding: 0x00, method: 'udh8', ref: 1 });
    expect(bodies(parts).map((b) => b.length)).toEqual([152, 12]);
    expect(bodies(parts).map((b) => decodeText(b, 0x00)).join('')).toBe('x'.repeat(152) + '€' + 'y'.repeat(10));
  });

  it('UCS2: 70 characters fit, then 67 per part with IEI 0 and 66 with IEI 8', () => {
    expect(segmentMessage('가'.repeat(70), { dataCoding: 0x08, method: 'udh8', ref: 1 })).toHaveLength(1);
    const p8 = segmentMessage('가'.repeat(71), { dataCoding: 0x08, method: 'udh8', ref: 1 });
    expect(bodies(p8).map((b) => b.length / 2)).toEqual([67, 4]);
    const p16 = segmentMessage('가'.repeat(134), { dataCoding: 0x08, method: 'udh16', ref: 1 });
    expect(bodies(p16).map((b) => b.length / 2)).toEqual([66, 66, 2]);
  });

  it('UCS2 keeps surrogate pairs together', () => {
    const text = 'a'.repeat(66) + '😀' + 'bbb';
    const parts = segmentMessage(text, { dataCoding: 0x08, method: 'udh8', ref: 1 });
    expect(bodies(parts).map((b) => decodeText(b, 0x08))).toEqual(['a'.repeat(66), '😀bbb']);
  });

  it('KS C 5601: 90 octets fit; parts keep double-byte characters whole within 84 octets', () => {
    expect(segmentMessage('가'.repeat(45), { method: 'udh8', ref: 1 })).toEqual([
      expect.objectContaining({ data_coding: 0x0e, esm_class: 0 }),
    ]);
    const parts = segmentMessage('a' + '가'.repeat(45), { method: 'udh8', ref: 1 });
    expect(bodies(parts).map((b) => b.length)).toEqual([83, 8]);
    expect(bodies(parts).map((b) => decodeText(b, 0x0e)).join('')).toBe('a' + '가'.repeat(45));
  });

  it('SAR puts the counters in TLV fields and leaves UDHI clear', () => {
    const parts = segmentMessage('z'.repeat(200), { dataCoding: 0x01, method: 'sar', ref: 0x12345 });
    expect(parts.map((p) => [p.short_message.length, p.esm_class, p.sar_msg_ref_num, p.sar_total_segments, p.sar_segment_seqnum])).toEqual([
      [153, 0, 0x2345, 2, 1],
      [47, 0, 0x2345, 2, 2],
    ]);
  });

  it('payload sends the whole text in message_payload with an empty short_message', () => {
    const [p] = segmentMessage('가'.repeat(500), { method: 'payload', ref: 1 });
    expect(p.short_message.length).toBe(0);
    expect(p.message_payload!.length).toBe(1000);
  });

  it('refuses text that does not fit the coding or needs too many segments', () => {
    expect(() => segmentMessage('안녕', { dataCoding: 0x01, method: 'udh8', ref: 1 })).toThrow(SmppCodecError);
    expect(() => segmentMessage('x'.repeat(154 * 3), { dataCoding: 0x00, method: 'udh8', ref: 1, maxSegments: 3 })).toThrow(/segments/);
  });
});

import { describe, expect, it } from 'vitest';
import { decodePdu, encodePdu, type EncodablePdu } from '../../../../gateways/smsvas/codec/pdu.ts';
import { GOLDEN } from './golden-fixtures.ts';

describe('SMPP 3.4 golden bytes', () => {
  for (const f of GOLDEN) {
    it(`${f.name}: command_length matches the frame`, () => {
      expect(f.wire.readUInt32BE(0)).toBe(f.wire.length);
    });
    it(`${f.name}: decodes to the plain record`, () => {
      expect(decodePdu(f.wire)).toEqual(f.record);
    });
    it(`${f.name}: encodes to the same octets`, () => {
      expect(encodePdu(f.record as EncodablePdu).toString('hex')).toBe(f.wire.toString('hex'));
    });
  }

  it('bind requests default to interface_version 0x34, not the package default 0x50', () => {
    const wire = encodePdu({ command: 'bind_transmitter', sequence_number: 1, system_id: 'a', password: 'b' });
    expect(decodePdu(wire).interface_version).toBe(0x34);
    const v5 = encodePdu({ command: 'bind_transmitter', sequence_number: 1, system_id: 'a', password: 'b', interface_version: 0x50 });
    expect(decodePdu(v5).interface_version).toBe(0x50);
  });
});

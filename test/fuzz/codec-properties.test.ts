// Properties of the SMPP codec over generated input: decodePdu on any octets returns a Pdu or throws
// SmppDecodeError (whose status a 3.4 SMSC may send), never anything else; and every valid PDU of
// every 3.4 command survives encode then decode unchanged. Seeds are fixed; a failure prints the
// counterexample and its seed/path for fast-check to replay.
import fc from 'fast-check';
import smpp from 'smpp';
import { describe, expect, it } from 'vitest';
import { COMMAND_ID, type CommandName } from '../../gateways/smsvas/codec/command-id.ts';
import { COMMAND_STATUS } from '../../gateways/smsvas/codec/command-status.ts';
import { SmppDecodeError } from '../../gateways/smsvas/codec/codec-errors.ts';
import { decodePdu, encodePdu, type EncodablePdu, type Pdu } from '../../gateways/smsvas/codec/pdu.ts';

const SEED = Number(process.env.SMSVAS_FUZZ_SEED ?? 20261120);
const RUNS = 20_000;
const STATUSES_34 = new Set<number>(Object.values(COMMAND_STATUS));
const KNOWN_IDS = Object.values(COMMAND_ID);
const FOREIGN_IDS = [0, 0x0a, 0x0c, 0x111, 0x112, 0x113, 0x80000111, 0x7fffffff, 0xffffffff];

/** decodePdu's contract on one frame; returns the outcome for labelling. */
function decodeOutcome(frame: Buffer): 'pdu' | 'error' {
  let pdu: Pdu;
  try {
    pdu = decodePdu(frame);
  } catch (err) {
    if (!(err instanceof SmppDecodeError)) throw new Error(`decodePdu threw ${String(err)} for ${frame.toString('hex')}`);
    expect(err.status).not.toBe(COMMAND_STATUS.ESME_ROK);
    expect(STATUSES_34.has(err.status), `status 0x${err.status.toString(16)} is not a 3.4 command_status`).toBe(true);
    if (frame.length >= 16) {
      expect(err.sequence_number).toBe(frame.readUInt32BE(12));
      expect(err.command_id).toBe(frame.readUInt32BE(4));
    }
    return 'error';
  }
  expect(frame.length).toBe(frame.readUInt32BE(0));
  expect(pdu.command_id).toBe(frame.readUInt32BE(4));
  expect(pdu.sequence_number).toBe(frame.readUInt32BE(12));
  expect(COMMAND_ID[pdu.command]).toBe(pdu.command_id);
  return 'pdu';
}

function frameOf(id: number, status: number, seq: number, body: Uint8Array): Buffer {
  const b = Buffer.alloc(16 + body.length);
  b.writeUInt32BE(b.length, 0);
  b.writeUInt32BE(id >>> 0, 4);
  b.writeUInt32BE(status >>> 0, 8);
  b.writeUInt32BE(seq >>> 0, 12);
  Buffer.from(body).copy(b, 16);
  return b;
}

// C-octet string maxima from the 3.4 PDU tables, NUL included; anything unlisted stays short.
const CSTRING_MAX: Record<string, number> = {
  system_id: 16, password: 9, system_type: 13, address_range: 41, service_type: 6, source_addr: 21, destination_addr: 21,
  esme_addr: 65, message_id: 65, dl_name: 21, schedule_delivery_time: 17, validity_period: 17, final_date: 17,
};
const WIDE_ADDR = new Set(['data_sm', 'alert_notification']);

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const octets = (max: number, min = 0) => fc.uint8Array({ minLength: min, maxLength: max }).map((a) => Buffer.from(a));
const cstring = (maxLength: number) => fc.string({ unit: fc.integer({ min: 1, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength });

const destAddress = fc.oneof(
  fc.record({ dest_addr_ton: u8, dest_addr_npi: u8, destination_addr: cstring(20) }),
  fc.record({ dl_name: cstring(20) }),
);
const unsuccessSme = fc.record({ dest_addr_ton: u8, dest_addr_npi: u8, destination_addr: cstring(20), error_status_code: u32 });

function fieldArb(command: string, field: string, type: unknown): fc.Arbitrary<unknown> {
  const t = smpp.types;
  if (type === t.int8) return u8;
  if (type === t.int16) return u16;
  if (type === t.int32) return u32;
  if (type === t.buffer) return octets(254);
  if (type === t.dest_address_array) return fc.array(destAddress, { minLength: 1, maxLength: 10 });
  if (type === t.unsuccess_sme_array) return fc.array(unsuccessSme, { maxLength: 5 });
  const wide = WIDE_ADDR.has(command) && (field === 'source_addr' || field === 'destination_addr');
  return cstring((wide ? 65 : CSTRING_MAX[field] ?? 21) - 1);
}

// Optional parameters with plain values (no package-side filters), by their 3.4 value types.
const TLVS: Record<string, fc.Arbitrary<unknown>> = {
  user_message_reference: u16,
  sar_msg_ref_num: u16,
  sar_total_segments: u8,
  sar_segment_seqnum: u8,
  payload_type: u8,
  qos_time_to_live: u32,
  receipted_message_id: cstring(64),
  message_payload: octets(1000),
  network_error_code: octets(3, 3),
};
const unknownTlvs = fc.array(
  fc.record({ tag: fc.integer({ min: 0x1400, max: 0x3fff }).filter((tag) => !smpp.tlvsById[tag]), value: octets(20) }),
  { maxLength: 3 },
);

function pduArb(command: CommandName): fc.Arbitrary<EncodablePdu> {
  const params = Object.entries(smpp.commands[command].params ?? {});
  const fields = Object.fromEntries(params.map(([name, p]) => [name, fieldArb(command, name, p.type)]));
  const mandatory = new Set(params.map(([name]) => name));
  // A PDU with no mandatory fields has no optional part in 3.4 either.
  const tlvs = params.length === 0 ? {} : Object.fromEntries(Object.entries(TLVS).filter(([n]) => !mandatory.has(n)));
  return fc.record({
    fields: fc.record(fields),
    tlvs: fc.record(tlvs, { requiredKeys: [] }),
    unknown: params.length === 0 ? fc.constant([]) : unknownTlvs,
    seq: u32,
  }).map(({ fields: f, tlvs: o, unknown, seq }) => {
    const pdu: EncodablePdu = { command, sequence_number: seq, ...f, ...o };
    if (unknown.length > 0) pdu.unknown_tlvs = unknown;
    return pdu;
  });
}

const COMMANDS = Object.keys(COMMAND_ID) as CommandName[];
const anyValidPdu = fc.oneof(...COMMANDS.map(pduArb));

describe('decodePdu on arbitrary input', () => {
  it('returns a Pdu or throws SmppDecodeError for arbitrary octets', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (a) => void decodeOutcome(Buffer.from(a))), { seed: SEED, numRuns: RUNS });
  });

  it('does so for well-framed PDUs with a known or foreign command_id and a random body', () => {
    let decoded = 0;
    fc.assert(
      fc.property(fc.constantFrom(...KNOWN_IDS, ...FOREIGN_IDS), fc.oneof(fc.constant(0), u32), u32, fc.uint8Array({ maxLength: 300 }), (id, status, seq, body) => {
        if (decodeOutcome(frameOf(id, status, seq, body)) === 'pdu') decoded++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The body generator must reach past the header checks, or this property tests nothing.
    expect(decoded).toBeGreaterThan(RUNS / 50);
  });

  it('does so for valid PDUs with flipped, cut, inserted or appended octets', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: octets(8, 1) }),
      fc.record({ kind: fc.constant('append' as const), bytes: octets(40, 1) }),
    );
    fc.assert(
      fc.property(anyValidPdu, fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (pdu, mutations, keepLength) => {
        let b = encodePdu(pdu);
        for (const m of mutations) {
          if (m.kind === 'flip') b[m.at % b.length] ^= 1 << m.bit;
          else if (m.kind === 'cut') b = b.subarray(0, m.at % (b.length + 1));
          else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, m.at % (b.length + 1)), m.bytes, b.subarray(m.at % (b.length + 1))]);
          else b = Buffer.concat([b, m.bytes]);
        }
        // Mostly a truthful command_length, so decoding reaches the mutated body.
        if (keepLength && b.length >= 4) b.writeUInt32BE(b.length, 0);
        decodeOutcome(Buffer.from(b));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('decode(encode(pdu)) round trips', () => {
  it.each(COMMANDS)('%s with generated mandatory fields, optional parameters and unknown TLVs', (command) => {
    fc.assert(
      fc.property(pduArb(command), (pdu) => {
        expect(decodePdu(encodePdu(pdu))).toEqual({ ...pdu, command_id: COMMAND_ID[command], command_status: 0 });
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

// Valid SMPP 3.4 PDUs of every kind an ESME might send (and some it must not), as wire bytes: the
// raw material the mutator corrupts. Most are acceptable to the simulator so that mutations reach
// deep validation, not just the first field check.
import type { Rng } from '../../gateways/kit/rng.ts';
import { encodePdu, type EncodablePdu } from '../../gateways/smsvas/codec/pdu.ts';

export interface SeedContext {
  systemId: string;
  password: string;
  sender: string;
  /** A destination the simulated network knows. */
  destination: string;
  /** message_ids this session was given, for query_sm / cancel_sm / replace_sm. */
  messageIds: string[];
}

export interface SeedPdu {
  kind: string;
  bytes: Buffer;
  /** Offset of sm_length when the PDU has a short_message (for length lies). */
  smLengthOffset?: number;
}

const UCS2_TEXT = Buffer.from('c548b155 0020 006d 0073 0067'.replace(/\s/g, ''), 'hex'); // '안녕 msg' in UTF-16BE

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(0, items.length - 1)];
}

function ascii(rng: Rng, min: number, max: number): Buffer {
  const n = rng.int(min, max);
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0x20, 0x7e);
  return b;
}

function concatUdh(rng: Rng): { udh: Buffer; total: number } {
  const total = rng.int(1, 4);
  const seq = rng.int(1, total);
  const udh = rng.next() < 0.5
    ? Buffer.from([0x05, 0x00, 0x03, rng.int(0, 255), total, seq])
    : Buffer.from([0x06, 0x08, 0x04, rng.int(0, 255), rng.int(0, 255), total, seq]);
  return { udh, total };
}

function submitFields(rng: Rng, c: SeedContext): Record<string, unknown> {
  return {
    service_type: '',
    source_addr_ton: 0,
    source_addr_npi: 1,
    source_addr: rng.next() < 0.9 ? c.sender : '0212345678',
    dest_addr_ton: 0,
    dest_addr_npi: 1,
    destination_addr: rng.next() < 0.9 ? c.destination : `010${rng.int(10_000_000, 99_999_999)}`,
    esm_class: 0,
    protocol_id: 0,
    priority_flag: rng.int(0, 1),
    schedule_delivery_time: '',
    validity_period: rng.next() < 0.2 ? '000000010000000R' : '',
    registered_delivery: pick(rng, [0, 1, 1, 2, 0x11]),
    replace_if_present_flag: 0,
    data_coding: 0x08,
    sm_default_msg_id: 0,
    short_message: UCS2_TEXT,
  };
}

function messageId(rng: Rng, c: SeedContext): string {
  if (c.messageIds.length > 0 && rng.next() < 0.8) return pick(rng, c.messageIds);
  return String(rng.int(1_000_000_000, 1_999_999_999));
}

type Builder = (rng: Rng, c: SeedContext) => EncodablePdu;

const bind = (command: 'bind_transmitter' | 'bind_receiver' | 'bind_transceiver'): Builder => (rng, c) => ({
  command,
  sequence_number: 1,
  system_id: rng.next() < 0.7 ? c.systemId : 'nobody',
  password: rng.next() < 0.8 ? c.password : 'wrong',
  system_type: rng.next() < 0.5 ? '' : 'VMA',
  interface_version: pick(rng, [0x34, 0x34, 0x33, 0x50]),
  addr_ton: 0,
  addr_npi: 0,
  address_range: '',
});

/** Requests a 3.4 SMSC must answer with their _resp. */
export const REQUEST_BUILDERS: Record<string, Builder> = {
  bind_transmitter: bind('bind_transmitter'),
  bind_receiver: bind('bind_receiver'),
  bind_transceiver: bind('bind_transceiver'),
  submit_sm: (rng, c) => ({ command: 'submit_sm', sequence_number: 1, ...submitFields(rng, c) }),
  'submit_sm+udh': (rng, c) => {
    const { udh } = concatUdh(rng);
    return { command: 'submit_sm', sequence_number: 1, ...submitFields(rng, c), esm_class: 0x40, short_message: Buffer.concat([udh, UCS2_TEXT]) };
  },
  'submit_sm+sar': (rng, c) => {
    const total = rng.int(1, 4);
    return {
      command: 'submit_sm', sequence_number: 1, ...submitFields(rng, c),
      sar_msg_ref_num: rng.int(0, 0xffff), sar_total_segments: total, sar_segment_seqnum: rng.int(1, total),
    };
  },
  'submit_sm+payload': (rng, c) => ({
    command: 'submit_sm', sequence_number: 1, ...submitFields(rng, c), data_coding: 0x01, short_message: Buffer.alloc(0), message_payload: ascii(rng, 1, 400),
  }),
  data_sm: (rng, c) => {
    const f = submitFields(rng, c);
    return {
      command: 'data_sm', sequence_number: 1, service_type: '', source_addr_ton: 0, source_addr_npi: 1, source_addr: f.source_addr,
      dest_addr_ton: 0, dest_addr_npi: 1, destination_addr: f.destination_addr, esm_class: 0, registered_delivery: f.registered_delivery,
      data_coding: 0x08, message_payload: UCS2_TEXT,
    };
  },
  submit_multi: (rng, c) => {
    const dests: unknown[] = [{ dest_addr_ton: 0, dest_addr_npi: 1, destination_addr: c.destination }];
    for (let i = rng.int(0, 3); i > 0; i--) {
      dests.push(rng.next() < 0.2 ? { dl_name: 'list1' } : { dest_addr_ton: 0, dest_addr_npi: 1, destination_addr: `010${rng.int(10_000_000, 99_999_999)}` });
    }
    const f = submitFields(rng, c);
    delete f.dest_addr_ton;
    delete f.dest_addr_npi;
    delete f.destination_addr;
    return { command: 'submit_multi', sequence_number: 1, ...f, dest_address: dests };
  },
  query_sm: (rng, c) => ({ command: 'query_sm', sequence_number: 1, message_id: messageId(rng, c), source_addr_ton: 0, source_addr_npi: 1, source_addr: c.sender }),
  cancel_sm: (rng, c) => ({
    command: 'cancel_sm', sequence_number: 1, service_type: '', message_id: messageId(rng, c), source_addr_ton: 0, source_addr_npi: 1,
    source_addr: c.sender, dest_addr_ton: 0, dest_addr_npi: 1, destination_addr: rng.next() < 0.5 ? c.destination : '',
  }),
  replace_sm: (rng, c) => ({
    command: 'replace_sm', sequence_number: 1, message_id: messageId(rng, c), source_addr_ton: 0, source_addr_npi: 1, source_addr: c.sender,
    schedule_delivery_time: '', validity_period: '', registered_delivery: 1, sm_default_msg_id: 0, short_message: Buffer.from('replaced'),
  }),
  enquire_link: () => ({ command: 'enquire_link', sequence_number: 1 }),
  unbind: () => ({ command: 'unbind', sequence_number: 1 }),
  // Valid 3.4 PDUs that only travel SMSC -> ESME: a request the SMSC must still answer (generic_nack).
  deliver_sm: (rng, c) => ({ command: 'deliver_sm', sequence_number: 1, ...submitFields(rng, c) }),
  outbind: (_rng, c) => ({ command: 'outbind', sequence_number: 1, system_id: c.systemId, password: c.password }),
  alert_notification: (_rng, c) => ({
    command: 'alert_notification', sequence_number: 1, source_addr_ton: 0, source_addr_npi: 1, source_addr: c.destination, esme_addr_ton: 0, esme_addr_npi: 1, esme_addr: c.sender,
  }),
};

/** Responses nobody asked for: the SMSC must not answer them (nor crash). */
export const RESPONSE_BUILDERS: Record<string, Builder> = {
  submit_sm_resp: (rng) => ({ command: 'submit_sm_resp', sequence_number: 1, message_id: String(rng.int(1, 1e9)) }),
  deliver_sm_resp: (rng) => ({ command: 'deliver_sm_resp', sequence_number: 1, command_status: pick(rng, [0, 0, 0x64, 0x65]), message_id: '' }),
  enquire_link_resp: () => ({ command: 'enquire_link_resp', sequence_number: 1 }),
  bind_transceiver_resp: () => ({ command: 'bind_transceiver_resp', sequence_number: 1, system_id: 'ESME' }),
  unbind_resp: () => ({ command: 'unbind_resp', sequence_number: 1 }),
  generic_nack: (rng) => ({ command: 'generic_nack', sequence_number: 1, command_status: pick(rng, [0, 3, 8]) }),
  query_sm_resp: () => ({ command: 'query_sm_resp', sequence_number: 1, message_id: '1', final_date: '', message_state: 2, error_code: 0 }),
  data_sm_resp: () => ({ command: 'data_sm_resp', sequence_number: 1, message_id: '1' }),
};

/**
 * Weights favour submits (the bulk of real traffic and of the validation code); unbind is rare
 * because it legitimately ends the session.
 */
const WEIGHTS: Array<[string, number]> = [
  ['bind_transmitter', 3], ['bind_receiver', 3], ['bind_transceiver', 4],
  ['submit_sm', 14], ['submit_sm+udh', 8], ['submit_sm+sar', 8], ['submit_sm+payload', 6],
  ['data_sm', 7], ['submit_multi', 7], ['query_sm', 5], ['cancel_sm', 4], ['replace_sm', 4],
  ['enquire_link', 4], ['unbind', 0.3], ['deliver_sm', 2], ['outbind', 1], ['alert_notification', 1],
  ...Object.keys(RESPONSE_BUILDERS).map((k): [string, number] => [k, 1]),
];
const TOTAL_WEIGHT = WEIGHTS.reduce((s, [, w]) => s + w, 0);

export const SEED_KINDS = WEIGHTS.map(([k]) => k);

export function buildSeed(kind: string, rng: Rng, c: SeedContext): SeedPdu {
  const builder = REQUEST_BUILDERS[kind] ?? RESPONSE_BUILDERS[kind];
  if (!builder) throw new Error(`no seed builder for ${kind}`);
  const pdu = builder(rng, c);
  const bytes = encodePdu(pdu);
  const sm = pdu.short_message;
  if (!Buffer.isBuffer(sm)) return { kind, bytes };
  // sm_length sits just before short_message, which ends the mandatory part; TLVs follow it.
  const mandatory = encodePdu(stripTlvs(pdu)).length;
  return { kind, bytes, smLengthOffset: mandatory - sm.length - 1 };
}

const TLV_FIELDS = new Set(['sar_msg_ref_num', 'sar_total_segments', 'sar_segment_seqnum', 'message_payload']);
function stripTlvs(pdu: EncodablePdu): EncodablePdu {
  const out: EncodablePdu = { command: pdu.command, sequence_number: pdu.sequence_number };
  for (const [k, v] of Object.entries(pdu)) if (!TLV_FIELDS.has(k)) out[k] = v;
  return out;
}

export function randomSeed(rng: Rng, c: SeedContext): SeedPdu {
  let r = rng.next() * TOTAL_WEIGHT;
  for (const [kind, w] of WEIGHTS) {
    r -= w;
    if (r < 0) return buildSeed(kind, rng, c);
  }
  return buildSeed('submit_sm', rng, c);
}

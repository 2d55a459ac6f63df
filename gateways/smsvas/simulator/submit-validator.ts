// Turns a submit_sm / data_sm / submit_multi destination into a plain request, or the SMPP status
// the SMSC answers with. Order matters: header-level fields first, then addresses, then content,
// as a real SMSC rejects at the first problem it meets.
import { COMMAND_STATUS as S } from '../codec/command-status.ts';
import { decodeText, eucKrByteLength } from '../codec/data-coding.ts';
import { normalizeSmppAddress } from '../codec/address.ts';
import { parseSmppTime } from '../codec/smpp-time.ts';
import { parseUdh } from '../codec/udh.ts';
import type { SmscAccount, SmscConfig } from './smsc-config.ts';

export interface SegmentInfo {
  ref: number;
  total: number;
  seq: number;
}

export interface ValidSubmit {
  source: string;
  sourceTon: number;
  sourceNpi: number;
  /** The payload octets after any UDH, still in the message's data_coding. */
  body: Buffer;
  dataCoding: number;
  text: string;
  /** EUC-KR bytes (UCS-2 octets for characters EUC-KR cannot hold). */
  bytes: number;
  segment: SegmentInfo | null;
  registeredDelivery: number;
  scheduleAt: number | null;
  validityMs: number | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; status: number; reason: string };

const UDHI = 0x40;

const fail = (status: number, reason: string) => ({ ok: false, status, reason }) as const;

export function validateSubmitFields(
  pdu: Record<string, unknown>,
  account: SmscAccount,
  cfg: SmscConfig,
  now: number,
): Checked<ValidSubmit> {
  const esmClass = num(pdu.esm_class);
  if ((esmClass & 0x3c) !== 0) return fail(S.ESME_RINVESMCLASS, 'esm_class message type must be default on submit');
  if (num(pdu.priority_flag) > 3) return fail(S.ESME_RINVPRTFLG, 'priority_flag above 3');
  const rd = num(pdu.registered_delivery);
  if (rd > 0x1f || (rd & 0x03) === 0x03) return fail(S.ESME_RINVREGDLVFLG, `registered_delivery 0x${rd.toString(16)} not defined in 3.4`);
  if (num(pdu.replace_if_present_flag) > 1) return fail(S.ESME_RINVREPFLAG, 'replace_if_present_flag above 1');
  if (num(pdu.sm_default_msg_id) !== 0) return fail(S.ESME_RINVDFTMSGID, 'predefined messages are not provisioned');

  const srcTon = num(pdu.source_addr_ton);
  const srcNpi = num(pdu.source_addr_npi);
  const src = normalizeSmppAddress(str(pdu.source_addr), srcTon, srcNpi, 'source');
  if (!src.ok) return fail(src.status, `source_addr: ${src.reason}`);
  if (!account.senders.includes('*') && !account.senders.includes(src.national)) {
    return fail(S.ESME_RINVSRCADR, `callback number ${src.national} is not pre-registered for ${account.systemId}`);
  }

  const sched = parseSmppTime(str(pdu.schedule_delivery_time), now);
  if (sched.kind === 'invalid') return fail(S.ESME_RINVSCHED, 'schedule_delivery_time is not an SMPP time');
  const validity = parseSmppTime(str(pdu.validity_period), now);
  if (validity.kind === 'invalid') return fail(S.ESME_RINVEXPIRY, 'validity_period is not an SMPP time');
  const scheduleAt = sched.kind === 'none' ? null : sched.at;
  let validityMs: number | null = null;
  if (validity.kind !== 'none') {
    validityMs = validity.at - (scheduleAt ?? now);
    if (validityMs <= 0) return fail(S.ESME_RINVEXPIRY, 'validity_period ends before delivery can start');
    validityMs = Math.min(validityMs, cfg.sms.maxValidity);
  } else if (cfg.sms.defaultValidity !== undefined) {
    validityMs = cfg.sms.defaultValidity;
  }

  const sm = buf(pdu.short_message);
  const payload = pdu.message_payload === undefined ? null : buf(pdu.message_payload);
  if (payload && sm.length > 0) return fail(S.ESME_RINVMSGLEN, 'short_message and message_payload both carry data');
  const raw = payload ?? sm;
  if (!payload && raw.length > 254) return fail(S.ESME_RINVMSGLEN, 'short_message over 254 octets');

  let body = raw;
  let segment: SegmentInfo | null = null;
  if (esmClass & UDHI) {
    const udh = parseUdh(raw);
    if (!udh) return fail(S.ESME_RINVMSGLEN, 'UDHI set but the user data header is malformed');
    body = raw.subarray(udh.headerLength);
    if (udh.concat) segment = { ref: udh.concat.ref, total: udh.concat.total, seq: udh.concat.seq };
  }
  const sar = [pdu.sar_msg_ref_num, pdu.sar_total_segments, pdu.sar_segment_seqnum];
  const sarCount = sar.filter((v) => v !== undefined).length;
  if (sarCount > 0 && sarCount < 3) return fail(S.ESME_RMISSINGOPTPARAM, 'SAR needs sar_msg_ref_num, sar_total_segments and sar_segment_seqnum');
  if (sarCount === 3 && !segment) segment = { ref: num(sar[0]), total: num(sar[1]), seq: num(sar[2]) };
  if (segment) {
    if (segment.total < 1 || segment.seq < 1 || segment.seq > segment.total) {
      return fail(S.ESME_RINVOPTPARAMVAL, `segment ${segment.seq} of ${segment.total}`);
    }
    if (segment.total > cfg.sms.maxSegments) return fail(S.ESME_RINVMSGLEN, `${segment.total} segments (max ${cfg.sms.maxSegments})`);
  }

  const dataCoding = num(pdu.data_coding);
  const text = decodeText(body, dataCoding, { smscDefault: cfg.sms.smscDefaultAlphabet });
  if (text === null) return fail(S.ESME_RSUBMITFAIL, `data_coding 0x${dataCoding.toString(16)} is not supported`);
  const bytes = countBytes(text);
  const limit = segment || payload ? cfg.sms.maxBytes * cfg.sms.maxSegments : cfg.sms.maxBytes;
  if (bytes > limit) return fail(S.ESME_RINVMSGLEN, `${bytes} bytes counted in EUC-KR (limit ${limit})`);

  return {
    ok: true,
    value: { source: src.national, sourceTon: srcTon, sourceNpi: srcNpi, body, dataCoding, text, bytes, segment, registeredDelivery: rd, scheduleAt, validityMs },
  };
}

export interface ValidDestination {
  destination: string;
  destTon: number;
  destNpi: number;
}

export function validateDestination(addr: unknown, ton: unknown, npi: unknown): Checked<ValidDestination> {
  const t = num(ton);
  const n = num(npi);
  const d = normalizeSmppAddress(str(addr), t, n, 'destination');
  if (!d.ok) return fail(d.status, `destination_addr: ${d.reason}`);
  return { ok: true, value: { destination: d.national, destTon: t, destNpi: n } };
}

/** Korean carriers bill SMS by EUC-KR bytes; characters EUC-KR lacks cost their UCS-2 size. */
export function countBytes(text: string): number {
  const euc = eucKrByteLength(text);
  if (euc !== null) return euc;
  let n = 0;
  for (const ch of text) n += eucKrByteLength(ch) ?? (ch.length === 2 ? 4 : 2);
  return n;
}

/** Billing segments of a long message sent whole (message_payload). */
export function segmentsFor(bytes: number, maxBytes: number): number {
  return Math.max(1, Math.ceil(bytes / maxBytes));
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
function buf(v: unknown): Buffer {
  return Buffer.isBuffer(v) ? v : typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.alloc(0);
}

// MO deliver_sm -> whole messages: concatenated parts (UDH or SAR) are joined before decoding, because a
// part boundary may fall inside a double-byte character.
import { createReassembler } from '../codec/reassembler.ts';
import { decodeText, type SmscDefaultAlphabet } from '../codec/data-coding.ts';
import type { Pdu } from '../codec/pdu.ts';
import { ESM_CLASS_UDHI, parseUdh } from '../codec/udh.ts';
import { deliverBody, type SmsvasMo } from './deliver-reader.ts';

export type MoResult = { kind: 'complete'; mo: SmsvasMo } | { kind: 'partial' } | { kind: 'malformed'; why: string };

export interface MoAssembler {
  add(pdu: Pdu): MoResult;
}

export function createMoAssembler(opts: { now: () => number; smscDefault: SmscDefaultAlphabet; timeoutMs?: number }): MoAssembler {
  const parts = createReassembler({ timeoutMs: opts.timeoutMs ?? 120_000, maxPending: 10_000, now: opts.now });

  return {
    add(pdu) {
      const source = String(pdu.source_addr ?? '');
      const destination = String(pdu.destination_addr ?? '');
      const dataCoding = Number(pdu.data_coding ?? 0);
      let body = deliverBody(pdu);
      let concat: { ref: number; total: number; seq: number } | null = null;
      if (Number(pdu.esm_class ?? 0) & ESM_CLASS_UDHI) {
        const udh = parseUdh(body);
        if (!udh) return { kind: 'malformed', why: 'UDHI is set but the user data header is malformed' };
        body = body.subarray(udh.headerLength);
        concat = udh.concat;
      } else if (typeof pdu.sar_msg_ref_num === 'number' && typeof pdu.sar_total_segments === 'number' && typeof pdu.sar_segment_seqnum === 'number') {
        concat = { ref: pdu.sar_msg_ref_num, total: pdu.sar_total_segments, seq: pdu.sar_segment_seqnum };
      }
      let segments = 1;
      if (concat && concat.total > 1) {
        const r = parts.add(`${source}|${destination}`, { ...concat, bytes: body });
        if ('error' in r) return { kind: 'malformed', why: `concatenated part rejected: ${r.error}` };
        if (!r.complete) return { kind: 'partial' };
        body = r.bytes;
        segments = r.segments;
      }
      const text = decodeText(body, dataCoding, { smscDefault: opts.smscDefault });
      if (text === null) return { kind: 'malformed', why: `user data is not valid for data_coding 0x${dataCoding.toString(16)}` };
      return { kind: 'complete', mo: { source, destination, text, dataCoding, segments } };
    },
  };
}

// A message to submit -> the submit_sm bodies that carry it (one per segment).
import { formatSmppRelative } from '../codec/smpp-time.ts';
import { segmentMessage } from '../codec/segmenter.ts';
import type { ResolvedClientOptions } from './client-options.ts';

export interface SubmitMessage {
  source: string;
  destination: string;
  text: string;
  /** Ask for an SMSC delivery receipt (default true). */
  registeredDelivery?: boolean;
  /** validity_period as a relative time. */
  validityMs?: number;
  /** Caller's own reference, handed back on the delivery report(s) of this message. */
  reference?: string;
  /**
   * Clock time (epoch ms) from which the caller no longer wants this message sent: if it is still queued
   * then (no bind up, windows full, pacing), it is never written and resolves { kind: 'timeout', why }.
   * A long message whose first segment went out sends the rest whatever the time.
   */
  notAfter?: number;
}

/** registered_delivery 0x01: a receipt on final success or failure. */
const RECEIPT_ON_FINAL = 0x01;

export interface SubmitPlanner {
  /** Throws SmppCodecError (SMSVAS_ERR_UNENCODABLE_TEXT, SMSVAS_ERR_TOO_MANY_SEGMENTS) for text that cannot be sent. */
  plan(msg: SubmitMessage): Record<string, unknown>[];
}

export function createSubmitPlanner(o: ResolvedClientOptions): SubmitPlanner {
  // The concatenation reference only has to differ between long messages in flight to one handset.
  let ref = o.rng.int(0, 0xffff);
  return {
    plan(msg) {
      const segments = segmentMessage(msg.text, {
        dataCoding: o.dataCoding === 'auto' ? undefined : o.dataCoding,
        method: o.method,
        ref: (ref = (ref + 1) & 0xffff),
        maxSegments: o.maxSegments,
        smscDefault: o.smscDefault,
      });
      const validity = msg.validityMs === undefined ? '' : formatSmppRelative(msg.validityMs);
      const registered = msg.registeredDelivery === false ? 0 : RECEIPT_ON_FINAL;
      return segments.map((seg) => ({
        service_type: o.serviceType,
        source_addr_ton: o.sourceTon,
        source_addr_npi: o.sourceNpi,
        source_addr: msg.source,
        dest_addr_ton: o.destTon,
        dest_addr_npi: o.destNpi,
        destination_addr: msg.destination,
        protocol_id: 0,
        priority_flag: 0,
        schedule_delivery_time: '',
        validity_period: validity,
        registered_delivery: registered,
        replace_if_present_flag: 0,
        sm_default_msg_id: 0,
        ...seg,
      }));
    },
  };
}

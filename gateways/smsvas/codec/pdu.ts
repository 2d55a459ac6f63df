// SMPP 3.4 PDU <-> plain record. Decoding walks the smpp package's definition tables with our own
// bounds-checked readers, because the package's decode is lossy (GSM-decodes short_message, turns times
// into Dates relative to "now", reads past the body). Encoding writes the same tables directly; the
// package's PDU#toBuffer produces identical octets (a unit test compares them) but is too slow for the
// simulator's rates (~85k/s alone) and pads short time strings into relative times.
import type { CommandName } from './command-id.ts';
import { HEADER_LENGTH } from './pdu-table.ts';

export { decodePdu } from './pdu-decoder.ts';
export { encodePdu } from './pdu-encoder.ts';
export { HEADER_LENGTH, INTERFACE_VERSION_34 } from './pdu-table.ts';

export interface Pdu {
  command: CommandName;
  command_id: number;
  command_status: number;
  sequence_number: number;
  [field: string]: unknown;
}

export interface EncodablePdu {
  command: CommandName;
  sequence_number: number;
  command_status?: number;
  [field: string]: unknown;
}

/** submit_multi dest_address entry: an SME address (dest_flag 1) or a distribution list (dest_flag 2). */
export type DestAddress = { dest_addr_ton: number; dest_addr_npi: number; destination_addr: string } | { dl_name: string };
export interface UnsuccessSme { dest_addr_ton: number; dest_addr_npi: number; destination_addr: string; error_status_code: number }
export interface UnknownTlv { tag: number; value: Buffer }

/** Reads the header of a frame without decoding the body (for answering a frame that failed to decode). */
export function peekHeader(frame: Buffer): { command_length: number; command_id: number; command_status: number; sequence_number: number } | null {
  if (frame.length < HEADER_LENGTH) return null;
  return {
    command_length: frame.readUInt32BE(0),
    command_id: frame.readUInt32BE(4),
    command_status: frame.readUInt32BE(8),
    sequence_number: frame.readUInt32BE(12),
  };
}

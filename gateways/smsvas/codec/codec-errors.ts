// The SMPP codec's errors. Codes are stable (tools and tests match on `code`, never on the message)
// and each one is documented in README.md; a unit test keeps the two in step.

export const CODEC_ERROR_CODES = {
  SMSVAS_ERR_BAD_LENGTH:
    'A frame is shorter than its header, its command_length disagrees with the frame, or a mandatory field runs past the body (answer ESME_RINVCMDLEN).',
  SMSVAS_ERR_UNKNOWN_COMMAND: 'The command_id is not an SMPP 3.4 command (answer generic_nack ESME_RINVCMDID).',
  SMSVAS_ERR_BAD_PDU:
    'A mandatory field is malformed: over its spec maximum length, a bad dest_flag or number of destinations (answer with the field-specific status).',
  SMSVAS_ERR_BAD_TLV:
    'The optional part is malformed: a TLV header or value runs past the body (ESME_RINVOPTPARSTREAM) or a TLV length does not fit its type (ESME_RINVPARLEN).',
  SMSVAS_ERR_ENCODE: 'encodePdu was given a PDU it cannot write (unknown command, a string where bytes are required, an out-of-range number).',
  SMSVAS_ERR_UNENCODABLE_TEXT: 'The text cannot be represented in the requested data_coding.',
  SMSVAS_ERR_TOO_MANY_SEGMENTS: 'The text needs more segments than maxSegments (at most 255) allows.',
} as const;

export type CodecErrorCode = keyof typeof CODEC_ERROR_CODES;

/** A frame that cannot be decoded. `status` is the command_status to answer it with (generic_nack). */
export class SmppDecodeError extends Error {
  readonly code: CodecErrorCode;
  readonly status: number;
  readonly command_id: number;
  readonly sequence_number: number;

  constructor(code: CodecErrorCode, status: number, header: { command_id: number; sequence_number: number }, message: string) {
    super(message);
    this.name = 'SmppDecodeError';
    this.code = code;
    this.status = status;
    this.command_id = header.command_id;
    this.sequence_number = header.sequence_number;
  }
}

/** Misuse of the codec by its caller (a bug, not a wire condition). */
export class SmppCodecError extends Error {
  readonly code: CodecErrorCode;
  constructor(code: CodecErrorCode, message?: string, opts?: { cause?: unknown }) {
    super(message ?? CODEC_ERROR_CODES[code], opts?.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'SmppCodecError';
    this.code = code;
  }
}

export function isSmppDecodeError(e: unknown): e is SmppDecodeError {
  return e instanceof SmppDecodeError;
}

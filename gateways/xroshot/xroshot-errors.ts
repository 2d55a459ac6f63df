// Stable error codes of the Xroshot gateway package (codec, simulator, client, conformance). Carrier
// results (Result 115, 204, ...) are not errors: they are values. These are for bad config, bugs and
// broken streams.
export const XROSHOT_ERROR_CODES = {
  // codec: framing and XML
  XROSHOT_ERR_FRAME_TOO_LARGE: 'more octets than the frame size limit arrived without a NUL terminator',
  XROSHOT_ERR_BAD_ENCODING: 'a frame is not valid UTF-8',
  XROSHOT_ERR_DOCTYPE: 'a frame carries a DOCTYPE or ENTITY declaration (refused before parsing)',
  XROSHOT_ERR_BAD_XML: 'a frame is not a well-formed XML document',
  XROSHOT_ERR_NOT_MAS: 'the document root is not <MAS method="...">',
  XROSHOT_ERR_UNKNOWN_METHOD: 'the MAS method is not one this codec knows',
  XROSHOT_ERR_BAD_FIELD: 'a known MAS method lacks a required element or has one of the wrong shape',
  // codec: crypto
  XROSHOT_ERR_CRYPTO: 'a field could not be decrypted (bad base64, wrong key or bad padding)',
  XROSHOT_ERR_BAD_TICKET: 'a decrypted AuthTicket is not id|password|endUserId|serverTime|oneTimeKey',
  // simulator
  XROSHOT_ERR_CONFIG: 'the simulator or client configuration is invalid',
  // client and conformance
  XROSHOT_ERR_BAD_TARGET: 'a target is not tcp://[spId:password@]host:port',
  XROSHOT_ERR_REGIST_FAILED: 'the server refused req_auth or req_regist with a Result no retry can cure',
  XROSHOT_ERR_NOT_CONNECTED: 'no registered session came up in time, or connect() was not called',
  XROSHOT_ERR_CLOSED: 'the client closed before the message was sent',
  XROSHOT_ERR_BAD_MESSAGE: 'a message given to submit() cannot be sent as it is (kind, empty number, MMS without attachment)',
} as const;
export type XroshotErrorCode = keyof typeof XROSHOT_ERROR_CODES;

export class XroshotError extends Error {
  readonly code: XroshotErrorCode;
  /** The MAS method the failing frame named, when it could be recovered (lets a server answer it). */
  readonly method: string | null;
  constructor(code: XroshotErrorCode, message?: string, opts?: { method?: string | null; cause?: unknown }) {
    super(message ?? XROSHOT_ERROR_CODES[code], opts?.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'XroshotError';
    this.code = code;
    this.method = opts?.method ?? null;
  }
}

export function isXroshotError(e: unknown): e is XroshotError {
  return e instanceof XroshotError;
}

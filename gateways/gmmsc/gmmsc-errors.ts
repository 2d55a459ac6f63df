// Stable error codes of the GMMSC gateway package (codec, simulator, client, conformance). Carrier
// rejections are not errors: they are MM7 StatusCode values. These are for malformed wire data, bad
// config, bugs and broken streams. A codec error carries the MM7 StatusCode (and HTTP status) an MMSC
// answers it with, so the simulator turns any of them into a SOAP Fault without a table of its own.
export const GMMSC_ERROR_CODES = {
  GMMSC_ERR_BAD_XML: 'the SOAP part is not well-formed XML, or uses a DOCTYPE / entity declaration (answer 2007)',
  GMMSC_ERR_BAD_ENVELOPE: 'the XML is not a SOAP 1.1 envelope with one MM7 body element, or lacks the TransactionID header (answer 2007)',
  GMMSC_ERR_BAD_VERSION: 'the body is in a namespace or MM7Version this relay does not speak (answer 4002)',
  GMMSC_ERR_BAD_BODY: 'an MM7 element is missing, repeated or holds a value its type does not allow (answer 2007)',
  GMMSC_ERR_BAD_MIME: 'a Content-Type header or a multipart body breaks RFC 2045/2046 (bad boundary, missing close delimiter, bad part headers or transfer encoding) (answer 2007)',
  GMMSC_ERR_UNSUPPORTED_MEDIA: 'the HTTP Content-Type is neither text/xml nor multipart/related with a text/xml root (HTTP 415, answer 2007)',
  GMMSC_ERR_TOO_LARGE: 'the HTTP body, the SOAP part or one MIME part is over its configured limit, or there are too many parts (HTTP 413, answer 2004)',
  GMMSC_ERR_NO_CONTENT: 'Content href names a part (cid: or Content-Location) the request does not carry (answer 2007)',
  GMMSC_ERR_ENCODE: 'a record given to the encoder cannot be written (missing mandatory field, bad address)',
  GMMSC_ERR_CONFIG: 'the simulator or client configuration is invalid',
  GMMSC_ERR_BAD_MO: 'an MO injection request is malformed or names no account that can receive it',
  GMMSC_ERR_BAD_MESSAGE: 'a message given to the client cannot be turned into MM content (no text and no image, bad image name)',
  GMMSC_ERR_NOT_CONNECTED: 'the client was used before connect()',
  GMMSC_ERR_CLOSED: 'the client is closing or closed; no new submits are taken',
  GMMSC_ERR_XSD: 'schema validation was asked for but cannot run (xmllint missing, no schema for the namespace in the --xsd directory)',
} as const;
export type GmmscErrorCode = keyof typeof GMMSC_ERROR_CODES;

export class GmmscError extends Error {
  readonly code: GmmscErrorCode;
  /** The MM7 StatusCode a relay answers this error with (2007 when not given). Not named statusCode:
   *  fastify would take that for the HTTP status of an error thrown in a route. */
  readonly mm7Status: number;
  /** The HTTP status of that answer (500 for a SOAP Fault unless the error is about HTTP itself). */
  readonly httpStatus: number;
  constructor(code: GmmscErrorCode, message?: string, opts: { mm7Status?: number; httpStatus?: number; cause?: unknown } = {}) {
    super(message ?? GMMSC_ERROR_CODES[code], opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'GmmscError';
    this.code = code;
    this.mm7Status = opts.mm7Status ?? DEFAULT_STATUS[code] ?? 2007;
    this.httpStatus = opts.httpStatus ?? DEFAULT_HTTP[code] ?? 500;
  }
}

const DEFAULT_STATUS: Partial<Record<GmmscErrorCode, number>> = { GMMSC_ERR_BAD_VERSION: 4002, GMMSC_ERR_TOO_LARGE: 2004 };
const DEFAULT_HTTP: Partial<Record<GmmscErrorCode, number>> = { GMMSC_ERR_TOO_LARGE: 413, GMMSC_ERR_UNSUPPORTED_MEDIA: 415 };

export function isGmmscError(e: unknown): e is GmmscError {
  return e instanceof GmmscError;
}

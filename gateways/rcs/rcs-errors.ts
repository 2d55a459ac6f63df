// Stable error codes of the RCS gateway package (simulator, client, conformance). Carrier rejections are
// not errors: they are JSON error bodies with a MaaP result code (codec/rcs-result-codes.ts). These are
// for bad config, bad admin requests, bugs and broken streams.
export const RCS_ERROR_CODES = {
  RCS_ERR_CONFIG: 'the simulator or client configuration is invalid (message names the field)',
  RCS_ERR_BAD_MO: 'an MO injection request (POST /admin/mo) is malformed or names an unknown subscriber',
  RCS_ERR_NO_BOT: 'an admin request names a bot the simulator does not have',
  RCS_ERR_BAD_WEBHOOK: 'a webhook registration is malformed (URL must be http(s))',
  RCS_ERR_AUTH_FAILED: 'client: the MaaP refused the client credentials (token request answered 4xx)',
  RCS_ERR_UNREACHABLE: 'client: the MaaP token endpoint did not answer (timeout, connection error or unreadable body)',
  RCS_ERR_NOT_CONNECTED: 'client: submit() or capability() before connect()',
  RCS_ERR_CLOSED: 'client: the client is closing or closed',
} as const;
export type RcsErrorCode = keyof typeof RCS_ERROR_CODES;

// HTTP status the admin API answers with when one of these escapes a handler.
const STATUS: Partial<Record<RcsErrorCode, number>> = {
  RCS_ERR_BAD_MO: 400,
  RCS_ERR_NO_BOT: 404,
  RCS_ERR_BAD_WEBHOOK: 400,
};

export class RcsError extends Error {
  readonly code: RcsErrorCode;
  readonly statusCode: number | undefined;
  constructor(code: RcsErrorCode, message?: string) {
    super(message ?? RCS_ERROR_CODES[code]);
    this.name = 'RcsError';
    this.code = code;
    this.statusCode = STATUS[code];
  }
}

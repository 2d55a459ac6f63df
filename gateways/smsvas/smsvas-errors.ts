// Stable error codes of the SMSVAS gateway package (simulator, client, conformance). Carrier
// rejections are not errors: they are outcome values. These are for bad config, bugs and broken streams.
export const SMSVAS_ERROR_CODES = {
  SMSVAS_ERR_CONFIG: 'the simulator or client configuration is invalid',
  SMSVAS_ERR_BAD_TARGET: 'a target URL is not smpp://user:pass@host:port',
  SMSVAS_ERR_BIND_FAILED: 'the SMSC refused the bind',
  SMSVAS_ERR_NOT_CONNECTED: 'no bound session is available to send through',
  SMSVAS_ERR_TIMEOUT: 'no response arrived within the response timeout',
  SMSVAS_ERR_CLOSED: 'the session closed before a response arrived',
  SMSVAS_ERR_NO_RECEIVER: 'MO injection found no account for the destination, or its queue is full',
  SMSVAS_ERR_BAD_MO: 'an MO injection request is malformed',
} as const;
export type SmsvasErrorCode = keyof typeof SMSVAS_ERROR_CODES;

export class SmsvasError extends Error {
  readonly code: SmsvasErrorCode;
  constructor(code: SmsvasErrorCode, message?: string) {
    super(message ?? SMSVAS_ERROR_CODES[code]);
    this.name = 'SmsvasError';
    this.code = code;
  }
}

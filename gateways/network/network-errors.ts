// The network package's one errors module. Codes are stable: tools and tests match on `code`, never on
// the message. Every code is documented in README.md (a unit test keeps the two in step).

export const NETWORK_ERROR_CODES = {
  NETWORK_ERR_INVALID: 'A network file or spec failed validation; the message names source, field path and line.',
  NETWORK_ERR_YAML: 'A network file is not well-formed YAML; the message names source and line.',
  NETWORK_ERR_FILE: 'A network file could not be read from disk.',
  NETWORK_ERR_BAD_MSISDN: 'A string is not a Korean mobile number (national 01[016789] + 7-8 digits, or +82/82 form).',
  NETWORK_ERR_BAD_OVERRIDE: 'An override given to network.override() has an unknown field or an impossible value.',
  NETWORK_ERR_NOT_IN_SERVICE: 'NP API: the number is well-formed but not in service (reachability invalid).',
  NETWORK_ERR_NOT_FOUND: 'NP API: no route matches the request.',
  NETWORK_ERR_BAD_REQUEST: 'NP API: a request body is not { msisdns: string[] } with 1 to 10,000 numbers, is not JSON, or is too large.',
} as const;

export type NetworkErrorCode = keyof typeof NETWORK_ERROR_CODES;

export interface NetworkIssue {
  /** Dotted field path, e.g. `rules[2].carrier.SKT`; empty for the whole document. */
  path: string;
  message: string;
  /** 1-based line in the YAML source, when known. */
  line?: number;
}

export class NetworkError extends Error {
  readonly code: NetworkErrorCode;
  /** Field-level detail for NETWORK_ERR_INVALID; empty otherwise. */
  readonly issues: readonly NetworkIssue[];

  constructor(code: NetworkErrorCode, message: string, opts?: { issues?: NetworkIssue[]; cause?: unknown }) {
    super(message, opts?.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'NetworkError';
    this.code = code;
    this.issues = opts?.issues ?? [];
  }
}

export function isNetworkError(e: unknown, code?: NetworkErrorCode): e is NetworkError {
  return e instanceof NetworkError && (code === undefined || e.code === code);
}

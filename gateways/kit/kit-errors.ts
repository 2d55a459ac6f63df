// The kit's one errors module. Codes are stable: tools and tests match on `code`, never on the message.
// Every code is documented in README.md (a unit test keeps the two in step).

export const KIT_ERROR_CODES = {
  KIT_ERR_BEHAVIOUR_INVALID: 'A behaviour file (YAML or JSON) failed validation; the message names source, field path and line.',
  KIT_ERR_BEHAVIOUR_FILE: 'A behaviour file could not be read from disk.',
  KIT_ERR_BAD_DURATION: "A duration is neither a non-negative number of ms nor a string like '250ms', '90s', '10m', '2h', '1d'.",
  KIT_ERR_BAD_ARGUMENT: 'A kit factory was called with an impossible argument (e.g. a token bucket with rate <= 0).',
  KIT_ERR_BAD_REQUEST: 'An admin API request body or query is malformed.',
  KIT_ERR_NOT_FOUND: 'No admin API route matches the request.',
  KIT_ERR_NO_MO: 'The gateway cannot inject mobile-originated messages (POST /admin/mo).',
  KIT_ERR_INTERNAL: 'An admin API handler failed unexpectedly.',
} as const;

export type KitErrorCode = keyof typeof KIT_ERROR_CODES;

export interface KitIssue {
  /** Dotted field path, e.g. `rules[2].when.destination`; empty for the whole document. */
  path: string;
  message: string;
  /** 1-based line in the YAML source, when known. */
  line?: number;
}

export class KitError extends Error {
  readonly code: KitErrorCode;
  /** Field-level detail for KIT_ERR_BEHAVIOUR_INVALID; empty otherwise. */
  readonly issues: readonly KitIssue[];

  constructor(code: KitErrorCode, message: string, opts?: { issues?: KitIssue[]; cause?: unknown }) {
    super(message, opts?.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'KitError';
    this.code = code;
    this.issues = opts?.issues ?? [];
  }
}

export function isKitError(e: unknown, code?: KitErrorCode): e is KitError {
  return e instanceof KitError && (code === undefined || e.code === code);
}

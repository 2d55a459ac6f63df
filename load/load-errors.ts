// The load package's one errors module. Codes are stable: tools and tests match on `code`, never on the
// message. Every code is documented in load/profiles/README.md (a unit test keeps the two in step).

export const LOAD_ERROR_CODES = {
  LOAD_ERR_FILE: 'A load profile file could not be read (or no shipped profile has that name).',
  LOAD_ERR_YAML: 'A load profile is not well-formed YAML; the message names the file and line.',
  LOAD_ERR_INVALID: 'A load profile failed validation; one line per problem: <file>:<line>: <field path>: <what is wrong>.',
  LOAD_ERR_STACK: 'The in-process stack (network, simulators, engine) could not be started.',
  LOAD_ERR_TARGET: 'The target engine could not be reached or refused the first request (wrong URL or API key).',
} as const;

export type LoadErrorCode = keyof typeof LOAD_ERROR_CODES;

export interface LoadIssue {
  /** Field path, e.g. `phases[1].request.batchSize`; empty for the whole document. */
  path: string;
  message: string;
  /** 1-based line in the YAML source, when known. */
  line?: number;
}

export class LoadError extends Error {
  readonly code: LoadErrorCode;
  /** Field-level detail for LOAD_ERR_INVALID and LOAD_ERR_YAML; empty otherwise. */
  readonly issues: readonly LoadIssue[];

  constructor(code: LoadErrorCode, message: string, opts?: { issues?: LoadIssue[]; cause?: unknown }) {
    super(message, opts?.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'LoadError';
    this.code = code;
    this.issues = opts?.issues ?? [];
  }
}

export function isLoadError(e: unknown, code?: LoadErrorCode): e is LoadError {
  return e instanceof LoadError && (code === undefined || e.code === code);
}

// The scenarios package's one errors module. Codes are stable: tools and tests match on `code`, never on
// the message. Every code is documented in README.md (a unit test keeps the two in step).

export const SCENARIO_ERROR_CODES = {
  SCENARIO_ERR_FILE: 'A scenario file could not be read from disk.',
  SCENARIO_ERR_YAML: 'A scenario file is not well-formed YAML; the message names the file and line.',
  SCENARIO_ERR_INVALID: 'A scenario failed validation; one line per problem: <file>:<line>: <field path>: <what is wrong>.',
} as const;

export type ScenarioErrorCode = keyof typeof SCENARIO_ERROR_CODES;

export interface ScenarioIssue {
  /** Field path, e.g. `traffic[2].batch.recipients.count`; empty for the whole document. */
  path: string;
  message: string;
  /** 1-based line in the YAML source, when known. */
  line?: number;
}

export class ScenarioError extends Error {
  readonly code: ScenarioErrorCode;
  /** Field-level detail for SCENARIO_ERR_INVALID and SCENARIO_ERR_YAML; empty otherwise. */
  readonly issues: readonly ScenarioIssue[];

  constructor(code: ScenarioErrorCode, message: string, opts?: { issues?: ScenarioIssue[]; cause?: unknown }) {
    super(message, opts?.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ScenarioError';
    this.code = code;
    this.issues = opts?.issues ?? [];
  }
}

export function isScenarioError(e: unknown, code?: ScenarioErrorCode): e is ScenarioError {
  return e instanceof ScenarioError && (code === undefined || e.code === code);
}

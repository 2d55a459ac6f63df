// Errors of a scenario run (the format's own errors are in ../scenario-errors.ts). Codes are stable;
// `msgsim run` exits 2 for a run that cannot start and 1 for a run that started and failed.

export const RUN_ERROR_CODES = {
  RUN_ERR_START: 'The stack (network, simulators, engine) or the templates could not be set up; nothing was sent.',
  RUN_ERR_NO_RECIPIENT: 'A recipient selector matched no number of the simulated network within the draw limit.',
  RUN_ERR_UNSUPPORTED: 'The scenario asks for something the chosen setup cannot do (e.g. a webhook-down fault against an external engine).',
} as const;

export type RunErrorCode = keyof typeof RUN_ERROR_CODES;

export class RunError extends Error {
  readonly code: RunErrorCode;

  constructor(code: RunErrorCode, message: string, opts?: { cause?: unknown }) {
    super(message, opts?.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'RunError';
    this.code = code;
  }
}

export function isRunError(e: unknown, code?: RunErrorCode): e is RunError {
  return e instanceof RunError && (code === undefined || e.code === code);
}

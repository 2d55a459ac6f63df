// Runs a gateway's selected conformance checks one after another. Sequential on purpose: reports go to
// whichever session or receiver of the account is listening, and a rate limit shared between checks
// would make results depend on scheduling. Each check is capped in time, crashes become failures, and
// a skip must point at a check that really failed in this run.
import { applyExpectation, type ConformanceExpectations } from './conformance-expectations.ts';
import { VerdictSignal, type CheckVerdict, type ConformanceCheck, type ConformanceOutcome, type ConformanceResult } from './conformance-check.ts';

export interface CheckScope<Ctx> {
  ctx: Ctx;
  /** Called when the check ends, however it ended (e.g. closes the connections it opened). */
  cleanup?: () => Promise<void>;
}

export interface RunChecksOptions<Ctx, Ref extends string> {
  /** The checks to run, in run order. */
  checks: ReadonlyArray<ConformanceCheck<Ctx> & { [K in Ref]: string }>;
  /** The checks' reference field copied into each result ('clause', 'source'). */
  reference: Ref;
  /** Longest a single check may take before it is failed. */
  capMs: number;
  /** The context one check runs in. */
  openContext(check: ConformanceCheck<Ctx>): CheckScope<Ctx>;
  expectations?: ConformanceExpectations;
  /** Called as each check finishes (for progress output). */
  onResult?: (result: ConformanceResult<Ref>) => void;
}

interface Ran {
  id: string;
  verdict: CheckVerdict;
}

export async function runConformanceChecks<Ctx, Ref extends string>(opts: RunChecksOptions<Ctx, Ref>): Promise<ConformanceOutcome<Ref>> {
  const ran: Array<Ran & { check: (typeof opts.checks)[number]; ms: number }> = [];
  for (const check of opts.checks) {
    const started = performance.now();
    const verdict = await runOne(check, opts);
    const ms = Math.round(performance.now() - started);
    ran.push({ id: check.id, check, verdict, ms });
    opts.onResult?.(toResult(check, settleSkip(verdict, ran, { final: false }), ms, opts));
  }
  const results = ran.map(({ check, verdict, ms }) => toResult(check, settleSkip(verdict, ran), ms, opts));
  return { passed: results.length > 0 && results.every((r) => r.status !== 'fail' && r.status !== 'unexpected-pass'), results };
}

async function runOne<Ctx>(check: ConformanceCheck<Ctx>, opts: { capMs: number; openContext(check: ConformanceCheck<Ctx>): CheckScope<Ctx> }): Promise<CheckVerdict> {
  let timer: NodeJS.Timeout | undefined;
  let scope: CheckScope<Ctx> | undefined;
  try {
    scope = opts.openContext(check);
    const cap = new Promise<CheckVerdict>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'fail', detail: `check did not finish within ${opts.capMs}ms` }), opts.capMs);
    });
    return await Promise.race([check.run(scope.ctx), cap]);
  } catch (err) {
    return err instanceof VerdictSignal ? err.verdict : { status: 'fail', detail: `check crashed: ${(err as Error).message}` };
  } finally {
    clearTimeout(timer);
    await scope?.cleanup?.();
  }
}

/**
 * A skip is only honest when the check it points at failed in this run; a skip whose prerequisite
 * passed or did not run is a failure of its own. While the run is going (`final: false`), a
 * prerequisite that has not run yet has not had its say, so the skip stands for now.
 */
export function settleSkip(verdict: CheckVerdict, ran: ReadonlyArray<Ran>, { final = true }: { final?: boolean } = {}): CheckVerdict {
  if (verdict.status !== 'skip' || !verdict.prerequisite) return verdict;
  const preAt = ran.findIndex((r) => r.id === verdict.prerequisite);
  if (preAt < 0 && !final) return verdict;
  if (preAt >= 0 && ran[preAt].verdict.status !== 'pass') return { ...verdict, detail: `${verdict.detail} (see ${verdict.prerequisite})` };
  const selfAt = ran.findIndex((r) => r.verdict === verdict);
  const why = preAt < 0 ? 'was not run' : selfAt >= 0 && preAt > selfAt ? 'passed later' : 'passed earlier';
  return { status: 'fail', detail: `${verdict.detail} (${verdict.prerequisite} ${why})` };
}

function toResult<Ref extends string>(
  check: ConformanceCheck<unknown> & { [K in Ref]: string },
  verdict: CheckVerdict,
  ms: number,
  opts: { reference: Ref; expectations?: ConformanceExpectations },
): ConformanceResult<Ref> {
  const judged = applyExpectation(verdict, opts.expectations?.expectedFailures[check.id]);
  return { id: check.id, title: check.title, [opts.reference]: check[opts.reference], ...judged, ms } as ConformanceResult<Ref>;
}

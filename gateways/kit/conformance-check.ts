// What a conformance check is, for every gateway's suite. A check is data (id, title and the gateway's
// reference field: the spec clause, or where a rule comes from) plus one async run; it reports through
// a verdict value, never through logs. The context a check runs in is the gateway's own protocol.

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckVerdict {
  status: CheckStatus;
  detail?: string;
  /** For a skip caused by another check's failure: that check's id. */
  prerequisite?: string;
}

export interface ConformanceCheck<Ctx> {
  /** Dotted id; the part before the first dot is its group (`--only bind` picks every bind.* check). */
  id: string;
  title: string;
  run(ctx: Ctx): Promise<CheckVerdict>;
}

export const pass = (detail?: string): CheckVerdict => ({ status: 'pass', detail });
export const fail = (detail: string): CheckVerdict => ({ status: 'fail', detail });
export const skip = (detail: string, prerequisite?: string): CheckVerdict => ({ status: 'skip', detail, prerequisite });

/** Thrown from helpers deep inside a check to end it with a verdict. */
export class VerdictSignal extends Error {
  constructor(readonly verdict: CheckVerdict) {
    super(verdict.detail ?? verdict.status);
    this.name = 'VerdictSignal';
  }
}

/** A check's verdict after the target's expectations are applied. */
export type ConformanceStatus = CheckStatus | 'expected-fail' | 'unexpected-pass';

/**
 * One row of a report. `Ref` names the gateway's reference field (`clause` for the suites that follow a
 * published spec, `source` where the rules are a reconstruction); it sits between title and status.
 */
export type ConformanceResult<Ref extends string = 'clause'> = { id: string; title: string } & { [K in Ref]: string } & {
  status: ConformanceStatus;
  detail?: string;
  ms: number;
};

export interface ConformanceOutcome<Ref extends string = 'clause'> {
  /** True when at least one check ran and none failed or passed against an expected failure. */
  passed: boolean;
  results: ConformanceResult<Ref>[];
}

export interface ConformanceReport<Ref extends string = 'clause'> extends ConformanceOutcome<Ref> {
  /** The target with any password masked. */
  target: string;
  targetName?: string;
}

/** Computes once per run and shares the result between checks (e.g. one receipt for several checks). */
export type SharedResults = <T>(key: string, compute: () => Promise<T>) => Promise<T>;

/** What every gateway's check context offers besides its protocol. */
export interface CheckContextBasics {
  shared: SharedResults;
}

export function createSharedResults(): SharedResults {
  const memo = new Map<string, Promise<unknown>>();
  return <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = compute();
      memo.set(key, p);
    }
    return p;
  };
}

export interface ConnectionTracker<S> {
  /** A new connection; one that cannot be made fails the check with the connect error's message. */
  open(): Promise<S>;
  /** Closes every connection opened through `open`, whatever the check did with them. */
  closeAll(): Promise<void>;
}

/** Tracks the connections one check opens, so the runner can close them when the check ends. */
export function trackConnections<S extends { close(): Promise<void> }>(connect: () => Promise<S>): ConnectionTracker<S> {
  const opened: S[] = [];
  return {
    async open() {
      let s: S;
      try {
        s = await connect();
      } catch (err) {
        throw new VerdictSignal(fail((err as Error).message));
      }
      opened.push(s);
      return s;
    },
    async closeAll() {
      await Promise.all(opened.map((s) => s.close()));
    },
  };
}

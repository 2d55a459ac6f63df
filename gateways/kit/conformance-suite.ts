// A gateway's whole list of conformance checks, with what is decided about it before a run: which
// checks `--only` picks, and which expectations apply. Errors come from the gateway's factory so its
// suite keeps its own stable error code.
import type { ConformanceCheck } from './conformance-check.ts';
import {
  loadExpectations,
  parseExpectations,
  resolveExpectations,
  type ConfigErrorFactory,
  type ConformanceExpectations,
} from './conformance-expectations.ts';

export interface ConformanceSuite<C extends ConformanceCheck<never>> {
  /** Every check, in run order. */
  readonly checks: readonly C[];
  readonly ids: ReadonlySet<string>;
  /** Check ids, or groups such as 'receipt' for every receipt.* check; none given: every check. */
  select(only: readonly string[] | undefined): C[];
  /** A file name is loaded, an object is checked; every listed id must name one of the checks. */
  resolveExpectations(given: string | ConformanceExpectations | undefined): ConformanceExpectations | undefined;
  parseExpectations(text: string, source?: string): ConformanceExpectations;
  loadExpectations(file: string): ConformanceExpectations;
}

export function createConformanceSuite<C extends ConformanceCheck<never>>(checks: readonly C[], configError: ConfigErrorFactory): ConformanceSuite<C> {
  const ids: ReadonlySet<string> = new Set(checks.map((c) => c.id));
  const picks = (c: C, wanted: string) => c.id === wanted || c.id.startsWith(`${wanted}.`);
  return {
    checks,
    ids,
    select(only) {
      const wanted = (only ?? []).map((s) => s.trim()).filter(Boolean);
      if (wanted.length === 0) return [...checks];
      const unknown = wanted.filter((w) => !checks.some((c) => picks(c, w)));
      if (unknown.length > 0) throw configError(`unknown check id(s): ${unknown.join(', ')}`);
      return checks.filter((c) => wanted.some((w) => picks(c, w)));
    },
    resolveExpectations: (given) => resolveExpectations(given, ids, configError),
    parseExpectations: (text, source) => parseExpectations(text, configError, source),
    loadExpectations: (file) => loadExpectations(file, ids, configError),
  };
}

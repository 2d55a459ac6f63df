// Known gaps of a target, as data (one file format for every gateway's suite): a listed check that
// fails is an expected failure; one that passes is an unexpected pass and fails the run, so the list
// cannot silently go stale. Errors are raised through the gateway's own factory so each suite keeps
// its stable code (SMSVAS_ERR_CONFIG, RCS_ERR_CONFIG, ...).
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { CheckVerdict, ConformanceStatus } from './conformance-check.ts';

/** Builds the gateway's configuration error for a message. */
export type ConfigErrorFactory = (message: string) => Error;

const schema = z.strictObject({
  'target-name': z.string().min(1).optional(),
  'expected-failures': z.record(z.string().min(1), z.string().min(1, 'give a reason')).nullish(),
});

export interface ConformanceExpectations {
  targetName?: string;
  /** check id -> why this target is known to fail it. */
  expectedFailures: Record<string, string>;
}

export function parseExpectations(text: string, configError: ConfigErrorFactory, source = 'expectations'): ConformanceExpectations {
  let doc: unknown;
  try {
    doc = parseYaml(text) ?? {};
  } catch (err) {
    throw configError(`${source}: not YAML: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw configError(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { targetName: parsed.data['target-name'], expectedFailures: parsed.data['expected-failures'] ?? {} };
}

/** Every listed id must name a check, or a typo would hide a failure forever. */
export function assertKnownChecks(exp: ConformanceExpectations, knownIds: ReadonlySet<string>, configError: ConfigErrorFactory, source = 'expectations'): void {
  const unknown = Object.keys(exp.expectedFailures).filter((id) => !knownIds.has(id));
  if (unknown.length > 0) throw configError(`${source}: unknown check id(s) in expected-failures: ${unknown.join(', ')}`);
}

/** Reads and checks an expectations file against the suite's check ids. */
export function loadExpectations(file: string, knownIds: ReadonlySet<string>, configError: ConfigErrorFactory): ConformanceExpectations {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw configError(`cannot read expectations file ${file}: ${(err as Error).message}`);
  }
  const exp = parseExpectations(text, configError, file);
  assertKnownChecks(exp, knownIds, configError, file);
  return exp;
}

/** A file name is loaded, an object is checked; either way every listed id names a check. */
export function resolveExpectations(
  given: string | ConformanceExpectations | undefined,
  knownIds: ReadonlySet<string>,
  configError: ConfigErrorFactory,
): ConformanceExpectations | undefined {
  if (given === undefined) return undefined;
  if (typeof given === 'string') return loadExpectations(given, knownIds, configError);
  assertKnownChecks(given, knownIds, configError);
  return given;
}

/** The status and detail a verdict reports once the check's listed reason (if any) is applied. */
export function applyExpectation(verdict: CheckVerdict, reason: string | undefined): { status: ConformanceStatus; detail?: string } {
  if (reason !== undefined && verdict.status === 'fail') return { status: 'expected-fail', detail: `${reason} — ${verdict.detail ?? ''}` };
  if (reason !== undefined && verdict.status === 'pass') {
    return { status: 'unexpected-pass', detail: `listed as expected failure (${reason}) but passed${verdict.detail ? `: ${verdict.detail}` : ''}` };
  }
  return verdict.detail ? { status: verdict.status, detail: verdict.detail } : { status: verdict.status };
}

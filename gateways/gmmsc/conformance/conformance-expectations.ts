// Known gaps of a target, as data: a listed check that fails is an expected failure, one that passes
// is reported as an unexpected pass and fails the run, so the list cannot silently go stale.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { GmmscError } from '../gmmsc-errors.ts';

const schema = z
  .object({
    'target-name': z.string().min(1).optional(),
    'expected-failures': z.record(z.string().min(1), z.string().min(1, 'give a reason')).nullish(),
  })
  .strict();

export interface ConformanceExpectations {
  targetName?: string;
  /** check id -> why this target is known to fail it. */
  expectedFailures: Record<string, string>;
}

export function parseExpectations(text: string, source = 'expectations'): ConformanceExpectations {
  let doc: unknown;
  try {
    doc = parseYaml(text) ?? {};
  } catch (err) {
    throw new GmmscError('GMMSC_ERR_CONFIG', `${source}: not YAML: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GmmscError('GMMSC_ERR_CONFIG', `${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { targetName: parsed.data['target-name'], expectedFailures: parsed.data['expected-failures'] ?? {} };
}

export function loadExpectations(file: string): ConformanceExpectations {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new GmmscError('GMMSC_ERR_CONFIG', `cannot read expectations file ${file}: ${(err as Error).message}`);
  }
  return parseExpectations(text, file);
}

/** Every listed id must name a check, or a typo would hide a failure forever. */
export function assertKnownChecks(exp: ConformanceExpectations, knownIds: ReadonlySet<string>, source = 'expectations'): void {
  const unknown = Object.keys(exp.expectedFailures).filter((id) => !knownIds.has(id));
  if (unknown.length > 0) throw new GmmscError('GMMSC_ERR_CONFIG', `${source}: unknown check id(s) in expected-failures: ${unknown.join(', ')}`);
}

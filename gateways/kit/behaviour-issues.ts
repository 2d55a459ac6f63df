// Turns YAML syntax errors and schema issues in a behaviour model (or an engine config) into one
// KitError a person can act on: `<source>:<line>: <field path>: <what is wrong>`, one line per problem.
import type { z } from 'zod';
import { KitError } from './kit-errors.ts';
import { describeIssues, type LocateLine, readYamlText, renderIssues } from './yaml-issues.ts';

/** YAML (JSON is a subset) -> plain value plus a path -> line lookup; syntax errors throw. */
export function parseBehaviourText(text: string, source: string): { value: unknown; locate: LocateLine } {
  const read = readYamlText(text);
  if (!read.ok) throw new KitError('KIT_ERR_BEHAVIOUR_INVALID', renderIssues(read.issues, source), { issues: read.issues });
  return { value: read.value, locate: read.locate };
}

export function validationError(issues: readonly z.core.$ZodIssue[], root: unknown, source: string, locate?: LocateLine): KitError {
  const out = describeIssues(issues, root, locate, 'version: 1, rules: ..., reports: ...');
  return new KitError('KIT_ERR_BEHAVIOUR_INVALID', renderIssues(out, source), { issues: out });
}

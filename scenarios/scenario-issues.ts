// Scenario YAML -> plain value with a field-path -> line lookup, and zod issues -> SCENARIO_ERR_* errors
// a person editing the file can act on: `<file>:<line>: <field path>: <what is wrong>`.
import type { z } from 'zod';
import { describeIssues, type LocateLine, readYamlText, renderIssues } from '../gateways/kit/yaml-issues.ts';
import { ScenarioError } from './scenario-errors.ts';

export type { LocateLine } from '../gateways/kit/yaml-issues.ts';
export { renderIssues, UNKNOWN_KEY } from '../gateways/kit/yaml-issues.ts';

/** Parses YAML (JSON is a subset); syntax errors throw SCENARIO_ERR_YAML naming the line. */
export function readScenarioYaml(text: string, source: string): { value: unknown; locate: LocateLine } {
  const read = readYamlText(text);
  if (!read.ok) throw new ScenarioError('SCENARIO_ERR_YAML', renderIssues(read.issues, source), { issues: read.issues });
  return { value: read.value, locate: read.locate };
}

/** SCENARIO_ERR_INVALID with one located line per problem. */
export function invalidScenario(issues: readonly z.core.$ZodIssue[], root: unknown, source: string, locate?: LocateLine): ScenarioError {
  const out = describeIssues(issues, root, locate);
  return new ScenarioError('SCENARIO_ERR_INVALID', renderIssues(out, source), { issues: out });
}

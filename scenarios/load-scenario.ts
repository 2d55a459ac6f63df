// Reads and validates scenario files. Every problem is reported as `<file>:<line>: <field path>: <what
// is wrong>`, so a person can jump to it; nothing is started or contacted here.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { loadNetworkSpec } from '../gateways/network/load-network.ts';
import type { EngineConfigInput } from '../engine/engine-config.ts';
import { ScenarioError } from './scenario-errors.ts';
import { invalidScenario, readScenarioYaml, renderIssues } from './scenario-issues.ts';
import type { LocateLine } from './scenario-issues.ts';
import { scenarioSchema } from './scenario-schema.ts';
import type { Scenario } from './scenario-schema.ts';

export interface ParseScenarioOptions {
  /** Relative paths in the scenario (network.file) resolve against it; default: left as written. */
  baseDir?: string;
}

/** Validates scenario YAML (or JSON) text. Throws ScenarioError SCENARIO_ERR_YAML / SCENARIO_ERR_INVALID. */
export function parseScenario(text: string, sourceName = 'scenario', opts: ParseScenarioOptions = {}): Scenario {
  return parseWithLines(text, sourceName, opts).scenario;
}

/**
 * Reads a scenario file and validates it, including that its network file exists and is valid.
 * Throws ScenarioError SCENARIO_ERR_FILE / SCENARIO_ERR_YAML / SCENARIO_ERR_INVALID.
 */
export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError('SCENARIO_ERR_FILE', `cannot read scenario file ${path}: ${(e as Error).message}`, { cause: e });
  }
  const { scenario, locate } = parseWithLines(text, path, { baseDir: dirname(resolve(path)) });
  if (scenario.network.file !== undefined) {
    try {
      loadNetworkSpec(scenario.network.file);
    } catch (e) {
      const line = locate(['network', 'file']);
      const issue = { path: 'network.file', message: (e as Error).message.split('\n').join(' '), ...(line === undefined ? {} : { line }) };
      throw new ScenarioError('SCENARIO_ERR_INVALID', renderIssues([issue], path), { issues: [issue], cause: e });
    }
  }
  return scenario;
}

function parseWithLines(text: string, source: string, opts: ParseScenarioOptions): { scenario: Scenario; locate: LocateLine } {
  const { value, locate } = readScenarioYaml(text, source);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null || value === undefined ? 'an empty document' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    const issue = { path: '', message: `expected a mapping (version: 1, name: ..., traffic: ...), got ${got}` };
    throw new ScenarioError('SCENARIO_ERR_INVALID', renderIssues([issue], source), { issues: [issue] });
  }
  const result = scenarioSchema.safeParse(value);
  if (!result.success) throw invalidScenario(result.error.issues, value, source, locate);
  const parsed = result.data;
  const raw = value as { engine?: { config?: EngineConfigInput } };
  const file = parsed.network.file;
  const scenario: Scenario = {
    ...parsed,
    source,
    // Overrides as written: the runner merges them over its own config, so defaults must not be filled in here.
    engine: { ...parsed.engine, ...(raw.engine?.config === undefined ? {} : { config: structuredClone(raw.engine.config) }) },
    network: { ...parsed.network, ...(file !== undefined && opts.baseDir !== undefined && !isAbsolute(file) ? { file: resolve(opts.baseDir, file) } : {}) },
  };
  return { scenario, locate };
}

// Runs a shipped scenario file through the runner in this process, as `msgsim run` does, and fails
// the test on a runner error or on any expectation the file states (each shown expected vs actual).
import { join } from 'node:path';
import { expect } from 'vitest';
import type { GatewayName } from '../../../engine/channel.ts';
import { loadScenario } from '../../../scenarios/load-scenario.ts';
import type { ScenarioResult } from '../../../scenarios/report/scenario-result.ts';
import { runScenario, type RunScenarioOptions } from '../../../scenarios/runner/run-scenario.ts';

export const SCENARIOS = join(import.meta.dirname, '..', '..', '..', 'scenarios');

export async function runShipped(file: string, opts: RunScenarioOptions = {}): Promise<ScenarioResult> {
  const result = await runScenario(loadScenario(join(SCENARIOS, file)), opts);
  const failed = result.expectations.filter((e) => !e.passed).map((e) => `${e.description}: expected ${e.expected}, actual ${e.actual}`);
  expect(result.error).toBeUndefined();
  expect(failed).toEqual([]);
  expect(result.passed).toBe(true);
  return result;
}

export const gatewayOf = (r: ScenarioResult, gw: GatewayName) => r.gateways.find((g) => g.gateway === gw);
export const latencyOf = (r: ScenarioResult, channel: GatewayName | 'all') => r.latency.find((l) => l.channel === channel);

// Reads the engine's YAML config (`msgsim engine --config FILE`): an empty or missing document is the
// all-defaults config; YAML syntax errors and schema problems come back as one ENGINE_ERR_CONFIG whose
// message names the file, line and field of each problem.
import { readFileSync } from 'node:fs';
import { parseBehaviourText, validationError } from '../gateways/kit/behaviour-issues.ts';
import { isKitError } from '../gateways/kit/kit-errors.ts';
import { engineConfigSchema, type EngineConfig } from './engine-config.ts';
import { EngineError } from './engine-errors.ts';

export function parseEngineConfig(text: string, source: string): EngineConfig {
  let parsed: ReturnType<typeof parseBehaviourText>;
  try {
    parsed = parseBehaviourText(text, source);
  } catch (e) {
    if (isKitError(e)) throw new EngineError('ENGINE_ERR_CONFIG', e.message, { cause: e });
    throw e;
  }
  const value = parsed.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new EngineError('ENGINE_ERR_CONFIG', `${source}: expected a mapping (api:, gateways:, routes:, tenants:, store: ...), got ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}`);
  }
  const result = engineConfigSchema.safeParse(value);
  if (!result.success) {
    const err = validationError(result.error.issues, value, source, parsed.locate);
    throw new EngineError('ENGINE_ERR_CONFIG', `invalid engine config\n${err.message}`, { cause: err });
  }
  return result.data;
}

/** The config in `file`, or the defaults when no file is named. */
export function loadEngineConfig(file?: string): EngineConfig {
  if (file === undefined) return engineConfigSchema.parse({});
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new EngineError('ENGINE_ERR_CONFIG', `${file}: cannot read the engine config: ${(e as Error).message}`, { cause: e });
  }
  return parseEngineConfig(text, file);
}

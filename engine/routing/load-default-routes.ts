// Route plans are data: the defaults live in default-routes.yaml (each plan's reason is written next to
// it) and are validated by the same schema as the engine config's `routes:`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseBehaviourText } from '../../gateways/kit/behaviour-issues.ts';
import { isKitError } from '../../gateways/kit/kit-errors.ts';
import { routePlanSchema } from '../engine-config.ts';
import type { RoutePlan } from '../engine-config.ts';
import { EngineError } from '../engine-errors.ts';

export const DEFAULT_ROUTES_FILE = fileURLToPath(new URL('./default-routes.yaml', import.meta.url));

const routesFileSchema = z.strictObject({ routes: z.array(routePlanSchema).min(1) });

/** The default route plans (or those of another file of the same shape). Throws ENGINE_ERR_CONFIG. */
export function loadDefaultRoutes(path: string = DEFAULT_ROUTES_FILE): RoutePlan[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new EngineError('ENGINE_ERR_CONFIG', `${path}: cannot read route plans: ${(e as Error).message}`, { cause: e });
  }
  return parseRoutePlans(text, path);
}

/** Route plans from YAML text `routes: [...]`; every problem is reported as `source:line: path: message`. */
export function parseRoutePlans(text: string, source: string): RoutePlan[] {
  let parsed: ReturnType<typeof parseBehaviourText>;
  try {
    parsed = parseBehaviourText(text, source);
  } catch (e) {
    if (isKitError(e)) throw new EngineError('ENGINE_ERR_CONFIG', e.message, { cause: e });
    throw e;
  }
  const result = routesFileSchema.safeParse(parsed.value);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
      const line = parsed.locate(issue.path);
      return `${source}${line === undefined ? '' : `:${line}`}: ${path || '(document)'}: ${issue.message}`;
    });
    throw new EngineError('ENGINE_ERR_CONFIG', `invalid route plans\n${lines.join('\n')}`);
  }
  const names = new Set<string>();
  for (const plan of result.data.routes) {
    if (names.has(plan.name)) throw new EngineError('ENGINE_ERR_CONFIG', `${source}: route plan name '${plan.name}' is used twice`);
    names.add(plan.name);
  }
  return result.data.routes;
}

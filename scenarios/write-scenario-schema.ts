// Regenerates scenarios/scenario.schema.json from the zod schema:
//   node --import tsx scenarios/write-scenario-schema.ts
// A unit test fails when the checked-in file and the schema drift apart (e.g. after a preset is added).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from './scenario-schema.ts';

export const SCENARIO_SCHEMA_FILE = fileURLToPath(new URL('./scenario.schema.json', import.meta.url));

export function scenarioSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCENARIO_SCHEMA_FILE, scenarioSchemaText());
  console.log(`wrote ${SCENARIO_SCHEMA_FILE}`);
}

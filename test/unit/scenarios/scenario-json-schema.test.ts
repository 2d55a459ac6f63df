import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SCENARIO_ERROR_CODES } from '../../../scenarios/scenario-errors.ts';
import { SCENARIO_SCHEMA_ID } from '../../../scenarios/scenario-schema.ts';
import { SCENARIO_SCHEMA_FILE, scenarioSchemaText } from '../../../scenarios/write-scenario-schema.ts';

const readme = readFileSync(new URL('../../../scenarios/README.md', import.meta.url), 'utf8');
const checkedIn = readFileSync(SCENARIO_SCHEMA_FILE, 'utf8');

// ajv arrives with fastify; it is only the test's independent JSON Schema validator.
const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as new (opts: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] } };

describe('scenario.schema.json', () => {
  it('is the schema generated from the zod schema (regenerate: node --import tsx scenarios/write-scenario-schema.ts)', () => {
    expect(checkedIn).toBe(scenarioSchemaText());
  });

  it('has an $id, a title and the 2020-12 dialect', () => {
    const schema = JSON.parse(checkedIn) as Record<string, unknown>;
    expect(schema.$id).toBe(SCENARIO_SCHEMA_ID);
    expect(schema.title).toMatch(/scenario/);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('lets an editor check the README example, and catches an unknown field and an unknown preset', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(JSON.parse(checkedIn) as object);
    const example = parseYaml((/```yaml\n([\s\S]*?)```/.exec(readme) as RegExpExecArray)[1]) as Record<string, unknown>;
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...example, colour: 'red' })).toBe(false);
    expect(validate({ ...example, gateways: { smsvas: { preset: 'no-such-preset' } } })).toBe(false);
    expect(validate({ ...example, traffic: [{ send: { at: '0s', to: 'ktIos', text: 'x' }, batch: { at: '0s', recipients: ['ktIos'], text: 'x' } }] })).toBe(false);
  });

  it('is documented in the README with the yaml-language-server comment', () => {
    expect(readme).toContain('# yaml-language-server: $schema=./scenario.schema.json');
  });
});

describe('scenarios README', () => {
  it('documents every error code, and no code that does not exist', () => {
    const documented = new Set(readme.match(/SCENARIO_ERR_[A-Z_]+/g));
    expect([...documented].sort()).toEqual(Object.keys(SCENARIO_ERROR_CODES).sort());
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOAD_ERROR_CODES, LoadError, isLoadError } from '../../../load/load-errors.ts';
import { listShippedProfiles, parseLoadProfile, readLoadProfile } from '../../../load/read-load-profile.ts';

const readme = readFileSync(new URL('../../../load/profiles/README.md', import.meta.url), 'utf8');

const VALID = `name: tiny
phases:
  - name: only
    duration: 3s
    connections: 2
    request:
      kind: single
      recipients: { onNet: 0.5 }
targets:
  sustainedPerHour: 1000
  intakeP99Ms: 500
  errors: 0.01
`;

function errorOf(text: string, source = 'p.yaml'): LoadError {
  try {
    parseLoadProfile(text, source);
  } catch (e) {
    if (e instanceof LoadError) return e;
    throw e;
  }
  throw new Error('expected a LoadError');
}

describe('parseLoadProfile', () => {
  it('fills in the defaults of a minimal profile', () => {
    const p = parseLoadProfile(VALID, 'p.yaml');
    expect(p.seed).toBe('tiny');
    expect(p.apiKey).toBe('load-key-0001');
    expect(p.drainTimeout).toBe(60_000);
    expect(p.stack).toEqual({ store: 'sqlite', gatewayTps: 100_000 });
    expect(p.phases[0]).toMatchObject({ duration: 3000, pipelining: 1, measure: true });
    expect(p.phases[0].request).toEqual({ kind: 'single', batchSize: 1, from: '15880000', mix: { sms: 1 }, recipients: { onNet: 0.5, reachableOnly: true }, mediaBytes: 10_240 });
  });

  it('names file, line and field of an unknown field', () => {
    const e = errorOf(VALID.replace('      kind: single\n', '      kind: single\n      colour: blue\n'));
    expect(e.code).toBe('LOAD_ERR_INVALID');
    expect(e.message).toBe("p.yaml:8: phases[0].request.colour: unknown field 'colour'");
    expect(e.issues).toEqual([{ path: 'phases[0].request.colour', message: "unknown field 'colour'", line: 8 }]);
  });

  it('asks a batch for its size at the request line', () => {
    const e = errorOf(VALID.replace('kind: single', 'kind: batch'));
    expect(e.message).toBe('p.yaml:6: phases[0].request.batchSize: a batch needs batchSize (1..10000)');
  });

  it('refuses a batch larger than the API takes', () => {
    const e = errorOf(VALID.replace('kind: single', 'kind: batch\n      batchSize: 10001'));
    expect(e.message).toBe('p.yaml:8: phases[0].request.batchSize: must be <= 10000');
  });

  it('explains that an unquoted number loses its leading zero', () => {
    const e = errorOf(VALID.replace('{ onNet: 0.5 }', '{ range: { from: 01050000000, to: "01050000099" } }'));
    expect(e.message).toMatch(/^p\.yaml:8: phases\[0\]\.request\.recipients\.range\.from: expected a Korean mobile number as a quoted string/);
  });

  it('reports a bad duration, an unknown section and a missing target, one line each', () => {
    const text = `name: tiny
phases:
  - name: only
    duration: soon
    connections: 2
    request: { kind: single, recipients: { onNet: 1 } }
extra: true
targets:
  sustainedPerHour: 1000
  intakeP99Ms: 500
`;
    const e = errorOf(text);
    expect(e.issues.map((i) => `${i.line}: ${i.path}: ${i.message}`).sort()).toEqual(['4: phases[0].duration: not a duration: soon', "7: extra: unknown field 'extra'", '8: targets.errors: is required']);
  });

  it('refuses two phases with one name', () => {
    const dup = errorOf(VALID.replace('targets:', `  - name: only\n    duration: 1s\n    connections: 1\n    request: { kind: single, recipients: { onNet: 1 } }\ntargets:`));
    expect(dup.message).toBe("p.yaml:9: phases[1].name: duplicate phase name 'only'");
  });

  it('needs at least one measured phase', () => {
    const e = errorOf(VALID.replace('connections: 2', 'connections: 2\n    measure: false'));
    expect(e.message).toBe('p.yaml:2: phases: at least one phase must be measured (measure: true)');
  });

  it('names the line of a YAML syntax error', () => {
    const e = errorOf('name: x\nphases: [\n');
    expect(e.code).toBe('LOAD_ERR_YAML');
    expect(e.message).toMatch(/^p\.yaml:\d+: YAML syntax error/);
  });

  it('refuses a document that is not a mapping', () => {
    expect(errorOf('- a\n').message).toBe('p.yaml: expected a mapping (name: ..., phases: ..., targets: ...), got a list');
  });
});

describe('readLoadProfile', () => {
  it('finds a shipped profile by name, with or without .yaml', () => {
    expect(readLoadProfile('batch-burst').phases[0].request.batchSize).toBe(10_000);
    expect(readLoadProfile('batch-burst.yaml').name).toBe('batch-burst');
  });

  it('lists the shipped profiles when a name is unknown', () => {
    let err: unknown;
    try {
      readLoadProfile('no-such-profile');
    } catch (e) {
      err = e;
    }
    expect(isLoadError(err, 'LOAD_ERR_FILE')).toBe(true);
    expect((err as Error).message).toContain('reference-engine');
  });

  it('ships the planners\' profiles with the figures they stand for', () => {
    expect(listShippedProfiles()).toEqual(['batch-burst', 'mixed-content', 'platform-six-engines', 'reference-engine']);
    expect(readLoadProfile('reference-engine').targets.sustainedPerHour).toBe(350_000);
    expect(readLoadProfile('platform-six-engines').targets.sustainedPerHour).toBe(2_100_000);
    const mixed = readLoadProfile('mixed-content').phases.at(-1)!.request;
    expect(Object.keys(mixed.mix).sort()).toEqual(['lms', 'mms', 'rcs', 'sms']);
    expect(mixed.recipients).toMatchObject({ onNet: expect.any(Number) });
    for (const name of listShippedProfiles()) {
      for (const phase of readLoadProfile(name).phases) expect(phase.duration).toBeLessThanOrEqual(30_000);
    }
  });
});

describe('LOAD_ERROR_CODES', () => {
  it('are each documented in the profiles README', () => {
    for (const code of Object.keys(LOAD_ERROR_CODES)) expect(readme).toContain(code);
  });
});

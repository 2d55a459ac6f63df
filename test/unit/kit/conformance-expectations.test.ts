import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyExpectation, loadExpectations, parseExpectations, resolveExpectations } from '../../../gateways/kit/conformance-expectations.ts';

class SuiteConfigError extends Error {
  readonly code = 'SUITE_ERR_CONFIG';
}
const configError = (message: string) => new SuiteConfigError(message);
const known = new Set(['bind.transmitter', 'sequence.echo']);

describe('conformance expectations', () => {
  it('reads a target name and reasons by check id; an empty list or document means none', () => {
    expect(parseExpectations('target-name: vendor-x\nexpected-failures:\n  sequence.echo: "answers seq+1"\n', configError)).toEqual({
      targetName: 'vendor-x',
      expectedFailures: { 'sequence.echo': 'answers seq+1' },
    });
    expect(parseExpectations('target-name: x\nexpected-failures:\n', configError)).toEqual({ targetName: 'x', expectedFailures: {} });
    expect(parseExpectations('', configError)).toEqual({ targetName: undefined, expectedFailures: {} });
  });

  it("raises the gateway's own error for a missing reason, an unknown key or text that is not YAML, naming the source", () => {
    const bad = ['expected-failures:\n  sequence.echo: ""\n', 'target-name: x\nexpected: {}\n', 'expected-failures: [unclosed\n'];
    for (const text of bad) expect(() => parseExpectations(text, configError, 'vendor.yaml')).toThrow(SuiteConfigError);
    expect(() => parseExpectations(bad[0], configError, 'vendor.yaml')).toThrow(/^vendor\.yaml: expected-failures\.sequence\.echo: give a reason$/);
    expect(() => parseExpectations(bad[1], configError)).toThrow(/unrecognized key/i);
    expect(() => parseExpectations(bad[2], configError)).toThrow(/not YAML/);
  });

  it('refuses ids that name no check, whether the expectations come from a file or an object', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-expectations-'));
    const file = join(dir, 'x.yaml');
    writeFileSync(file, 'expected-failures:\n  sequence.echo: ok\n  bind.typo: oops\n');
    expect(() => loadExpectations(file, known, configError)).toThrow(new RegExp(`${file}: unknown check id\\(s\\) in expected-failures: bind\\.typo`));
    expect(() => resolveExpectations({ expectedFailures: { 'bind.typo': 'x' } }, known, configError)).toThrow(/unknown check id.*bind\.typo/);
    expect(() => loadExpectations(join(dir, 'missing.yaml'), known, configError)).toThrow(/cannot read expectations file/);
    writeFileSync(file, 'target-name: ok\nexpected-failures:\n  sequence.echo: answers seq+1\n');
    expect(resolveExpectations(file, known, configError)).toEqual({ targetName: 'ok', expectedFailures: { 'sequence.echo': 'answers seq+1' } });
    expect(resolveExpectations(undefined, known, configError)).toBeUndefined();
  });

  it('turns a listed failure into expected-fail and a listed pass into unexpected-pass, leaving skips and unlisted checks alone', () => {
    expect(applyExpectation({ status: 'fail', detail: 'seq 8' }, 'answers seq+1')).toEqual({ status: 'expected-fail', detail: 'answers seq+1 — seq 8' });
    expect(applyExpectation({ status: 'pass' }, 'believed broken')).toEqual({ status: 'unexpected-pass', detail: 'listed as expected failure (believed broken) but passed' });
    expect(applyExpectation({ status: 'pass', detail: 'seq 7' }, 'old')).toEqual({ status: 'unexpected-pass', detail: 'listed as expected failure (old) but passed: seq 7' });
    expect(applyExpectation({ status: 'skip', detail: 'no receipt' }, 'listed')).toEqual({ status: 'skip', detail: 'no receipt' });
    expect(applyExpectation({ status: 'fail', detail: 'x' }, undefined)).toEqual({ status: 'fail', detail: 'x' });
    expect(applyExpectation({ status: 'pass', detail: undefined }, undefined)).toEqual({ status: 'pass' });
  });
});

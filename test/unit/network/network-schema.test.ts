import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { networkSpecSchema, parseNetworkSpec, parseNetworkYaml } from '../../../gateways/network/network-schema.ts';
import { isNetworkError } from '../../../gateways/network/network-errors.ts';
import type { NetworkError, NetworkIssue } from '../../../gateways/network/network-errors.ts';

function issuesOf(fn: () => unknown): readonly NetworkIssue[] {
  try {
    fn();
  } catch (err) {
    expect(isNetworkError(err, 'NETWORK_ERR_INVALID')).toBe(true);
    return (err as NetworkError).issues;
  }
  throw new Error('expected a NETWORK_ERR_INVALID');
}

const yaml = (lines: string[]) => lines.join('\n') + '\n';

describe('network schema', () => {
  it('accepts a minimal file and fills defaults', () => {
    const spec = parseNetworkYaml('version: 1\n');
    expect(spec).toEqual({ version: 1, ownCarrier: 'KT', seed: 'msgsim', pinned: {}, rules: [] });
  });

  it('names the field path and YAML line of a bad weight', () => {
    const text = yaml(['version: 1', 'rules:', "  - match: '010*'", '    carrier:', '      KT: 0.5', '      SKT: -1']);
    const issues = issuesOf(() => parseNetworkYaml(text, 'net.yaml'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'rules[0].carrier.SKT', line: 6 });
  });

  it('names an unknown field with its own line', () => {
    const text = yaml(['version: 1', 'rules:', "  - match: '010*'", '    device: { android: 0.7, iso: 0.3 }', '    langauge: { ko: 1 }']);
    const issues = issuesOf(() => parseNetworkYaml(text));
    expect(issues.map((i) => [i.path, i.line])).toEqual(
      expect.arrayContaining([
        ['rules[0].device.iso', 4],
        ['rules[0].langauge', 5],
      ]),
    );
    expect(issues.find((i) => i.path === 'rules[0].langauge')?.message).toMatch(/unknown field/);
  });

  it('puts the message, path and line into the error text', () => {
    const text = yaml(['version: 1', 'ownCarrier: KTF']);
    expect(() => parseNetworkYaml(text, 'net.yaml')).toThrow(/net\.yaml is invalid:\n {2}ownCarrier \(line 2\): .*KT/);
  });

  it('reports YAML syntax errors with NETWORK_ERR_YAML and the line', () => {
    try {
      parseNetworkYaml('version: 1\nrules:\n  - match: [unclosed\n');
      throw new Error('expected a throw');
    } catch (err) {
      expect(isNetworkError(err, 'NETWORK_ERR_YAML')).toBe(true);
      expect((err as NetworkError).issues[0].line).toBeGreaterThanOrEqual(3);
    }
  });

  it('refuses mixing the flat and per-carrier forms', () => {
    const issues = issuesOf(() => parseNetworkSpec({ version: 1, rules: [{ match: '*', device: { android: 1, KT: { ios: 1 } } }] }));
    expect(issues[0]).toMatchObject({ path: 'rules[0].device' });
    expect(issues[0].message).toMatch(/either the flat form/);
  });

  it('reports a bad value inside the per-carrier form at its own path', () => {
    const issues = issuesOf(() => parseNetworkSpec({ version: 1, rules: [{ match: '*', rcs: { KT: { android: 1.5, ios: 0, feature: 0 } } }] }));
    expect(issues.map((i) => i.path)).toEqual(['rules[0].rcs.KT.android']);
  });

  it('requires every device in a flat share map', () => {
    const issues = issuesOf(() => parseNetworkSpec({ version: 1, rules: [{ match: '*', mms: { android: 1, ios: 1 } }] }));
    expect(issues.map((i) => i.path)).toEqual(['rules[0].mms.feature']);
  });

  it('refuses weights that are all zero', () => {
    const issues = issuesOf(() => parseNetworkSpec({ version: 1, rules: [{ match: '*', language: { ko: 0 } }] }));
    expect(issues.map((i) => i.path)).toEqual(['rules[0].language']);
  });

  it('needs brands for every carrier with an MVNO share', () => {
    const issues = issuesOf(() =>
      parseNetworkSpec({ version: 1, rules: [{ match: '*', mvno: { share: { KT: 0.2, SKT: 0 }, brands: { SKT: ['X'] } } }] }),
    );
    expect(issues.map((i) => i.path)).toEqual(['rules[0].mvno.brands.KT']);
  });

  it('shows the intended branch of a union (brand list vs weights)', () => {
    const issues = issuesOf(() => parseNetworkSpec({ version: 1, rules: [{ match: '*', mvno: { share: 0.1, brands: { KT: { A: 'x' }, SKT: ['B'], 'LGU+': ['C'] } } }] }));
    expect(issues.map((i) => i.path)).toEqual(['rules[0].mvno.brands.KT.A']);
  });

  it('refuses an attribute both fixed and weighted in one rule', () => {
    const issues = issuesOf(() => parseNetworkSpec({ version: 1, rules: [{ match: '*', set: { carrier: 'KT' }, carrier: { SKT: 1 } }] }));
    expect(issues.map((i) => i.path)).toEqual(['rules[0].carrier']);
  });

  it('refuses a rule that defines nothing and a pattern that is neither glob nor regex', () => {
    const issues = issuesOf(() => parseNetworkSpec({ version: 1, rules: [{ match: '010*' }, { match: '010-*', set: { rcs: true } }, { match: '/(/', set: { rcs: true } }] }));
    expect(issues.map((i) => i.path)).toEqual(['rules[0]', 'rules[1].match', 'rules[2].match']);
    expect(issues[1].message).toMatch(/digits, '\*' and '\?'/);
    expect(issues[2].message).toMatch(/regular expression/);
  });

  it('checks pinned numbers: Korean mobile, unique after normalising, consistent porting', () => {
    const issues = issuesOf(() =>
      parseNetworkSpec({
        version: 1,
        pinned: {
          '0212345678': { rcs: true },
          '01012345678': { rcs: true },
          '+821012345678': { rcs: false },
          '01011112222': { carrier: 'KT', portedFrom: 'KT' },
          '01011113333': { reachability: 'on', portedFrom: 'SKT' },
        },
      }),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'pinned.0212345678',
      'pinned.+821012345678',
      'pinned.01011112222.portedFrom',
      'pinned.01011113333.portedFrom',
    ]);
  });

  it('refuses an unsupported version', () => {
    const issues = issuesOf(() => parseNetworkSpec({ version: 2 }));
    expect(issues.map((i) => i.path)).toEqual(['version']);
  });

  it('exports to JSON Schema so scenario schemas can embed it', () => {
    const schema = z.toJSONSchema(networkSpecSchema, { io: 'input' }) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(['version', 'ownCarrier', 'seed', 'pinned', 'rules']);
  });
});

import { describe, expect, it } from 'vitest';
import { RCS_SUITE, runRcsConformance } from '../../gateways/rcs/conformance/run-rcs-conformance.ts';
import { RCS_FAST, startRcsConformanceTarget } from './rcs-conformance-target.ts';

const { loadExpectations, parseExpectations } = RCS_SUITE;

describe('RCS conformance expectations', () => {
  it.concurrent('turns a listed failure into expected-fail and a listed pass into a failing unexpected-pass', { timeout: 30_000 }, async () => {
    const target = await startRcsConformanceTarget('ios-capable');
    try {
      const expectations = { targetName: 'ios-capable preset', expectedFailures: { 'capability.not-capable': 'says RCS for everyone', 'capability.capable': 'thought broken' } };
      const report = await runRcsConformance({ ...target.options, ...RCS_FAST, only: ['capability'], expectations });
      expect(report.results.map((r) => [r.id, r.status])).toEqual([
        ['capability.capable', 'unexpected-pass'],
        ['capability.not-capable', 'expected-fail'],
      ]);
      expect(report.passed).toBe(false);
      expect(report.targetName).toBe('ios-capable preset');
      const only = await runRcsConformance({ ...target.options, ...RCS_FAST, only: ['capability.not-capable'], expectations: { expectedFailures: { 'capability.not-capable': 'says RCS for everyone' } } });
      expect(only.passed).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('refuses an expectations file naming a check that does not exist', async () => {
    await expect(runRcsConformance({ target: 'http://127.0.0.1:9', clientId: 'a', clientSecret: 'b', botId: 'c', expectations: { expectedFailures: { 'auth.tokne': 'typo' } } })).rejects.toMatchObject({
      code: 'RCS_ERR_CONFIG',
      message: expect.stringContaining('auth.tokne'),
    });
  });

  it('reads the example file and refuses entries without a reason', () => {
    const exp = loadExpectations(new URL('../../gateways/rcs/conformance/expectations.example.yaml', import.meta.url).pathname);
    expect(Object.keys(exp.expectedFailures)).toEqual(['auth.bad-secret', 'limits.title']);
    expect(() => parseExpectations('expected-failures:\n  auth.token: ""\n')).toThrow(/give a reason/);
  });
});

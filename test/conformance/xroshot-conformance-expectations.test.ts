import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runXroshotConformance, XROSHOT_SUITE } from '../../gateways/xroshot/conformance/run-xroshot-conformance.ts';
import { CREDENTIALS, startXroshotTarget, XROSHOT_FAST, type XroshotConformanceTarget } from './xroshot-conformance-target.ts';

const { parseExpectations } = XROSHOT_SUITE;

describe('Xroshot conformance expectations', () => {
  let target: XroshotConformanceTarget;
  beforeAll(async () => {
    target = await startXroshotTarget('ping-unanswered');
  });
  afterAll(() => target.close());

  it('turns a listed failure into expected-fail and passes the run', { timeout: 30_000 }, async () => {
    const expectations = parseExpectations('target-name: hung relay\nexpected-failures:\n  ping.answered: "ticket 42"\n');
    const report = await runXroshotConformance({ target: target.url, ...CREDENTIALS, ...XROSHOT_FAST, only: ['ping', 'auth.regist'], expectations });
    expect(report.results.map((r) => [r.id, r.status])).toEqual([['auth.regist', 'pass'], ['ping.answered', 'expected-fail']]);
    expect(report.results[1].detail).toMatch(/^ticket 42 — req_ping: no answer/);
    expect(report).toMatchObject({ passed: true, targetName: 'hung relay' });
  });

  it('fails the run on a listed check that passes', { timeout: 30_000 }, async () => {
    const expectations = parseExpectations('expected-failures:\n  auth.regist: "was broken once"\n');
    const report = await runXroshotConformance({ target: target.url, ...CREDENTIALS, ...XROSHOT_FAST, only: ['auth.regist'], expectations });
    expect(report.results[0].status).toBe('unexpected-pass');
    expect(report.passed).toBe(false);
  });

  it('refuses unknown check ids and entries without a reason', async () => {
    await expect(runXroshotConformance({ target: target.url, ...CREDENTIALS, expectations: parseExpectations('expected-failures:\n  ping.anwsered: "typo"\n') })).rejects.toMatchObject({
      code: 'XROSHOT_ERR_CONFIG',
      message: expect.stringContaining('ping.anwsered'),
    });
    expect(() => parseExpectations('expected-failures:\n  ping.answered: ""\n')).toThrow(/give a reason/);
    expect(() => parseExpectations('unknown-key: 1\n')).toThrow(/XROSHOT|unrecognized|unknown/i);
  });

  it('masks the password of a target given with credentials', { timeout: 30_000 }, async () => {
    const url = target.url.replace('tcp://', 'tcp://msgsim:secret@');
    const report = await runXroshotConformance({ target: url, ...XROSHOT_FAST, only: ['auth.regist'] });
    expect(report.target).toMatch(/^tcp:\/\/msgsim:\*\*\*@127\.0\.0\.1:\d+$/);
    expect(report.results[0].status).toBe('pass');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runXroshotConformance, XROSHOT_CHECKS } from '../../gateways/xroshot/conformance/run-xroshot-conformance.ts';
import { CREDENTIALS, failingIds, startXroshotTarget, XROSHOT_FAST, type XroshotConformanceTarget } from './xroshot-conformance-target.ts';

describe('Xroshot conformance against the simulator with its default config', () => {
  let target: XroshotConformanceTarget;
  beforeAll(async () => {
    target = await startXroshotTarget();
  });
  afterAll(() => target.close());

  it('passes every check, each naming the source of its rule', { timeout: 90_000 }, async () => {
    const report = await runXroshotConformance({ target: target.url, ...CREDENTIALS, ...XROSHOT_FAST });
    expect(failingIds(report.results)).toEqual([]);
    expect(report.results.map((r) => [r.id, r.status])).toEqual(XROSHOT_CHECKS.map((c) => [c.id, 'pass']));
    expect(report.passed).toBe(true);
    for (const r of report.results) expect(r.source).toMatch(/protocols\.md §4|KT-ERR-xlsx/);
    expect(report.results.find((r) => r.id === 'send.unregistered-callback')?.detail).toContain('Result 115');
  });

  it('fails throttle.burst when a throttle is expected but the burst fits the per-session rate', { timeout: 30_000 }, async () => {
    const report = await runXroshotConformance({ target: target.url, ...CREDENTIALS, ...XROSHOT_FAST, only: ['throttle'], throttleBurst: 20, expectThrottle: true });
    expect(report.results).toEqual([expect.objectContaining({ id: 'throttle.burst', status: 'fail', detail: expect.stringContaining('expected at least one Result 33') })]);
    expect(report.passed).toBe(false);
  });

  it('sees Result 33 in a burst beyond the per-session rate', { timeout: 30_000 }, async () => {
    const report = await runXroshotConformance({ target: target.url, ...CREDENTIALS, ...XROSHOT_FAST, only: ['throttle'], throttleBurst: 400, expectThrottle: true });
    expect(report.results[0]).toMatchObject({ status: 'pass', detail: expect.stringMatching(/\d+ Result 33/) });
  });

  it('refuses a run with credentials the target does not know at every check that needs a session', { timeout: 60_000 }, async () => {
    const report = await runXroshotConformance({ target: target.url, ...CREDENTIALS, password: 'wrong', ...XROSHOT_FAST, only: ['auth.regist', 'ping'] });
    expect(report.results.map((r) => [r.id, r.status])).toEqual([['auth.regist', 'fail'], ['ping.answered', 'fail']]);
    expect(report.results[0].detail).toContain('res_regist Result 7');
  });
});

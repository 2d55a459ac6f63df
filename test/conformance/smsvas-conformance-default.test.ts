import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmsvasConformance, SMSVAS_CHECKS } from '../../gateways/smsvas/conformance/run-smsvas-conformance.ts';
import { FAST, failing, startConformanceTarget, type ConformanceTarget } from './start-conformance-target.ts';

describe('SMSVAS conformance against the simulator with its default config', () => {
  let target: ConformanceTarget;
  beforeAll(async () => {
    target = await startConformanceTarget();
  });
  afterAll(() => target.close());

  it('passes every check, each naming its spec clause', { timeout: 120_000 }, async () => {
    const report = await runSmsvasConformance({ target: target.url, ...FAST });
    expect(failing(report.results)).toEqual([]);
    expect(report.results.map((r) => r.status)).toEqual(SMSVAS_CHECKS.map(() => 'pass'));
    expect(report.passed).toBe(true);
    for (const r of report.results) expect(r.clause).toMatch(/§\d|Appendix B/);
    expect(report.target).toMatch(/^smpp:\/\/msgsim:\*\*\*@127\.0\.0\.1:\d+$/);
  });

  it('fails throttle.burst when a throttle is expected but the burst fits the rate limit', { timeout: 30_000 }, async () => {
    const report = await runSmsvasConformance({ target: target.url, ...FAST, only: ['throttle'], expectThrottle: true });
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({ id: 'throttle.burst', status: 'fail' });
    expect(report.results[0].detail).toContain('expected at least one ESME_RTHROTTLED');
    expect(report.passed).toBe(false);
  });
});

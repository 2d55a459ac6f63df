import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmsvasConformance } from '../../gateways/smsvas/conformance/run-smsvas-conformance.ts';
import { FAST, failing, startConformanceTarget, type ConformanceTarget } from './start-conformance-target.ts';

describe('SMSVAS conformance against the tight-throttle preset (10 TPS, burst 5)', () => {
  let target: ConformanceTarget;
  beforeAll(async () => {
    target = await startConformanceTarget('tight-throttle');
  });
  afterAll(() => target.close());

  it('passes with expectThrottle: the burst sees ESME_RTHROTTLED and nothing else goes wrong', { timeout: 120_000 }, async () => {
    const report = await runSmsvasConformance({ target: target.url, ...FAST, expectThrottle: true });
    expect(failing(report.results)).toEqual([]);
    expect(report.passed).toBe(true);
    const burst = report.results.find((r) => r.id === 'throttle.burst');
    expect(burst?.detail).toMatch(/\d+ ESME_RTHROTTLED/);
  });
});

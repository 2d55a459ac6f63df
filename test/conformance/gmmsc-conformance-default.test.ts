import { describe, expect, it } from 'vitest';
import { GMMSC_CHECKS, runGmmscConformance } from '../../gateways/gmmsc/conformance/run-gmmsc-conformance.ts';
import { FAST, failing, startGmmscConformanceTarget } from './gmmsc-conformance-target.ts';

describe('GMMSC conformance against our simulator', () => {
  it.concurrent('passes every check with the default config (realistic report delays)', { timeout: 90_000 }, async () => {
    const target = await startGmmscConformanceTarget();
    try {
      const report = await runGmmscConformance({ target: target.url, ...FAST, reportTimeoutMs: 30_000, onCallbackUrl: target.setCallback });
      expect(failing(report.results)).toEqual([]);
      expect(report.passed).toBe(true);
      expect(report.results.map((r) => r.id)).toEqual(GMMSC_CHECKS.map((c) => c.id));
      // Without --xsd the schema check is the only one not judged, and it says so.
      expect(report.results.filter((r) => r.status !== 'pass').map((r) => [r.id, r.status])).toEqual([['schema.envelopes', 'skip']]);
      expect(report.target).toBe(target.url.replace(':secret@', ':***@'));
    } finally {
      await target.close();
    }
  });

  it.concurrent('every check names a TS 23.140 clause or the SOAP/HTTP section it enforces, and ids are unique', () => {
    expect(new Set(GMMSC_CHECKS.map((c) => c.id)).size).toBe(GMMSC_CHECKS.length);
    for (const c of GMMSC_CHECKS) expect(c.clause, c.id).toMatch(/§\d/);
  });

  it.concurrent('the report checks judge the report the simulator really sent (its answer echoes TransactionID and namespace)', { timeout: 60_000 }, async () => {
    const target = await startGmmscConformanceTarget('fast-reports');
    try {
      const report = await runGmmscConformance({ target: target.url, ...FAST, only: ['report'], onCallbackUrl: target.setCallback });
      expect(report.passed).toBe(true);
      // The simulator counts a callback as ok only when the VASP answered DeliveryReportRsp 1000 in its envelope.
      expect(target.sim.context.stats.snapshot()['callback:ok:DeliveryReportReq']).toBeGreaterThan(0);
    } finally {
      await target.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { runGmmscConformance } from '../../gateways/gmmsc/conformance/run-gmmsc-conformance.ts';
import { FAST, failing, startGmmscConformanceTarget } from './gmmsc-conformance-target.ts';

// Each misbehaving-MMSC preset must fail the run through exactly the checks that name its defect.
const REPORT_DEPENDENTS = ['report.after-response', 'report.message-id', 'report.shape'];
// Presets that keep the default report delays (median 3 s) wait up to FAST.reportTimeoutMs for the report.
const CASES: Array<{ preset: string; fails: string[]; skips?: string[]; reportTimeoutMs?: number }> = [
  { preset: 'no-transaction-id', fails: ['envelope.transaction-id'] },
  { preset: 'altered-transaction-id', fails: ['envelope.transaction-id'] },
  { preset: 'wrong-namespace', fails: ['envelope.namespace-echo'] },
  { preset: 'bare-fault', fails: ['fault.shape', 'status.bad-address', 'status.bad-version', 'status.corrupt-format', 'status.missing-content'] },
  { preset: 'no-message-id', fails: ['submit.message-id'], skips: ['report.arrives', ...REPORT_DEPENDENTS, 'report.not-requested'] },
  { preset: 'wrong-report-message-id', fails: ['report.message-id'] },
  { preset: 'no-reports', fails: ['report.arrives'], skips: REPORT_DEPENDENTS, reportTimeoutMs: 2000 },
  {
    preset: 'corrupt-responses',
    fails: ['envelope.namespace-echo', 'envelope.soap-1.1', 'multipart.content-location', 'multipart.images', 'submit.accepted'],
    skips: ['envelope.transaction-id', 'report.arrives', ...REPORT_DEPENDENTS, 'report.not-requested', 'submit.message-id'],
  },
];

describe('GMMSC conformance against misbehaving MMSC presets', () => {
  for (const c of CASES) {
    it.concurrent(`${c.preset}: fails through ${c.fails.join(', ')}`, { timeout: 60_000 }, async () => {
      const target = await startGmmscConformanceTarget(c.preset);
      try {
        const report = await runGmmscConformance({ target: target.url, ...FAST, reportTimeoutMs: c.reportTimeoutMs ?? FAST.reportTimeoutMs, noReportWaitMs: 500, onCallbackUrl: target.setCallback });
        expect(report.passed).toBe(false);
        expect(failing(report.results)).toEqual(c.fails);
        const skipped = report.results.filter((r) => r.status === 'skip' && r.id !== 'schema.envelopes');
        expect(skipped.map((r) => r.id).sort()).toEqual([...(c.skips ?? [])].sort());
        // A skip always names the failed check that explains it.
        for (const s of skipped) expect(s.detail).toMatch(/\(see [a-z.-]+\)$/);
        for (const f of report.results.filter((r) => r.status === 'fail')) expect(f.detail).toBeTruthy();
      } finally {
        await target.close();
      }
    });
  }

  it.concurrent('black-hole: nothing is answered, and submit.accepted says so by name', { timeout: 60_000 }, async () => {
    const target = await startGmmscConformanceTarget('black-hole');
    try {
      const report = await runGmmscConformance({ target: target.url, timeoutMs: 500, reportTimeoutMs: 1000, noReportWaitMs: 300, only: ['submit', 'report.arrives'], onCallbackUrl: target.setCallback });
      expect(failing(report.results)).toEqual(['submit.accepted']);
      expect(report.results.find((r) => r.id === 'submit.accepted')?.detail).toMatch(/no answer within 500ms/);
      expect(report.results.filter((r) => r.status === 'skip').map((r) => r.id).sort()).toEqual(['report.arrives', 'submit.message-id']);
    } finally {
      await target.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { runSmsvasConformance } from '../../gateways/smsvas/conformance/run-smsvas-conformance.ts';
import { FAST, failing, startConformanceTarget } from './start-conformance-target.ts';

// Each misbehaving-SMSC preset must fail the run through exactly the checks that name its defect.
const CASES: Array<{ preset: string; fails: string[]; skips?: string[] }> = [
  {
    preset: 'wrong-sequence',
    fails: ['enquire-link.bound', 'generic-nack.unknown-command-id', 'sequence.echo', 'sequence.window-echo'],
  },
  {
    preset: 'black-hole',
    fails: ['submit.answered'],
    skips: ['receipt.appendix-b-format', 'receipt.arrives', 'receipt.no-resend', 'receipt.not-requested', 'receipt.tlvs', 'sequence.window-echo', 'submit.message-id', 'throttle.burst'],
  },
  { preset: 'malformed-receipts', fails: ['receipt.appendix-b-format', 'receipt.tlvs'] },
  { preset: 'no-generic-nack', fails: ['generic-nack.malformed-body', 'generic-nack.unknown-command-id'] },
  { preset: 'no-interface-version', fails: ['bind.receiver', 'bind.transceiver', 'bind.transmitter'] },
];

describe('SMSVAS conformance against misbehaving SMSC presets', () => {
  for (const c of CASES) {
    it.concurrent(`${c.preset}: fails through ${c.fails.join(', ')}`, { timeout: 120_000 }, async () => {
      const target = await startConformanceTarget(c.preset);
      try {
        const report = await runSmsvasConformance({ target: target.url, ...FAST });
        expect(report.passed).toBe(false);
        expect(failing(report.results)).toEqual(c.fails);
        const skipped = report.results.filter((r) => r.status === 'skip');
        expect(skipped.map((r) => r.id).sort()).toEqual(c.skips ?? []);
        // A skip always names the failed check that explains it.
        for (const s of skipped) expect(s.detail).toContain('(see submit.answered)');
        for (const f of report.results.filter((r) => r.status === 'fail')) expect(f.detail).toBeTruthy();
      } finally {
        await target.close();
      }
    });
  }
});

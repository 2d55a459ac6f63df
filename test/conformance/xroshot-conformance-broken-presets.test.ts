import { describe, expect, it } from 'vitest';
import { runXroshotConformance } from '../../gateways/xroshot/conformance/run-xroshot-conformance.ts';
import { CREDENTIALS, failingIds, startXroshotTarget, XROSHOT_FAST } from './xroshot-conformance-target.ts';

const ALL_BUT_FRAMING = [
  'auth.bad-password', 'auth.regist', 'auth.send-before-regist', 'auth.server-time', 'auth.unknown-service-provider',
  'framing.split-and-joined', 'framing.utf8',
  'garbage.doctype', 'garbage.invalid-utf8', 'garbage.missing-field', 'garbage.not-xml', 'garbage.unknown-method',
  'ping.answered', 'report.after-response', 'report.arrives', 'report.no-resend',
  'send.accepted', 'send.invalid-recipient', 'send.per-recipient', 'send.unregistered-callback', 'throttle.burst',
];

// Each misbehaving-relay preset must fail the run through exactly the checks that name its defect;
// every skip names the failed check that explains it.
// Waits are cut where the defect makes every check wait them out.
const CASES: Array<{ preset: string; fails: string[]; skips?: string[]; because?: string; opts?: { timeoutMs?: number; reportTimeoutMs?: number } }> = [
  { preset: 'no-nul-terminator', fails: ['framing.nul-terminated'], skips: ALL_BUT_FRAMING, because: 'framing.nul-terminated', opts: { timeoutMs: 400 } },
  {
    preset: 'black-hole',
    fails: ['send.accepted'],
    skips: ['framing.utf8', 'report.after-response', 'report.arrives', 'report.no-resend', 'send.per-recipient', 'throttle.burst'],
    because: 'send.accepted',
  },
  { preset: 'no-per-recipient-responses', fails: ['send.per-recipient'] },
  { preset: 'no-reports', fails: ['report.arrives'], skips: ['report.after-response', 'report.no-resend'], because: 'report.arrives', opts: { reportTimeoutMs: 3_000 } },
  { preset: 'ping-unanswered', fails: ['ping.answered'] },
  { preset: 'report-before-response', fails: ['report.after-response'] },
  { preset: 'wrong-auth-result', fails: ['auth.bad-password'] },
];

describe('Xroshot conformance against misbehaving relay presets', () => {
  for (const c of CASES) {
    it.concurrent(`${c.preset}: fails through ${c.fails.join(', ')}`, { timeout: 120_000 }, async () => {
      const target = await startXroshotTarget(c.preset);
      try {
        const report = await runXroshotConformance({ target: target.url, ...CREDENTIALS, ...XROSHOT_FAST, ...c.opts });
        expect(report.passed).toBe(false);
        expect(failingIds(report.results)).toEqual(c.fails);
        expect(failingIds(report.results, 'skip')).toEqual(c.skips ?? []);
        for (const s of report.results.filter((r) => r.status === 'skip')) expect(s.detail).toContain(`(see ${c.because})`);
        for (const f of report.results.filter((r) => r.status === 'fail')) expect(f.detail).toBeTruthy();
      } finally {
        await target.close();
      }
    });
  }

  it('tight-throttle: passes when the burst is expected to be throttled', { timeout: 60_000 }, async () => {
    const target = await startXroshotTarget('tight-throttle');
    try {
      const report = await runXroshotConformance({ target: target.url, ...CREDENTIALS, ...XROSHOT_FAST, throttleBurst: 50, expectThrottle: true });
      expect(failingIds(report.results)).toEqual([]);
      expect(report.results.find((r) => r.id === 'throttle.burst')?.detail).toMatch(/Result 33/);
    } finally {
      await target.close();
    }
  });
});

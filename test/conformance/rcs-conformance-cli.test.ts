import { describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../gateways/rcs/conformance/run-rcs-conformance.ts';
import { startRcsConformanceTarget } from './rcs-conformance-target.ts';
import { runMsgsim } from './run-msgsim.ts';

const creds = (url: string, adminUrl: string) => ['--target', url, '--client-id', 'msgsim', '--client-secret', 'secret', '--bot-id', '15880000', '--admin', adminUrl, '--timeout', '1500'];

describe('msgsim conformance rcs', () => {
  it('prints a JSON report and exits 0 when the selected checks pass, naming the webhook receiver', { timeout: 60_000 }, async () => {
    const target = await startRcsConformanceTarget();
    try {
      const run = await runMsgsim(['conformance', 'rcs', ...creds(target.url, target.adminUrl), '--json', '--only', 'capability,limits,webhook.final-status', '--webhook-timeout', '4000']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/webhook receiver at http:\/\/127\.0\.0\.1:\d+\/rcs-conformance\/webhook \(registered through the admin API\)/);
      const report = JSON.parse(run.stdout) as ConformanceReport;
      expect(report.passed).toBe(true);
      expect(report.results.map((r) => r.id)).toEqual([
        'capability.capable', 'capability.not-capable',
        'limits.carousel-cards', 'limits.buttons', 'limits.title', 'limits.footer-missing', 'limits.ad-prefix',
        'webhook.final-status',
      ]);
    } finally {
      await target.close();
    }
  });

  it('prints a table naming the failing check with its clause and exits 1', { timeout: 60_000 }, async () => {
    const target = await startRcsConformanceTarget('oversize-carousel');
    try {
      const run = await runMsgsim(['conformance', 'rcs', ...creds(target.url, target.adminUrl), '--only', 'limits.carousel-cards']);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/limits\.carousel-cards\s+KT RCS validation sheet.*\s+fail\s+\d+\s+accepted \(HTTP 202\); expected HTTP 400 code 55711/);
      expect(run.stdout).toContain('FAILED: 1 fail');
      expect(run.stdout).not.toContain('secret');
    } finally {
      await target.close();
    }
  });
});

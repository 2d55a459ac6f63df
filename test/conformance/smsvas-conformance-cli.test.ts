import { describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../gateways/smsvas/conformance/run-smsvas-conformance.ts';
import { runMsgsim } from './run-msgsim.ts';
import { startConformanceTarget } from './start-conformance-target.ts';

describe('msgsim conformance smsvas', () => {
  it('prints a JSON report and exits 0 when the selected checks pass', { timeout: 60_000 }, async () => {
    const target = await startConformanceTarget();
    try {
      const run = await runMsgsim(['conformance', 'smsvas', '--target', target.url, '--json', '--only', 'bind,enquire-link,generic-nack', '--timeout', '1500']);
      expect(run.stderr).not.toMatch(/Error/);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as ConformanceReport;
      expect(report.passed).toBe(true);
      expect(report.results.map((r) => r.id)).toEqual([
        'bind.transmitter', 'bind.receiver', 'bind.transceiver', 'bind.bad-password', 'bind.unknown-system-id', 'bind.already-bound',
        'enquire-link.bound', 'enquire-link.unbound',
        'generic-nack.unknown-command-id', 'generic-nack.short-command-length', 'generic-nack.malformed-body',
      ]);
    } finally {
      await target.close();
    }
  });

  it('prints a table naming the failing check and exits 1 when the run fails', { timeout: 60_000 }, async () => {
    const target = await startConformanceTarget('no-interface-version');
    try {
      const run = await runMsgsim(['conformance', 'smsvas', '--target', target.url, '--only', 'bind.transceiver', '--timeout', '1500']);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/bind\.transceiver\s+§4\.1\.5 bind_transceiver.*\s+fail\s+\d+\s+bind_transceiver_resp lacks sc_interface_version/);
      expect(run.stdout).toContain('FAILED: 1 fail');
      expect(run.stdout).not.toContain('secret');
    } finally {
      await target.close();
    }
  });
});

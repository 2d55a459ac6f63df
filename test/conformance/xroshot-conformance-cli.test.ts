import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../gateways/xroshot/conformance/run-xroshot-conformance.ts';
import { runMsgsim } from './run-msgsim.ts';
import { startXroshotTarget } from './xroshot-conformance-target.ts';

describe('msgsim conformance xroshot', () => {
  it('prints a JSON report and exits 0 when the selected checks pass', { timeout: 60_000 }, async () => {
    const target = await startXroshotTarget();
    try {
      const run = await runMsgsim(['conformance', 'xroshot', '--target', target.url, '--sp-id', 'msgsim', '--password', 'secret', '--end-user-id', 'msgsim-batch', '--json', '--only', 'auth,garbage', '--timeout', '1500']);
      expect(run.stderr).not.toMatch(/Error/);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as ConformanceReport;
      expect(report.passed).toBe(true);
      expect(report.results.map((r) => r.id)).toEqual([
        'auth.server-time', 'auth.regist', 'auth.bad-password', 'auth.unknown-service-provider', 'auth.send-before-regist',
        'garbage.not-xml', 'garbage.unknown-method', 'garbage.missing-field', 'garbage.doctype', 'garbage.invalid-utf8',
      ]);
    } finally {
      await target.close();
    }
  });

  it('prints a table naming the failing check and exits 1; an expectations file turns it into an expected failure', { timeout: 60_000 }, async () => {
    const target = await startXroshotTarget('wrong-auth-result');
    const file = join(tmpdir(), `xroshot-expectations-${process.pid}.yaml`);
    writeFileSync(file, 'target-name: lenient relay\nexpected-failures:\n  auth.bad-password: "does not check passwords"\n');
    try {
      const args = ['conformance', 'xroshot', '--target', target.url, '--sp-id', 'msgsim', '--password', 'secret', '--only', 'auth.bad-password', '--timeout', '1500'];
      const run = await runMsgsim(args);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/auth\.bad-password\s+protocols\.md §4\.1 req_regist.*\s+fail\s+\d+\s+res_regist Result 0: a wrong password was accepted/);
      expect(run.stdout).toContain('FAILED: 1 fail');
      const known = await runMsgsim([...args, '--expectations', file]);
      expect(known.code).toBe(0);
      expect(known.stdout).toContain('(lenient relay)');
      expect(known.stdout).toMatch(/auth\.bad-password.*expected-fail\s+\d+\s+does not check passwords/);
    } finally {
      await target.close();
    }
  });
});

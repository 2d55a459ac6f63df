// The shipped scenarios run through the runner in this process (network, simulators and engine on
// free ports), and `msgsim run` as a user runs it: a failing expectation exits 1 showing expected
// against actual, an invalid file exits 2 naming file, line and field.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenarios/load-scenario.ts';
import { runScenario } from '../../scenarios/runner/run-scenario.ts';
import { ROOT, runMsgsim } from './support/run-msgsim.ts';

const dir = mkdtempSync(join(tmpdir(), 'msgsim-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const msgsim = (args: string[]) => runMsgsim(args);

describe.each(['rcs-ios-replacement-mms.yaml', 'off-net-skt-via-xroshot.yaml', 'smsvas-outage-alternate-route.yaml'])('shipped scenario %s', (file) => {
  it('meets every expectation when run in-process', async () => {
    const scenario = loadScenario(join(ROOT, 'scenarios', file));
    const result = await runScenario(scenario);
    const failed = result.expectations.filter((e) => !e.passed).map((e) => `${e.description}: expected ${e.expected}, actual ${e.actual}`);
    expect(result.error).toBeUndefined();
    expect(failed).toEqual([]);
    expect(result.expectations.length).toBeGreaterThan(3);
    expect(result.passed).toBe(true);
    expect(result.durationMs).toBeLessThan(30_000);
  }, 45_000);
});

describe('msgsim run', () => {
  it('exits 1 on a failed expectation and prints expected against actual, in the summary and the report', async () => {
    const file = join(dir, 'one-sms.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'name: one-sms-expects-five',
        'clock: { speed: 20 }',
        'timeout: 30s',
        'engine: { config: { gateways: { smsvas: { policy: { reportTimeout: 30s } } } } }',
        'traffic:',
        '  - send: { at: 0s, to: ktFeatureNoMms, text: 인증번호 123456 }',
        'expect:',
        '  finalStates:',
        '    - { channel: smsvas, state: delivered, count: 5 }',
        '  noMessageLost: true',
        '',
      ].join('\n'),
    );
    const report = join(dir, 'report.html');
    const { code, stdout } = await msgsim(['run', file, '--quiet', '--report', report]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/one-sms-expects-five\s+FAILED\s+1\s/);
    expect(stdout).toContain('✗ delivered through smsvas');
    expect(stdout).toContain('expected count = 5');
    expect(stdout).toMatch(/actual {3}[01]\n/);
    expect(stdout).toContain('1 of 1 scenario failed');
    expect(existsSync(report)).toBe(true);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('delivered through smsvas');
    expect(html).toContain('count = 5');
  }, 60_000);

  it('prints one JSON document with --json', async () => {
    const file = join(dir, 'json.yaml');
    writeFileSync(file, 'version: 1\nname: json-run\nclock: { speed: 20 }\ntimeout: 30s\ntraffic: [ { send: { at: 0s, to: sktAndroid, text: hello } } ]\nexpect: { finalStates: [ { channel: xroshot, state: delivered, max: 1 } ] }\n');
    const { code, stdout } = await msgsim(['run', file, '--quiet', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { passed: boolean; exitCode: number; scenarios: Array<{ name: string; messages: number; expectations: unknown[] }> };
    expect(doc).toMatchObject({ passed: true, exitCode: 0, scenarios: [{ name: 'json-run', messages: 1 }] });
  }, 60_000);

  it('exits 2 on an invalid scenario, naming file, line and field, and runs nothing', async () => {
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'version: 1\nname: never-run\ntraffic: [ { send: { at: 0s, to: ktIos, text: x } } ]\n');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: 1\nname: bad\ntraffic:\n  - batch:\n      at: 0s\n      recipients: { count: -3 }\n      text: hi\n');
    const { code, stdout, stderr } = await msgsim(['run', good, bad, '--quiet']);
    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}:6: traffic[0].batch.recipients.count: expected a positive integer`);
    expect(stderr).toContain('nothing was run');
    expect(stdout).not.toContain('never-run');
  }, 60_000);
});

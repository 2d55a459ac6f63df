// `msgsim run --engine-url` against a stack someone else started (`msgsim up`, here on free ports):
// the runner starts nothing, puts the scenario's gateway behaviours through the simulators' admin
// APIs, follows its messages through the engine API, and judges the same expectations.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayName } from '../../engine/channel.ts';
import { type Child, startChild } from './support/child-process.ts';
import { MSGSIM, ROOT, runMsgsim } from './support/run-msgsim.ts';


interface UpInfo {
  engine: string;
  apiKey: string;
  gateways: Record<GatewayName, { url: string; admin: string; engine: string }>;
}

const msgsimRun = (args: string[]) => runMsgsim(['run', ...args], { timeoutMs: 90_000 });

describe('msgsim run against an external engine (msgsim up --ports free)', () => {
  let up: Child<UpInfo>;
  beforeAll(async () => {
    // The scenario's own clock speed, so its timings mean what they say.
    up = await startChild<UpInfo>([MSGSIM, 'up', '--ports', 'free', '--store', 'memory', '--speed', '10', '--seed', 'external', '--json'], { cwd: ROOT, startTimeoutMs: 60_000 });
  }, 90_000);
  afterAll(async () => {
    await up?.stop();
  });

  it('runs a shipped scenario through it, its behaviours set over the admin APIs, and meets every expectation', async () => {
    const { engine, gateways } = up.info;
    for (const g of Object.values(gateways)) expect(g.engine).toBe('connected');
    const admins = (Object.entries(gateways) as Array<[GatewayName, UpInfo['gateways'][GatewayName]]>).flatMap(([gw, g]) => ['--admin', `${gw}=${g.admin}`]);
    const res = await msgsimRun([join(ROOT, 'scenarios', 'rcs-failed-status-mms.yaml'), '--engine-url', engine, ...admins, '--quiet', '--json']);
    expect(res.code, res.stderr).toBe(0);
    // The file's engine.config (send timeouts) cannot reach someone else's engine: the run says so.
    expect(res.stderr).toContain('engine.config is not applied to an external engine');
    const doc = JSON.parse(res.stdout) as { passed: boolean; scenarios: Array<{ messages: number; fallbacks: Array<{ from: string; to: string; count: number }>; expectations: Array<{ passed: boolean }> }> };
    expect(doc.passed).toBe(true);
    const [s] = doc.scenarios;
    expect(s.messages).toBe(401);
    // The failed-status rules reached the external RCS simulator: about a quarter fell back to MMS.
    const fallbacks = s.fallbacks.filter((f) => f.from === 'rcs' && f.to === 'gmmsc').reduce((n, f) => n + f.count, 0);
    expect(fallbacks).toBeGreaterThan(50);
    expect(s.expectations.every((e) => e.passed)).toBe(true);
  }, 120_000);

  it('refuses a scenario that needs simulators the runner starts (a preset), naming the field', async () => {
    const res = await msgsimRun([join(ROOT, 'scenarios', 'black-hole-smsc.yaml'), '--engine-url', up.info.engine, '--quiet']);
    expect(res.code).not.toBe(0);
    expect(res.stderr + res.stdout).toContain('gateways.smsvas.preset needs the simulators the runner starts');
  }, 60_000);
});

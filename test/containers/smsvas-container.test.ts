// The SMSVAS simulator as CI and users run it: built into the msgsim image, started in a container,
// reached only through its mapped ports, and held to the same SMPP 3.4 conformance suite that is
// run against third-party SMSCs.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SMSVAS_CHECKS, runSmsvasConformance, type ConformanceReport } from '../../gateways/smsvas/conformance/run-smsvas-conformance.ts';
import { INTEROP_RECIPIENT, INTEROP_SENDER, INTEROP_SIMULATOR_CONFIG } from '../interop/interop-simulator-config.ts';
import { describeWithPrerequisites, findMissing, repoPath } from '../interop/prerequisites.ts';
import { readCounter } from '../interop/start-smsvas-simulator.ts';
import { buildMsgsimImage, dockerEngineProblem } from './build-msgsim-image.ts';
import { removeMsgsimContainers, startGatewayContainer, type GatewayContainer } from './start-msgsim-container.ts';

const missing = await findMissing([
  () => dockerEngineProblem(),
  repoPath('gateways/smsvas/simulator/smsc-simulator.ts', 'the SMSVAS simulator'),
]);

/** Statuses the suite itself counts as passing (an honest skip names the failed check it depends on). */
const ACCEPTED = new Set(['pass', 'expected-fail', 'skip']);

describeWithPrerequisites('SMSVAS simulator in a container', missing, () => {
  let gateway: GatewayContainer;
  let report: ConformanceReport;

  beforeAll(async () => {
    await removeMsgsimContainers();
    const image = await buildMsgsimImage();
    gateway = await startGatewayContainer('smsvas', { image, configYaml: INTEROP_SIMULATOR_CONFIG });
    report = await runSmsvasConformance({
      target: gateway.target(),
      sender: INTEROP_SENDER,
      recipient: INTEROP_RECIPIENT,
      timeoutMs: 5_000,
      receiptTimeoutMs: 20_000,
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await removeMsgsimContainers();
  });

  for (const check of SMSVAS_CHECKS) {
    it(`conformance ${check.id}: ${check.title}`, async () => {
      const result = report.results.find((r) => r.id === check.id);
      expect(result, `no result for ${check.id}`).toBeDefined();
      const why = `${check.clause}: ${result?.detail ?? ''}\n--- simulator output ---\n${(await gateway.logs()).slice(-3_000)}`;
      expect(ACCEPTED.has(result?.status ?? 'missing') ? 'accepted' : result?.status, why).toBe('accepted');
    });
  }

  it('passes the suite as a whole', () => {
    expect(report.passed, JSON.stringify(report.results.filter((r) => !ACCEPTED.has(r.status)))).toBe(true);
  });

  it('serves its admin API on the mapped admin port, counting the traffic the suite sent', async () => {
    const res = await fetch(`${gateway.adminUrl}/admin/stats`, { signal: AbortSignal.timeout(5_000) });
    expect(res.status).toBe(200);
    const stats = (await res.json()) as Record<string, unknown>;
    expect(readCounter(stats, 'in:submit_sm'), JSON.stringify(stats)).toBeGreaterThan(0);
    expect(readCounter(stats, 'in:deliver_sm_resp'), JSON.stringify(stats)).toBeGreaterThan(0);
  });
});

// The Xroshot simulator as CI and users run it: built into the msgsim image, started in a container,
// reached only through its mapped ports, and held to the same MAS conformance suite that is run
// against third-party relays.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runXroshotConformance, XROSHOT_CHECKS, type ConformanceReport } from '../../gateways/xroshot/conformance/run-xroshot-conformance.ts';
import { describeWithPrerequisites, findMissing, repoPath } from '../interop/prerequisites.ts';
import { buildMsgsimImage, dockerEngineProblem } from './build-msgsim-image.ts';
import { removeMsgsimContainers, startGatewayContainer, type GatewayContainer } from './start-msgsim-container.ts';

const missing = await findMissing([
  () => dockerEngineProblem(),
  repoPath('gateways/xroshot/simulator/xroshot-simulator.ts', 'the Xroshot simulator'),
]);

/** Statuses the suite itself counts as passing (an honest skip names the failed check it depends on). */
const ACCEPTED = new Set(['pass', 'expected-fail', 'skip']);

describeWithPrerequisites('Xroshot simulator in a container', missing, () => {
  let gateway: GatewayContainer;
  let report: ConformanceReport;

  beforeAll(async () => {
    await removeMsgsimContainers();
    const image = await buildMsgsimImage();
    gateway = await startGatewayContainer('xroshot', { image });
    // The bundled config's account; its certificate is found by service provider id.
    report = await runXroshotConformance({ target: gateway.target('msgsim', 'secret'), timeoutMs: 5_000, reportTimeoutMs: 25_000, resendWaitMs: 2_000 });
  });

  afterAll(async () => {
    await gateway?.stop();
    await removeMsgsimContainers();
  });

  for (const check of XROSHOT_CHECKS) {
    it(`conformance ${check.id}: ${check.title}`, async () => {
      const result = report.results.find((r) => r.id === check.id);
      expect(result, `no result for ${check.id}`).toBeDefined();
      const why = `${check.source}: ${result?.detail ?? ''}\n--- simulator output ---\n${(await gateway.logs()).slice(-3_000)}`;
      expect(ACCEPTED.has(result?.status ?? 'missing') ? 'accepted' : result?.status, why).toBe('accepted');
    });
  }

  it('passes the suite as a whole', () => {
    expect(report.passed, JSON.stringify(report.results.filter((r) => !ACCEPTED.has(r.status)))).toBe(true);
  });

  it('serves its admin API on the mapped admin port, counting the traffic the suite sent', async () => {
    const res = await fetch(`${gateway.adminUrl}/admin/stats`, { signal: AbortSignal.timeout(5_000) });
    expect(res.status).toBe(200);
    const stats = (await res.json()) as { counters?: Record<string, number> };
    const text = JSON.stringify(stats);
    expect(text).toMatch(/"in:req_send_message_2":[1-9]/);
    expect(text).toMatch(/"in:res_report":[1-9]/);
  });
});

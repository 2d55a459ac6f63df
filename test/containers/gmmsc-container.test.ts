// The GMMSC simulator as CI and users run it: built into the msgsim image, started in a container,
// reached only through its mapped ports, and held to the same MM7 conformance suite that is run against
// third-party MMSCs. Delivery reports travel back from the container to the suite's receiver, bound on
// 0.0.0.0 and reached through the docker bridge gateway address.
import { createServer } from 'node:net';
import { getContainerRuntimeClient } from 'testcontainers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GMMSC_CHECKS, runGmmscConformance, type ConformanceReport } from '../../gateways/gmmsc/conformance/run-gmmsc-conformance.ts';
import { describeWithPrerequisites, findMissing, repoPath } from '../interop/prerequisites.ts';
import { buildMsgsimImage, configureTestcontainers, dockerEngineProblem } from './build-msgsim-image.ts';
import { removeMsgsimContainers, startGatewayContainer, type GatewayContainer } from './start-msgsim-container.ts';

const missing = await findMissing([
  () => dockerEngineProblem(),
  repoPath('gateways/gmmsc/simulator/mmsc-simulator.ts', 'the GMMSC simulator'),
]);

/** Statuses the suite itself counts as passing (an honest skip names the failed check it depends on). */
const ACCEPTED = new Set(['pass', 'expected-fail', 'skip']);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '0.0.0.0', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The host's address on the default docker bridge: what a container reaches the host by. */
async function bridgeGateway(): Promise<string> {
  configureTestcontainers();
  const client = await getContainerRuntimeClient();
  const net = (await client.container.dockerode.getNetwork('bridge').inspect()) as { IPAM?: { Config?: Array<{ Gateway?: string }> } };
  const gw = net.IPAM?.Config?.find((c) => c.Gateway)?.Gateway;
  if (!gw) throw new Error('the docker bridge network has no gateway address');
  return gw;
}

// The default account, with reports coming at once so the run stays short.
function simulatorConfig(callbackUrl: string): string {
  return `relayServerId: KT-GMMSC
accounts:
  - vaspId: msgsim
    vasId: msgsim-vas
    password: secret
    senders: ['15880000']
    callbackUrl: ${callbackUrl}
behaviour:
  version: 1
  latency: 1
  reports: { outcomes: { delivered: 1 }, delay: 200 }
`;
}

describeWithPrerequisites('GMMSC simulator in a container', missing, () => {
  let gateway: GatewayContainer;
  let report: ConformanceReport;
  let callbackUrl: string;

  beforeAll(async () => {
    await removeMsgsimContainers();
    const image = await buildMsgsimImage();
    const port = await freePort();
    callbackUrl = `http://${await bridgeGateway()}:${port}/mm7/callback`;
    gateway = await startGatewayContainer('gmmsc', { image, configYaml: simulatorConfig(callbackUrl) });
    report = await runGmmscConformance({
      target: gateway.target(),
      callbackHost: '0.0.0.0',
      callbackPort: port,
      callbackUrl,
      timeoutMs: 5_000,
      reportTimeoutMs: 15_000,
      noReportWaitMs: 1_500,
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await removeMsgsimContainers();
  });

  for (const check of GMMSC_CHECKS) {
    it(`conformance ${check.id}: ${check.title}`, async () => {
      const result = report.results.find((r) => r.id === check.id);
      expect(result, `no result for ${check.id}`).toBeDefined();
      const why = `${check.clause}: ${result?.detail ?? ''}\n--- simulator output ---\n${(await gateway.logs()).slice(-3_000)}`;
      expect(ACCEPTED.has(result?.status ?? 'missing') ? 'accepted' : result?.status, why).toBe('accepted');
    });
  }

  it('passes the suite as a whole, with delivery reports received from inside the container', () => {
    expect(report.passed, JSON.stringify(report.results.filter((r) => !ACCEPTED.has(r.status)))).toBe(true);
    expect(report.callbackUrl).toBe(callbackUrl);
    expect(report.results.find((r) => r.id === 'report.arrives')?.status).toBe('pass');
  });

  it('serves its admin API on the mapped admin port, counting the traffic the suite sent', async () => {
    const res = await fetch(`${gateway.adminUrl}/admin/stats`, { signal: AbortSignal.timeout(5_000) });
    expect(res.status).toBe(200);
    const stats = (await res.json()) as Record<string, unknown>;
    expect(JSON.stringify(stats)).toMatch(/SubmitReq/);
    expect(JSON.stringify(stats)).toMatch(/callback:ok:DeliveryReportReq/);
  });
});

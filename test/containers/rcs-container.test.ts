// The RCS simulator as CI and users run it: built into the msgsim image, started in a container, reached
// only through its mapped ports, and held to the same MaaP conformance suite run against third-party
// endpoints. The suite's webhook receiver binds 0.0.0.0 on the host and is registered (through the
// mapped admin port) under the docker bridge gateway address, which the container can reach.
import { getContainerRuntimeClient } from 'testcontainers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerViaAdmin } from '../../gateways/rcs/conformance/admin-webhook.ts';
import { RCS_CHECKS, runRcsConformance, type ConformanceReport } from '../../gateways/rcs/conformance/run-rcs-conformance.ts';
import { describeWithPrerequisites, findMissing, repoPath } from '../interop/prerequisites.ts';
import { buildMsgsimImage, configureTestcontainers, dockerEngineProblem } from './build-msgsim-image.ts';
import { removeMsgsimContainers, startGatewayContainer, type GatewayContainer } from './start-msgsim-container.ts';

const missing = await findMissing([() => dockerEngineProblem(), repoPath('gateways/rcs/simulator/rcs-simulator.ts', 'the RCS simulator')]);

// Short tokens so auth.expired-token is judged, prompt statuses so webhook checks finish quickly.
const CONFIG = `
accounts:
  - clientId: msgsim
    clientSecret: secret
    bots: [{ botId: '15880000' }]
auth: { tokenTtl: 2s }
behaviour:
  version: 1
  latency: 1
  reports: { outcomes: { delivered: 1 }, delay: 300 }
  limits: { tps: { rate: 1000, burst: 200 } }
`;

/** The host as seen from a container on the default bridge network. */
async function bridgeGateway(): Promise<string> {
  configureTestcontainers();
  const client = await getContainerRuntimeClient();
  const info = await client.container.dockerode.getNetwork('bridge').inspect();
  const gateway = (info.IPAM?.Config ?? []).map((c: { Gateway?: string }) => c.Gateway).find((g: string | undefined) => g && /^\d+\.\d+\.\d+\.\d+$/.test(g));
  if (!gateway) throw new Error(`docker bridge network has no IPv4 gateway: ${JSON.stringify(info.IPAM)}`);
  return gateway;
}

describeWithPrerequisites('RCS simulator in a container', missing, () => {
  let gateway: GatewayContainer;
  let report: ConformanceReport;

  beforeAll(async () => {
    await removeMsgsimContainers();
    const image = await buildMsgsimImage();
    gateway = await startGatewayContainer('rcs', { image, configYaml: CONFIG });
    const hostFromContainer = await bridgeGateway();
    const target = `http://${gateway.host}:${gateway.port}`;
    report = await runRcsConformance({
      target,
      clientId: 'msgsim',
      clientSecret: 'secret',
      botId: '15880000',
      timeoutMs: 5_000,
      webhookTimeoutMs: 15_000,
      maxTokenWaitMs: 3_000,
      webhook: { host: '0.0.0.0', port: 0, publicHost: hostFromContainer },
      registerWebhook: registerViaAdmin(gateway.adminUrl, '15880000'),
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await removeMsgsimContainers();
  });

  for (const check of RCS_CHECKS) {
    it(`conformance ${check.id}: ${check.title}`, async () => {
      const result = report.results.find((r) => r.id === check.id);
      expect(result, `no result for ${check.id}`).toBeDefined();
      const why = `${check.clause}: ${result?.detail ?? ''}\n--- simulator output ---\n${(await gateway.logs()).slice(-3_000)}`;
      expect(result?.status, why).toBe('pass');
    });
  }

  it('passes the suite as a whole, with webhooks posted from inside the container', () => {
    expect(report.passed, JSON.stringify(report.results.filter((r) => r.status !== 'pass'))).toBe(true);
    expect(report.webhookUrl).not.toContain('127.0.0.1');
  });

  it('serves its admin API on the mapped admin port, counting the traffic the suite sent', async () => {
    const res = await fetch(`${gateway.adminUrl}/admin/stats`, { signal: AbortSignal.timeout(5_000) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { stats: { counters: Record<string, number> } };
    expect(body.stats.counters['sendMessage:accepted'] ?? 0, JSON.stringify(body)).toBeGreaterThan(0);
  });
});

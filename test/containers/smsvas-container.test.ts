// The SMSVAS simulator as CI and users run it: built into the msgsim image, started in a container,
// reached only through its mapped SMPP and admin ports.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { INTEROP_RECIPIENT, INTEROP_SENDER, INTEROP_SIMULATOR_CONFIG } from '../interop/interop-simulator-config.ts';
import { describeWithPrerequisites, findMissing, repoPath } from '../interop/prerequisites.ts';
import { readCounter } from '../interop/start-smsvas-simulator.ts';
import { buildMsgsimImage, dockerEngineProblem } from './build-msgsim-image.ts';
import { runSmppSmokeCycle, type SmokeCycleResult } from './smpp-smoke-cycle.ts';
import { removeMsgsimContainers, startGatewayContainer, type GatewayContainer } from './start-msgsim-container.ts';

const missing = await findMissing([
  () => dockerEngineProblem(),
  repoPath('gateways/smsvas/simulator/smsc-simulator.ts', 'the SMSVAS simulator'),
]);

describeWithPrerequisites('SMSVAS simulator in a container', missing, () => {
  let gateway: GatewayContainer;
  let cycle: SmokeCycleResult;

  beforeAll(async () => {
    await removeMsgsimContainers();
    const image = await buildMsgsimImage();
    gateway = await startGatewayContainer('smsvas', { image, configYaml: INTEROP_SIMULATOR_CONFIG });
    cycle = await runSmppSmokeCycle({ target: gateway.target(), source: INTEROP_SENDER, destination: INTEROP_RECIPIENT, text: 'hello from a container test' });
  });

  afterAll(async () => {
    await gateway?.stop();
    await removeMsgsimContainers();
  });

  it('binds a 3.4 transceiver and answers enquire_link through the mapped port', () => {
    expect(cycle.bindStatus).toBe(0);
    expect(cycle.enquireLinkStatus).toBe(0);
  });

  it('accepts a submit_sm and sends its receipt', () => {
    expect(cycle.submitStatus).toBe(0);
    expect(cycle.messageId).not.toBe('');
    expect(cycle.receipt.esmClass & 0x3c).toBe(0x04);
    expect(cycle.receipt.receiptedMessageId).toBe(cycle.messageId);
    expect(cycle.receipt.shortMessage).toMatch(new RegExp(`^id:${cycle.messageId} .*stat:DELIVRD`));
    expect(cycle.unbindStatus).toBe(0);
  });

  it('serves its admin API on the mapped admin port', async () => {
    const res = await fetch(`${gateway.adminUrl}/admin/stats`, { signal: AbortSignal.timeout(5_000) });
    expect(res.status).toBe(200);
    const stats = (await res.json()) as Record<string, unknown>;
    expect(readCounter(stats, 'in:submit_sm'), JSON.stringify(stats)).toBe(1);
    expect(readCounter(stats, 'in:deliver_sm_resp'), JSON.stringify(stats)).toBe(1);
  });
});

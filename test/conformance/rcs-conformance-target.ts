// Our RCS simulator, started in-process on free loopback ports (MaaP and admin), as the target of a
// conformance run; the suite registers its webhook receiver through the admin API like a user would.
import type { AddressInfo } from 'node:net';
import { registerViaAdmin } from '../../gateways/rcs/conformance/admin-webhook.ts';
import type { RcsConformanceOptions } from '../../gateways/rcs/conformance/run-rcs-conformance.ts';
import { loadRcsConfig } from '../../gateways/rcs/simulator/rcs-config.ts';
import { createRcsSimulator } from '../../gateways/rcs/simulator/rcs-simulator.ts';

export interface RcsConformanceTarget {
  url: string;
  adminUrl: string;
  /** Options that point a run at this simulator (credentials, bot, webhook registration). */
  options: Pick<RcsConformanceOptions, 'target' | 'clientId' | 'clientSecret' | 'botId' | 'registerWebhook'>;
  close(): Promise<void>;
}

export async function startRcsConformanceTarget(preset?: string, tune?: (cfg: ReturnType<typeof loadRcsConfig>) => void): Promise<RcsConformanceTarget> {
  const config = loadRcsConfig(undefined, preset);
  // Short-lived tokens let auth.expired-token be judged in a few seconds (the preset may shorten further).
  config.auth.tokenTtl = Math.min(config.auth.tokenTtl, 2000);
  // Prompt statuses, so a run that must wait out a missing webhook can use a short webhook timeout.
  config.behaviour.reports.delay = 300;
  tune?.(config);
  const sim = createRcsSimulator({ config, seed: 'conformance' });
  const addr = await sim.listen(0, '127.0.0.1');
  await sim.admin.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${addr.port}`;
  const adminUrl = `http://127.0.0.1:${(sim.admin.server.address() as AddressInfo).port}`;
  return {
    url,
    adminUrl,
    options: { target: url, clientId: 'msgsim', clientSecret: 'secret', botId: '15880000', registerWebhook: registerViaAdmin(adminUrl, '15880000') },
    close: () => sim.close(),
  };
}

/** Bounds short enough for CI, long enough for the statuses of the tuned target (300 ms). */
export const RCS_FAST = { timeoutMs: 1500, webhookTimeoutMs: 4000, maxTokenWaitMs: 3000 } as const;

export function failingChecks(results: Array<{ id: string; status: string }>): string[] {
  return results.filter((r) => r.status === 'fail').map((r) => r.id).sort();
}

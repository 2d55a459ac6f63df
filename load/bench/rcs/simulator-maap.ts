// Bench server process: our RCS simulator tuned to answer at once and post each message's 'sent' and
// 'delivered' status webhooks as soon as it can (no latency, no TPS limit, no 'displayed'), so the
// gateway's own cost is measured, not simulated delays. Prints `LISTENING <port> <adminPort>`.
import type { AddressInfo } from 'node:net';
import { parseRcsConfig } from '../../../gateways/rcs/simulator/rcs-config.ts';
import { createRcsSimulator } from '../../../gateways/rcs/simulator/rcs-simulator.ts';

const config = parseRcsConfig({
  accounts: [{ clientId: 'bench', clientSecret: 'bench', bots: [{ botId: '15880000' }] }],
  status: { sentDelay: 0, notCapableDelay: 0, displayedShare: 0, displayDelay: 0 },
  webhook: { maxInFlight: 256, queueLimit: 1_000_000, timeout: '10s' },
  limits: { retainMessages: 1_000_000 },
  behaviour: { version: 1, latency: 0, reports: { outcomes: { delivered: 1 }, delay: 0 } },
});
const sim = createRcsSimulator({ config, seed: 'bench' });
// Lets the bench client read this process's CPU time around its measured phase.
sim.admin.get('/bench/cpu', async () => process.cpuUsage());
const addr = await sim.listen(0, '127.0.0.1');
await sim.admin.listen({ port: 0, host: '127.0.0.1' });
console.log(`LISTENING ${addr.port} ${(sim.admin.server.address() as AddressInfo).port}`);
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));

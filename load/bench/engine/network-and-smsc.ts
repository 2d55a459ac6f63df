// Engine bench fixture, run as its own process: the simulated network's number-portability API and
// the SMSVAS simulator (zero latency, every message delivered with its receipt at once: preset
// fast-receipts) reading the same network. Prints `LISTENING {"npUrl":..,"smppPort":..}`, then serves
// until SIGTERM. Argument: the SMSVAS preset (default fast-receipts).
import type { AddressInfo } from 'node:net';
import { loadNetwork } from '../../../gateways/network/load-network.ts';
import { createNpApi } from '../../../gateways/network/np-api.ts';
import { loadSmscConfig } from '../../../gateways/smsvas/simulator/smsc-config.ts';
import { createSmscSimulator } from '../../../gateways/smsvas/simulator/smsc-simulator.ts';

const preset = process.argv[2] ?? 'fast-receipts';
const network = loadNetwork();
const np = createNpApi(network);
await np.listen({ port: 0, host: '127.0.0.1' });
const npPort = (np.server.address() as AddressInfo).port;
const config = loadSmscConfig(undefined, preset);
// BENCH_SMSC_DELIVER_WINDOW: unacknowledged deliver_sm per session (the preset's, 100, by default).
if (process.env.BENCH_SMSC_DELIVER_WINDOW) config.delivery.window = Number(process.env.BENCH_SMSC_DELIVER_WINDOW);
const smsc = createSmscSimulator({ config, seed: 'engine-bench', network });
const { port: smppPort } = await smsc.listen(0, '127.0.0.1');
console.log(`LISTENING ${JSON.stringify({ npUrl: `http://127.0.0.1:${npPort}`, smppPort })}`);
process.on('SIGTERM', () => process.exit(0));

// Bench server: our GMMSC simulator (fast-reports: no latency, every message retrieved, its report at
// once) with delivery reports posted to argv[2]. Prints `LISTENING <port>`.
import { loadMmscConfig } from '../../../gateways/gmmsc/simulator/mmsc-config.ts';
import { createMmscSimulator } from '../../../gateways/gmmsc/simulator/mmsc-simulator.ts';

const callbackUrl = process.argv[2];
if (!callbackUrl) throw new Error('usage: simulator-mmsc.ts <callback-url>');
const config = loadMmscConfig(undefined, 'fast-reports');
for (const a of config.accounts) a.callbackUrl = callbackUrl;
// Reports are POSTed with this many in flight; the default (8) suits a real VASP, not a throughput run.
config.delivery.concurrency = 64;
const sim = createMmscSimulator({ config, seed: 'bench' });
const { port } = await sim.listen(0, '127.0.0.1');
console.log(`LISTENING ${port}`);
process.on('SIGTERM', () => process.exit(0));

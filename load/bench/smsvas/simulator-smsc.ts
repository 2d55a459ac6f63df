// Bench server: our SMSVAS simulator with a preset (default fast-receipts). Prints `LISTENING <port>`.
import { loadSmscConfig } from '../../../gateways/smsvas/simulator/smsc-config.ts';
import { createSmscSimulator } from '../../../gateways/smsvas/simulator/smsc-simulator.ts';

const preset = process.argv[2] ?? 'fast-receipts';
const sim = createSmscSimulator({ config: loadSmscConfig(undefined, preset), seed: 'bench' });
const { port } = await sim.listen(0, '127.0.0.1');
console.log(`LISTENING ${port}`);
process.on('SIGTERM', () => process.exit(0));

// Bench server: our Xroshot simulator with the fast-reports preset (no latency, every message
// delivered and reported at once) and the per-session TPS of the bench account raised so the
// contract is not what is measured. Prints `LISTENING <port>`, and on each SIGUSR2 `CPU <n> <µs>`:
// this process's CPU time (user + system) so far.
import { loadXroshotConfig } from '../../../gateways/xroshot/simulator/xroshot-config.ts';
import { createXroshotSimulator } from '../../../gateways/xroshot/simulator/xroshot-simulator.ts';

const config = loadXroshotConfig(undefined, process.argv[2] ?? 'fast-reports');
for (const account of config.accounts) account.tps = Number(process.env.BENCH_SESSION_TPS ?? 1_000_000);
const sim = createXroshotSimulator({ config, seed: 'bench' });
const { port } = await sim.listen(0, '127.0.0.1');
console.log(`LISTENING ${port}`);
let asked = 0;
process.on('SIGUSR2', () => {
  const cpu = process.cpuUsage();
  console.log(`CPU ${++asked} ${cpu.user + cpu.system}`);
});
process.on('SIGTERM', () => process.exit(0));

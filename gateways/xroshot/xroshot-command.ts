import { Command, Option } from 'commander';
import { portNumber, positiveNumber } from '../kit/cli-values.ts';

/** `msgsim gateway xroshot`: the Xroshot MAS relay simulator (XML frames over TCP) and its admin API. */
export function createXroshotCommand(): Command {
  return new Command('xroshot')
    .description('Xroshot simulator: KT MAS relay to other carriers (req_auth/regist, send, req_report, ping) over NUL-terminated XML on TCP')
    .option('--port <port>', 'MAS TCP port (0 picks a free one)', portNumber, 8083)
    .option('--admin-port <port>', 'admin HTTP API port (0 picks a free one)', portNumber, 9083)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--config <file>', 'simulator config YAML (accounts, limits, reports, behaviour)')
    .option('--behaviour <file>', 'behaviour YAML (latency, rules, reports, limits, outages); replaces the config\'s')
    .option('--preset <name>', 'layer a preset over the config (no-nul-terminator, wrong-auth-result, no-reports, ping-unanswered, ...)')
    .option('--speed <factor>', 'clock speed factor (600 = ten simulated minutes per real second)', positiveNumber, 1)
    .option('--seed <seed>', 'random seed: same seed, same run', 'xroshot')
    .addOption(new Option('--json', 'print endpoints as one JSON line'))
    .action(async (o: { port: number; adminPort: number; host: string; config?: string; behaviour?: string; preset?: string; speed: number; seed: string; json?: boolean }) => {
      // Loaded on use so `msgsim --help` and other commands start without the simulator's code.
      const { createSystemClock } = await import('../kit/clock.ts');
      const { loadXroshotConfig } = await import('./simulator/xroshot-config.ts');
      const { createXroshotSimulator } = await import('./simulator/xroshot-simulator.ts');
      const config = loadXroshotConfig(o.config, o.preset);
      if (o.behaviour) config.behaviour = (await import('../kit/behaviour-schema.ts')).loadBehaviourFile(o.behaviour);
      const sim = createXroshotSimulator({ config, clock: createSystemClock({ speed: o.speed }), seed: o.seed });
      const tcp = await sim.listen(o.port, o.host);
      await sim.admin.listen({ port: o.adminPort, host: o.host });
      const adminPort = (sim.admin.server.address() as { port: number }).port;
      const endpoints = { tcp: `tcp://${o.host}:${tcp.port}`, admin: `http://${o.host}:${adminPort}` };
      if (o.json) console.log(JSON.stringify({ gateway: 'xroshot', ...endpoints }));
      else {
        console.log(`xroshot tcp listening on ${endpoints.tcp}`);
        console.log(`xroshot admin listening on ${endpoints.admin}`);
      }
      const stop = () => {
        sim.close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

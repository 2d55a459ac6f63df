import { Command, Option } from 'commander';
import { portNumber, positiveNumber } from '../kit/cli-values.ts';

/** `msgsim gateway rcs`: the RCS MaaP simulator (KT MaaP-FE) and its admin API. */
export function createRcsCommand(): Command {
  return new Command('rcs')
    .description('RCS simulator: a MaaP-FE with OAuth2 tokens, capability query, Korean messagebases, status webhooks, MO')
    .option('--port <port>', 'MaaP HTTP port (0 picks a free one)', portNumber, 8082)
    .option('--admin-port <port>', 'admin HTTP API port (0 picks a free one)', portNumber, 9082)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--config <file>', 'simulator config YAML (accounts, bots, expiry, webhooks, behaviour)')
    .option('--behaviour <file>', 'behaviour YAML (latency, rules, reports, limits, outages); replaces the config\'s')
    .option('--preset <name>', 'layer a preset over the config (tight-throttle, black-hole, any-token, ios-capable, ...)')
    .option('--speed <factor>', 'clock speed factor (600 = ten simulated minutes per real second)', positiveNumber, 1)
    .option('--seed <seed>', 'random seed: same seed, same run', 'rcs')
    .addOption(new Option('--json', 'print endpoints as one JSON line'))
    .action(async (o: { port: number; adminPort: number; host: string; config?: string; behaviour?: string; preset?: string; speed: number; seed: string; json?: boolean }) => {
      // Loaded on use so `msgsim --help` and other commands start without the simulator's code.
      const { createSystemClock } = await import('../kit/clock.ts');
      const { loadRcsConfig } = await import('./simulator/rcs-config.ts');
      const { createRcsSimulator } = await import('./simulator/rcs-simulator.ts');
      const config = loadRcsConfig(o.config, o.preset);
      if (o.behaviour) config.behaviour = (await import('../kit/behaviour-schema.ts')).loadBehaviourFile(o.behaviour);
      const sim = createRcsSimulator({ config, clock: createSystemClock({ speed: o.speed }), seed: o.seed });
      const maap = await sim.listen(o.port, o.host);
      await sim.admin.listen({ port: o.adminPort, host: o.host });
      const adminPort = (sim.admin.server.address() as { port: number }).port;
      const endpoints = { http: `http://${o.host}:${maap.port}`, admin: `http://${o.host}:${adminPort}` };
      if (o.json) console.log(JSON.stringify({ gateway: 'rcs', ...endpoints }));
      else {
        console.log(`rcs http listening on ${endpoints.http}`);
        console.log(`rcs admin listening on ${endpoints.admin}`);
      }
      const stop = () => {
        sim.close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

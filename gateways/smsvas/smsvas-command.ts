import { Command, Option } from 'commander';
import { portNumber, positiveNumber } from '../kit/cli-values.ts';

/** `msgsim gateway smsvas`: the SMPP 3.4 SMSC simulator and its admin API. */
export function createSmsvasCommand(): Command {
  return new Command('smsvas')
    .description('SMSVAS simulator: an SMPP 3.4 SMSC (binds, submit/data/multi, receipts, MO)')
    .option('--port <port>', 'SMPP port (0 picks a free one)', portNumber, 2775)
    .option('--admin-port <port>', 'admin HTTP API port (0 picks a free one)', portNumber, 9775)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--config <file>', 'simulator config YAML (accounts, sms rules, behaviour)')
    .option('--behaviour <file>', 'behaviour YAML (latency, rules, reports, limits, outages); replaces the config\'s')
    .option('--preset <name>', 'layer a preset over the config (black-hole, wrong-sequence, malformed-receipts, ...)')
    .option('--speed <factor>', 'clock speed factor (600 = ten simulated minutes per real second)', positiveNumber, 1)
    .option('--seed <seed>', 'random seed: same seed, same run', 'smsvas')
    .addOption(new Option('--json', 'print endpoints as one JSON line'))
    .action(async (o: { port: number; adminPort: number; host: string; config?: string; behaviour?: string; preset?: string; speed: number; seed: string; json?: boolean }) => {
      // Loaded on use so `msgsim --help` and other commands start without the simulator's code.
      const { createSystemClock } = await import('../kit/clock.ts');
      const { loadSmscConfig } = await import('./simulator/smsc-config.ts');
      const { createSmscSimulator } = await import('./simulator/smsc-simulator.ts');
      const { loadBehaviourFile } = await import('../kit/behaviour-schema.ts');
      const config = loadSmscConfig(o.config, o.preset);
      if (o.behaviour) config.behaviour = loadBehaviourFile(o.behaviour);
      const sim = createSmscSimulator({ config, clock: createSystemClock({ speed: o.speed }), seed: o.seed });
      const smpp = await sim.listen(o.port, o.host);
      await sim.admin.listen({ port: o.adminPort, host: o.host });
      const adminPort = (sim.admin.server.address() as { port: number }).port;
      const endpoints = { smpp: `smpp://${o.host}:${smpp.port}`, admin: `http://${o.host}:${adminPort}` };
      if (o.json) console.log(JSON.stringify({ gateway: 'smsvas', ...endpoints }));
      else {
        console.log(`smsvas smpp listening on ${endpoints.smpp}`);
        console.log(`smsvas admin listening on ${endpoints.admin}`);
      }
      const stop = () => {
        sim.close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

import { Command, Option } from 'commander';
import { portNumber, positiveNumber } from '../kit/cli-values.ts';

/** `msgsim gateway gmmsc`: the MM7 MMSC relay simulator and its admin API. */
export function createGmmscCommand(): Command {
  return new Command('gmmsc')
    .description('GMMSC simulator: an MM7 (3GPP TS 23.140) MMSC relay (SubmitReq/Cancel/Replace, delivery reports, read replies, MO DeliverReq)')
    .option('--port <port>', 'MM7 HTTP port (0 picks a free one)', portNumber, 8081)
    .option('--admin-port <port>', 'admin HTTP API port (0 picks a free one)', portNumber, 9081)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--config <file>', 'simulator config YAML (VASP accounts, MMS rules, delivery, behaviour)')
    .option('--behaviour <file>', 'behaviour YAML (latency, rules, reports, limits, outages); replaces the config\'s')
    .option('--preset <name>', 'layer a preset over the config (demo, tight-throttle, black-hole, no-transaction-id, wrong-namespace, bare-fault, ...)')
    .option('--callback-url <url>', 'VASP URL for DeliveryReportReq / ReadReplyReq / DeliverReq, for accounts that name none')
    .option('--speed <factor>', 'clock speed factor (600 = ten simulated minutes per real second)', positiveNumber, 1)
    .option('--seed <seed>', 'random seed: same seed, same run', 'gmmsc')
    .addOption(new Option('--json', 'print endpoints as one JSON line'))
    .action(
      async (o: { port: number; adminPort: number; host: string; config?: string; behaviour?: string; preset?: string; callbackUrl?: string; speed: number; seed: string; json?: boolean }) => {
        // Loaded on use so `msgsim --help` and other commands start without the simulator's code.
        const { createSystemClock } = await import('../kit/clock.ts');
        const { loadMmscConfig } = await import('./simulator/mmsc-config.ts');
        const { createMmscSimulator } = await import('./simulator/mmsc-simulator.ts');
        const config = loadMmscConfig(o.config, o.preset);
        if (o.behaviour) config.behaviour = (await import('../kit/behaviour-schema.ts')).loadBehaviourFile(o.behaviour);
        if (o.callbackUrl) for (const a of config.accounts) a.callbackUrl ??= o.callbackUrl;
        const sim = createMmscSimulator({ config, clock: createSystemClock({ speed: o.speed }), seed: o.seed });
        const mm7 = await sim.listen(o.port, o.host);
        await sim.admin.listen({ port: o.adminPort, host: o.host });
        const adminPort = (sim.admin.server.address() as { port: number }).port;
        const endpoints = { http: `http://${o.host}:${mm7.port}/mm7`, admin: `http://${o.host}:${adminPort}` };
        if (o.json) console.log(JSON.stringify({ gateway: 'gmmsc', ...endpoints }));
        else {
          console.log(`gmmsc http listening on ${endpoints.http}`);
          console.log(`gmmsc admin listening on ${endpoints.admin}`);
        }
        const stop = () => {
          sim.close().finally(() => process.exit(0));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
    );
}

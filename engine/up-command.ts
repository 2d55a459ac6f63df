// `msgsim up`: everything on one machine — the simulated network and its number-portability API, the
// four gateway simulators on their default ports, and the engine with its API — on one clock, then
// prints every endpoint and the demo API key. The same stack a scenario run starts (startLocalStack), so
// Xroshot delivers to own-network (KT) recipients and can serve as the alternate route when SMSVAS or
// GMMSC is down.
import { Command, Option } from 'commander';
import { portNumber, positiveNumber } from '../gateways/kit/cli-values.ts';
import { applyOverrides } from './engine-command.ts';

interface UpOptions {
  config?: string;
  port?: number;
  store?: 'sqlite' | 'memory';
  data?: string;
  ports: 'default' | 'free';
  speed: number;
  seed: string;
  json?: boolean;
}

export function createUpCommand(): Command {
  return new Command('up')
    .description('start the network, the four gateway simulators and the engine, and print every endpoint')
    .option('--config <file>', 'engine config (YAML); default: every default')
    .option('--port <port>', 'engine API port (0 picks a free port)', portNumber)
    .addOption(new Option('--ports <kind>', "every port: the defaults below, or 'free' (each picked free and printed; --port is then ignored), so a stack never collides with another").choices(['default', 'free']).default('default'))
    .addOption(new Option('--store <kind>', 'engine store (default: sqlite in ./data)').choices(['sqlite', 'memory']))
    .option('--data <dir>', 'directory of the SQLite store (DIR/msgsim.db)')
    .option('--speed <factor>', 'clock speed of everything (600 = ten simulated minutes per real second)', positiveNumber, 1)
    .option('--seed <seed>', 'random seed: same seed, same simulated behaviour', 'up')
    .option('--json', 'print the endpoints as one JSON line')
    .action(async (o: UpOptions) => {
      const { createSystemClock } = await import('../gateways/kit/clock.ts');
      const { loadEngineConfig } = await import('./load-engine-config.ts');
      const { startLocalStack } = await import('../scenarios/local-stack.ts');

      const base = applyOverrides(loadEngineConfig(o.config), o);
      const stack = await startLocalStack({
        clock: createSystemClock({ speed: o.speed }),
        seed: o.seed,
        engine: { config: base },
        ports: o.ports,
        store: base.store.kind === 'memory' ? 'memory' : { sqlite: base.store.path },
        log: (line) => process.stderr.write(`engine: ${line}\n`),
      });
      const { config, engine: service, npUrl } = stack;
      const apiKey = config.tenants[0]?.apiKeys[0] ?? null;
      const gateways = Object.fromEntries(
        service.channels.connections.map((c) => {
          const sim = stack.simulators[c.gateway];
          // The engine's target carries the account's credentials; what is printed is where to connect.
          const endpoint = sim === undefined ? {} : { url: sim.url.replace(/\/\/[^@/]*@/, '//'), admin: sim.adminUrl };
          return [c.gateway, { ...endpoint, engine: c.state, ...(c.detail ? { detail: c.detail } : {}) }];
        }),
      );
      const store = config.store.kind === 'memory' ? 'memory' : `sqlite ${config.store.path}`;
      if (o.json) {
        process.stdout.write(JSON.stringify({ engine: service.url, docs: `${service.url}/docs`, metrics: `${service.url}/metrics`, apiKey, npApi: npUrl, gateways, store, speed: o.speed, seed: o.seed }) + '\n');
      } else {
        const lines = [
          `engine api     ${service.url}  (key: ${apiKey ?? '-'})`,
          `engine docs    ${service.url}/docs`,
          `engine metrics ${service.url}/metrics`,
          `engine store   ${store}`,
          ...Object.entries(gateways).map(([gw, g]) => `${gw.padEnd(14)} ${g.url}  admin ${g.admin}  (engine: ${g.engine}${'detail' in g ? `: ${g.detail}` : ''})`),
          `np api         ${npUrl}`,
          `clock speed    ${o.speed}x, seed ${o.seed}`,
        ];
        for (const l of lines) process.stdout.write(l + '\n');
      }
      const stop = (signal: NodeJS.Signals): void => {
        process.stderr.write(`up: ${signal}, stopping\n`);
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        stack.stop().finally(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}



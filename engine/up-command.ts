// `msgsim up`: everything on one machine — the simulated network and its number-portability API, the
// four gateway simulators on their default ports, and the engine with its API — on one clock, then
// prints every endpoint and the demo API key. Xroshot is set to deliver to own-network (KT) recipients
// so it can serve as the alternate route when SMSVAS or GMMSC is down.
import type { AddressInfo } from 'node:net';
import { Command, InvalidArgumentError, Option } from 'commander';
import { applyOverrides } from './engine-command.ts';

interface UpOptions {
  config?: string;
  port?: number;
  store?: 'sqlite' | 'memory';
  data?: string;
  speed: number;
  seed: string;
  json?: boolean;
}

interface Stoppable {
  close(): Promise<unknown>;
}

export function createUpCommand(): Command {
  return new Command('up')
    .description('start the network, the four gateway simulators and the engine, and print every endpoint')
    .option('--config <file>', 'engine config (YAML); default: every default')
    .option('--port <port>', 'engine API port (0 picks a free port)', parsePort)
    .addOption(new Option('--store <kind>', 'engine store (default: sqlite in ./data)').choices(['sqlite', 'memory']))
    .option('--data <dir>', 'directory of the SQLite store (DIR/msgsim.db)')
    .option('--speed <factor>', 'clock speed of everything (600 = ten simulated minutes per real second)', parseSpeed, 1)
    .option('--seed <seed>', 'random seed: same seed, same simulated behaviour', 'up')
    .option('--json', 'print the endpoints as one JSON line')
    .action(async (o: UpOptions) => {
      const { createSystemClock } = await import('../gateways/kit/clock.ts');
      const { createRng } = await import('../gateways/kit/rng.ts');
      const { loadNetwork } = await import('../gateways/network/load-network.ts');
      const { createNpApi } = await import('../gateways/network/np-api.ts');
      const { DEFAULT_NP_API_PORT } = await import('../gateways/network/network-command.ts');
      const { loadSmscConfig } = await import('../gateways/smsvas/simulator/smsc-config.ts');
      const { createSmscSimulator } = await import('../gateways/smsvas/simulator/smsc-simulator.ts');
      const { loadMmscConfig } = await import('../gateways/gmmsc/simulator/mmsc-config.ts');
      const { createMmscSimulator } = await import('../gateways/gmmsc/simulator/mmsc-simulator.ts');
      const { loadRcsConfig } = await import('../gateways/rcs/simulator/rcs-config.ts');
      const { createRcsSimulator } = await import('../gateways/rcs/simulator/rcs-simulator.ts');
      const { loadXroshotConfig } = await import('../gateways/xroshot/simulator/xroshot-config.ts');
      const { createXroshotSimulator } = await import('../gateways/xroshot/simulator/xroshot-simulator.ts');
      const { loadEngineConfig } = await import('./load-engine-config.ts');
      const { startEngineService } = await import('./engine-service.ts');

      const host = '127.0.0.1';
      const clock = createSystemClock({ speed: o.speed });
      const network = loadNetwork();
      const running: Stoppable[] = [];
      const stopAll = async (): Promise<void> => {
        for (const s of running.reverse()) await s.close().catch(() => {});
      };
      try {
        const np = createNpApi(network);
        await np.listen({ port: DEFAULT_NP_API_PORT, host });
        running.push(np);
        const npUrl = `http://${host}:${(np.server.address() as AddressInfo).port}`;

        const seedOf = (gw: string): string => `${o.seed}:${gw}`;
        const smsc = createSmscSimulator({ config: loadSmscConfig(), clock, seed: seedOf('smsvas'), network });
        const mmscConfig = loadMmscConfig();
        const mmsc = createMmscSimulator({ config: mmscConfig, clock, seed: seedOf('gmmsc'), network });
        const rcsSim = createRcsSimulator({ config: loadRcsConfig(), clock, seed: seedOf('rcs'), network });
        const xroshotConfig = loadXroshotConfig();
        xroshotConfig.ownNetworkRecipients = 'deliver';
        const xroshot = createXroshotSimulator({ config: xroshotConfig, clock, seed: seedOf('xroshot'), network });
        const endpoints: Record<string, { url: string; admin: string }> = {};
        const serve = async (gw: string, sim: { listen(p: number, h: string): Promise<AddressInfo>; admin: { listen(o: { port: number; host: string }): Promise<string> }; close(): Promise<void> }, scheme: string, port: number, adminPort: number, path = ''): Promise<void> => {
          const addr = await sim.listen(port, host);
          running.push(sim);
          await sim.admin.listen({ port: adminPort, host });
          endpoints[gw] = { url: `${scheme}://${host}:${addr.port}${path}`, admin: `http://${host}:${adminPort}` };
        };
        await serve('smsvas', smsc, 'smpp', 2775, 9775);
        await serve('gmmsc', mmsc, 'http', 8081, 9081, '/mm7');
        await serve('rcs', rcsSim, 'http', 8082, 9082);
        await serve('xroshot', xroshot, 'tcp', 8083, 9083);

        const base = loadEngineConfig(o.config);
        const config = applyOverrides({ ...base, network: { ...base.network, npUrl } }, o);
        const service = await startEngineService({
          config,
          clock,
          rng: createRng(`${o.seed}:engine`),
          log: (line) => process.stderr.write(`engine: ${line}\n`),
          channels: { rcsWebhook: { registerWebhook: (url, botId) => rcsSim.setWebhook(botId, url) } },
          onChannels: (c) => {
            // The MMSC simulator has no runtime registration: its accounts get the engine's callback URL.
            const gmmsc = c.channels.get('gmmsc') as { callbackUrl?: () => string | null } | undefined;
            const url = gmmsc?.callbackUrl?.() ?? null;
            if (url !== null) for (const a of mmscConfig.accounts) a.callbackUrl = url;
          },
        });
        running.push({ close: () => service.stop() });

        const apiKey = config.tenants[0]?.apiKeys[0] ?? null;
        const gateways = Object.fromEntries(
          service.channels.connections.map((c) => [c.gateway, { ...endpoints[c.gateway], engine: c.state, ...(c.detail ? { detail: c.detail } : {}) }]),
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
      } catch (err) {
        await stopAll();
        throw err;
      }
      const stop = (signal: NodeJS.Signals): void => {
        process.stderr.write(`up: ${signal}, stopping\n`);
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        stopAll().finally(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('expected an integer port 0..65535');
  return port;
}

function parseSpeed(value: string): number {
  const speed = Number(value);
  if (!(Number.isFinite(speed) && speed > 0)) throw new InvalidArgumentError('expected a number > 0');
  return speed;
}

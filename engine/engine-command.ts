// `msgsim engine`: the dispatch engine with its HTTP API, against the gateways its config names.
// Prints the API URL and each gateway's connection, then runs until SIGINT/SIGTERM, when it stops
// gracefully (API closed, sends in flight answered, store writes flushed). A scenario run or a crash
// test starts it as a child process and reads the first line.
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { portNumber, positiveNumber } from '../gateways/kit/cli-values.ts';
import type { EngineConfig } from './engine-config.ts';
import type { EngineService } from './engine-service.ts';

export interface EngineCommandIo {
  out(line: string): void;
  err(line: string): void;
  /** Called once the API listens (tests stop the service through it). */
  onStarted?(service: EngineService): void;
  /** Install SIGINT/SIGTERM handlers that stop the engine and exit; default true. */
  handleSignals?: boolean;
}

const processIo: EngineCommandIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

interface EngineCommandOptions {
  config?: string;
  port?: number;
  host?: string;
  store?: 'sqlite' | 'memory';
  data?: string;
  speed: number;
  seed?: string;
  json?: boolean;
  logRequests?: boolean;
}

export function createEngineCommand(io: EngineCommandIo = processIo): Command {
  return new Command('engine')
    .description('run the dispatch engine and its HTTP API (/v1, /docs, /metrics) against the configured gateways')
    .option('--config <file>', 'engine config (YAML); default: every default, i.e. the simulators of `msgsim up`')
    .option('--port <port>', 'API port (0 picks a free port); default: the config\'s api.port (8080)', portNumber)
    .option('--host <host>', 'API address; default: the config\'s api.host')
    .addOption(new Option('--store <kind>', 'store kind; default: the config\'s store.kind').choices(['sqlite', 'memory']))
    .option('--data <dir>', 'directory of the SQLite store (DIR/msgsim.db)')
    .option('--speed <factor>', 'engine clock speed (600 = ten simulated minutes per real second)', positiveNumber, 1)
    .option('--seed <seed>', 'random seed (message ids, retry jitter); default: new each start')
    .option('--log-requests', 'log every API request')
    .option('--json', 'print the endpoints as one JSON line')
    .action(async (o: EngineCommandOptions) => {
      const { loadEngineConfig } = await import('./load-engine-config.ts');
      const config = applyOverrides(loadEngineConfig(o.config), o);
      const service = await runEngineService(config, o, io);
      if (o.json) {
        io.out(JSON.stringify({ engine: service.url, docs: `${service.url}/docs`, metrics: `${service.url}/metrics`, store: describeStore(config), gateways: service.channels.connections }));
      } else {
        io.out(`engine api listening on ${service.url}`);
        io.out(`engine docs on ${service.url}/docs, metrics on ${service.url}/metrics`);
        io.out(`engine store ${describeStore(config)}`);
        for (const c of service.channels.connections) io.out(`gateway ${c.gateway} ${c.state} ${c.target}${c.detail ? `: ${c.detail}` : ''}`);
      }
      if (io.handleSignals ?? true) stopOnSignals(service, io);
      io.onStarted?.(service);
    });
}

export function applyOverrides(config: EngineConfig, o: Pick<EngineCommandOptions, 'port' | 'host' | 'store' | 'data'>): EngineConfig {
  const api = { ...config.api, ...(o.port !== undefined ? { port: o.port } : {}), ...(o.host !== undefined ? { host: o.host } : {}) };
  const store = { ...config.store, ...(o.store !== undefined ? { kind: o.store } : {}) };
  if (o.data !== undefined) store.path = join(o.data, 'msgsim.db');
  return { ...config, api, store };
}

export async function runEngineService(config: EngineConfig, o: Pick<EngineCommandOptions, 'speed' | 'seed' | 'logRequests'>, io: Pick<EngineCommandIo, 'err'>): Promise<EngineService> {
  const { createSystemClock } = await import('../gateways/kit/clock.ts');
  const { createRng } = await import('../gateways/kit/rng.ts');
  const { startEngineService } = await import('./engine-service.ts');
  const seed = o.seed ?? `${Date.now()}-${process.pid}`;
  return startEngineService({
    config,
    clock: createSystemClock({ speed: o.speed }),
    rng: createRng(seed),
    log: (line) => io.err(`engine: ${line}`),
    logRequests: o.logRequests ?? false,
  });
}

function describeStore(config: EngineConfig): string {
  return config.store.kind === 'memory' ? 'memory (nothing survives the process)' : `sqlite ${config.store.path}`;
}

function stopOnSignals(service: EngineService, io: Pick<EngineCommandIo, 'err'>): void {
  const stop = (signal: NodeJS.Signals): void => {
    io.err(`engine: ${signal}, stopping`);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    service.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        io.err(`engine: stop failed: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}



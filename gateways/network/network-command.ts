// `msgsim network`: serve the number-portability API, or look one number up and exit.
import { Command } from 'commander';
import { portNumber } from '../kit/cli-values.ts';
import type { FastifyInstance } from 'fastify';
import { loadNetwork } from './load-network.ts';
import { createNpApi } from './np-api.ts';
import { NetworkError } from './network-errors.ts';
import type { Subscriber } from './subscriber.ts';

export const DEFAULT_NP_API_PORT = 8090;

export interface NetworkCommandIo {
  out(line: string): void;
  err(line: string): void;
  /** Called once the NP API listens (tests close it through `app`). */
  onListening?(app: FastifyInstance, url: string): void;
  /** Install SIGINT/SIGTERM handlers that close the server; default true. */
  handleSignals?: boolean;
}

const processIo: NetworkCommandIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

interface NetworkCommandOptions {
  port: number;
  host: string;
  config?: string;
  lookup?: string;
  json?: boolean;
}

export function createNetworkCommand(io: NetworkCommandIo = processIo): Command {
  return new Command('network')
    .description('serve the simulated network number-portability API, or look up one subscriber')
    .option('--port <port>', 'NP API port (0 picks a free port)', portNumber, DEFAULT_NP_API_PORT)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--config <file>', 'network file (YAML); default: the built-in Korean market')
    .option('--lookup <msisdn>', 'print the subscriber behind one number and exit')
    .option('--json', 'with --lookup: print JSON')
    .action(async (opts: NetworkCommandOptions) => {
      const network = loadNetwork(opts.config);
      if (opts.lookup !== undefined) {
        const subscriber = network.lookup(opts.lookup);
        if (subscriber === null) throw new NetworkError('NETWORK_ERR_BAD_MSISDN', `'${opts.lookup}' is not a Korean mobile number`);
        io.out(opts.json ? JSON.stringify(subscriber) : describeSubscriber(subscriber, network.ownCarrier));
        return;
      }
      const app = createNpApi(network);
      await app.listen({ port: opts.port, host: opts.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : opts.port;
      const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
      io.out(`network np-api listening on ${url}`);
      if (io.handleSignals ?? true) closeOnSignals(app, io);
      io.onListening?.(app, url);
    });
}

function describeSubscriber(s: Subscriber, ownCarrier: string): string {
  const yesNo = (b: boolean) => (b ? 'yes' : 'no');
  return [
    s.msisdn,
    `carrier=${s.carrier}${s.carrier === ownCarrier ? ' (own)' : ''}`,
    `mvno=${s.mvno ?? '-'}`,
    `device=${s.device}`,
    `rcs=${yesNo(s.rcs)}`,
    `mms=${yesNo(s.mms)}`,
    `reachability=${s.reachability}`,
    `portedFrom=${s.portedFrom ?? '-'}`,
    `language=${s.language}`,
  ].join(' ');
}

function closeOnSignals(app: FastifyInstance, io: NetworkCommandIo): void {
  const stop = (signal: NodeJS.Signals) => {
    io.err(`network np-api: ${signal}, closing`);
    void app.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // fastify refuses hooks once listening: the server's own close event tells us instead.
  app.server.once('close', () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  });
}


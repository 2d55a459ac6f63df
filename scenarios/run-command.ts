// `msgsim run <scenario...>`: validates every scenario file, runs each against the stack it starts in
// this process (or an external engine), shows progress, prints the summary and exits 0 when every
// expectation held, 1 when one did not, 2 when a file is invalid or a scenario cannot start.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { GatewayName } from '../engine/channel.ts';

interface RunCommandOptions {
  engineUrl?: string;
  apiKey?: string;
  admin: Partial<Record<GatewayName, string>>;
  json?: boolean;
  report?: string;
  ports: 'default' | 'free';
  store: 'memory' | 'sqlite';
  data: string;
  quiet?: boolean;
  verbose?: boolean;
}

const GATEWAYS = ['smsvas', 'gmmsc', 'rcs', 'xroshot'];

function parseAdmin(value: string, prev: Partial<Record<GatewayName, string>>): Partial<Record<GatewayName, string>> {
  const m = /^([a-z]+)=(https?:\/\/.+)$/.exec(value);
  if (m === null || !GATEWAYS.includes(m[1])) throw new InvalidArgumentError(`expected <gateway>=<url> with gateway one of ${GATEWAYS.join(', ')}`);
  return { ...prev, [m[1]]: m[2] };
}

export function createRunCommand(): Command {
  return new Command('run')
    .description('run scenario files against the engine and the simulators, check their expectations, print a summary')
    .argument('<scenario...>', 'scenario files (YAML)')
    .option('--engine-url <url>', 'use this running engine (e.g. one `msgsim up` started) instead of starting one')
    .option('--api-key <key>', "API key for the engine; default the scenario's or the default tenant's")
    .option('--admin <gateway=url>', 'admin API of a simulator behind an external engine (repeatable; default those of `msgsim up`)', parseAdmin, {})
    .option('--json', 'print one JSON document with every result instead of the summary table')
    .option('--report <file>', 'write the HTML report of every scenario run to this file')
    .addOption(new Option('--ports <kind>', 'ports of the stack the runner starts').choices(['free', 'default']).default('free'))
    .addOption(new Option('--store <kind>', 'engine store of the stack the runner starts').choices(['memory', 'sqlite']).default('memory'))
    .option('--data <dir>', 'directory of the SQLite stores, one file per scenario (--store sqlite)', './data')
    .option('--quiet', 'no progress display')
    .option('--verbose', 'engine and runner log lines on stderr')
    .action(async (files: string[], o: RunCommandOptions) => {
      const { runScenarioFiles } = await import('./runner/run-scenario-files.ts');
      const outcome = await runScenarioFiles(
        files,
        {
          ...(o.engineUrl !== undefined ? { engineUrl: o.engineUrl } : {}),
          ...(o.apiKey !== undefined ? { apiKey: o.apiKey } : {}),
          adminUrls: o.admin,
          ports: o.ports,
          ...(o.store === 'sqlite' ? { sqliteDir: o.data } : {}),
          ...(o.json ? { json: true } : {}),
          ...(o.report !== undefined ? { report: o.report } : {}),
          ...(o.quiet ? { quiet: true } : {}),
          ...(o.verbose ? { verbose: true } : {}),
        },
        { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), progress: process.stderr },
      );
      process.exitCode = outcome.exitCode;
    });
}

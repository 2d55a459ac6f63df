// `msgsim load <profile>`: runs a load profile (a file, or the name of one in load/profiles/) against
// an in-process stack or --target, prints the report (or --json) and exits 1 when a target is missed.
import { Command, InvalidArgumentError } from 'commander';
import { parseDuration } from '../gateways/kit/duration.ts';

export interface LoadCommandIo {
  out(text: string): void;
  err(line: string): void;
  setExitCode(code: number): void;
}

const processIo: LoadCommandIo = {
  out: (text) => process.stdout.write(text + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

interface LoadCommandOptions {
  target?: string;
  duration?: number;
  json?: boolean;
  quiet?: boolean;
}

export function createLoadCommand(io: LoadCommandIo = processIo): Command {
  return new Command('load')
    .description('run an autocannon load profile and check its sustained-throughput, latency and error targets (exit 1 when one is missed)')
    .argument('<profile>', 'a profile file, or the name of a shipped one: reference-engine, platform-six-engines, batch-burst, mixed-content')
    .option('--target <url>', "engine API base URL; default: the profile's target, else an in-process stack on free ports")
    .option('--duration <duration>', "every phase's duration instead of the profile's (e.g. 10s, 5m, 1h)", parseDurationOption)
    .option('--json', 'print the result as JSON instead of the table')
    .option('--quiet', 'no progress lines on stderr')
    .action(async (profileArg: string, o: LoadCommandOptions) => {
      const { readLoadProfile } = await import('./read-load-profile.ts');
      const { runLoadProfile } = await import('./run-load-profile.ts');
      const { formatLoadReport } = await import('./format-load-report.ts');
      const profile = readLoadProfile(profileArg);
      const result = await runLoadProfile(profile, {
        ...(o.target !== undefined ? { target: o.target } : {}),
        ...(o.duration !== undefined ? { durationMs: o.duration } : {}),
        ...(o.quiet ? {} : { log: (line: string) => io.err(`load: ${line}`) }),
      });
      io.out(o.json ? JSON.stringify(result) : formatLoadReport(result));
      io.setExitCode(result.passed ? 0 : 1);
    });
}

function parseDurationOption(value: string): number {
  try {
    const ms = parseDuration(value);
    if (ms < 1000) throw new Error('too short');
    return ms;
  } catch {
    throw new InvalidArgumentError("expected a duration of at least 1s, e.g. '10s', '5m', '1h'");
  }
}

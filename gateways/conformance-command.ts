import { Command } from 'commander';
import { createSmsvasConformanceCommand } from './smsvas/conformance/smsvas-conformance-command.ts';

/** `msgsim conformance <gateway> --target URL`: protocol checks runnable against any implementation. */
export function createConformanceCommand(): Command {
  const cmd = new Command('conformance').description('run a protocol conformance suite against a target');
  cmd.addCommand(createSmsvasConformanceCommand());
  return cmd;
}

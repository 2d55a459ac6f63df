import { Command } from 'commander';
import { createGmmscConformanceCommand } from './gmmsc/conformance/gmmsc-conformance-command.ts';
import { createRcsConformanceCommand } from './rcs/conformance/rcs-conformance-command.ts';
import { createSmsvasConformanceCommand } from './smsvas/conformance/smsvas-conformance-command.ts';
import { createXroshotConformanceCommand } from './xroshot/conformance/xroshot-conformance-command.ts';

/** `msgsim conformance <gateway> --target URL`: protocol checks runnable against any implementation. */
export function createConformanceCommand(): Command {
  const cmd = new Command('conformance').description('run a protocol conformance suite against a target');
  cmd.addCommand(createSmsvasConformanceCommand());
  cmd.addCommand(createGmmscConformanceCommand());
  cmd.addCommand(createXroshotConformanceCommand());
  cmd.addCommand(createRcsConformanceCommand());
  return cmd;
}

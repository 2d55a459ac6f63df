import { Command } from 'commander';
import { createSmsvasCommand } from './smsvas/smsvas-command.ts';
import { createGmmscCommand } from './gmmsc/gmmsc-command.ts';
import { createRcsCommand } from './rcs/rcs-command.ts';
import { createXroshotCommand } from './xroshot/xroshot-command.ts';

/** `msgsim gateway <name>`: one subcommand per gateway simulator. */
export function createGatewayCommand(): Command {
  const cmd = new Command('gateway').description('run one gateway simulator');
  cmd.addCommand(createSmsvasCommand());
  cmd.addCommand(createGmmscCommand());
  cmd.addCommand(createRcsCommand());
  cmd.addCommand(createXroshotCommand());
  return cmd;
}

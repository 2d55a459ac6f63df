import { Command } from 'commander';
import { createSmsvasCommand } from './smsvas/smsvas-command.ts';

/** `msgsim gateway <name>`: one subcommand per gateway simulator. */
export function createGatewayCommand(): Command {
  const cmd = new Command('gateway').description('run one gateway simulator');
  cmd.addCommand(createSmsvasCommand());
  return cmd;
}

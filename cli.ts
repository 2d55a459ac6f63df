// msgsim's command-line root: it only assembles the commands each folder exports.
import { Command } from 'commander';
import { createGatewayCommand } from './gateways/gateway-command.ts';
import { createNetworkCommand } from './gateways/network/network-command.ts';
import { createConformanceCommand } from './gateways/conformance-command.ts';
import { createDemoCommand } from './scenarios/demo-command.ts';
import { createRunCommand } from './scenarios/run-command.ts';
import { createEngineCommand } from './engine/engine-command.ts';
import { createUpCommand } from './engine/up-command.ts';
import { createLoadCommand } from './load/load-command.ts';

export function createProgram(): Command {
  const program = new Command('msgsim')
    .description('Carrier-gateway simulators, dispatch engine and conformance harness for Korean bulk messaging')
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(createGatewayCommand());
  program.addCommand(createNetworkCommand());
  program.addCommand(createEngineCommand());
  program.addCommand(createUpCommand());
  program.addCommand(createConformanceCommand());
  program.addCommand(createRunCommand());
  program.addCommand(createLoadCommand());
  program.addCommand(createDemoCommand());
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    const code = (err as { exitCode?: number }).exitCode;
    if (typeof code === 'number') {
      process.exitCode = code;
      return;
    }
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}

// Command-line values are checked before a command starts anything: a bad port or speed stops with
// commander's "argument ... is invalid" and the reason, never a NaN clock or a late listen error.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { portNumber, positiveInt, positiveNumber } from '../../../gateways/kit/cli-values.ts';
import { createGmmscCommand } from '../../../gateways/gmmsc/gmmsc-command.ts';
import { createRcsCommand } from '../../../gateways/rcs/rcs-command.ts';
import { createSmsvasCommand } from '../../../gateways/smsvas/smsvas-command.ts';
import { createXroshotCommand } from '../../../gateways/xroshot/xroshot-command.ts';
import { createEngineCommand } from '../../../engine/engine-command.ts';
import { createUpCommand } from '../../../engine/up-command.ts';

describe('command-line value parsers', () => {
  it('takes ports 0..65535 and nothing else', () => {
    expect(portNumber('0')).toBe(0);
    expect(portNumber('2775')).toBe(2775);
    expect(portNumber('65535')).toBe(65535);
    for (const bad of ['65536', '-1', '27.5', 'abc', '', ' ', '0x10', '1e3']) expect(() => portNumber(bad), bad).toThrow('must be a port 0..65535');
  });

  it('takes speeds that are finite numbers above zero', () => {
    expect(positiveNumber('1')).toBe(1);
    expect(positiveNumber('0.5')).toBe(0.5);
    expect(positiveNumber('2400')).toBe(2400);
    for (const bad of ['0', '-2', 'fast', '', 'Infinity', 'NaN']) expect(() => positiveNumber(bad), bad).toThrow('must be a number > 0');
  });

  it('takes positive integers', () => {
    expect(positiveInt('3')).toBe(3);
    for (const bad of ['0', '-3', '1.5', 'x', '']) expect(() => positiveInt(bad), bad).toThrow('must be a positive integer');
  });
});

/** Parses argv with the command's own option parsers; answers the error commander would print. */
function parseError(cmd: Command, args: string[]): string {
  let message = '';
  cmd.exitOverride().configureOutput({ writeErr: (s) => (message += s), writeOut: () => {} });
  // No action may run: every case below is refused while the options are parsed.
  cmd.action(() => {
    throw new Error('the command ran');
  });
  try {
    cmd.parse(args, { from: 'user' });
  } catch {
    // commander's CommanderError after it wrote the message
  }
  return message;
}

describe('commands refuse bad ports and speeds before starting', () => {
  const commands: Array<[string, () => Command]> = [
    ['gateway smsvas', createSmsvasCommand],
    ['gateway gmmsc', createGmmscCommand],
    ['gateway rcs', createRcsCommand],
    ['gateway xroshot', createXroshotCommand],
    ['engine', createEngineCommand],
    ['up', createUpCommand],
  ];
  for (const [name, create] of commands) {
    it(name, () => {
      expect(parseError(create(), ['--port', '70000'])).toMatch(/option '--port <port>' argument '70000' is invalid\. must be a port 0\.\.65535/);
      expect(parseError(create(), ['--speed', 'fast'])).toMatch(/argument 'fast' is invalid\. must be a number > 0/);
    });
  }
});

// The part of `msgsim conformance <gateway>` every suite shares: --target, --expectations, --only,
// --json, --timeout, how the report is printed, and exit code 1 when the run did not pass. Each
// gateway adds its protocol's options and maps them onto its runner.
import { Command } from 'commander';
import { positiveInt } from './cli-values.ts';
import type { ConformanceExpectations } from './conformance-expectations.ts';

export { portNumber, positiveInt } from './cli-values.ts';

/** The options every conformance command has, as commander hands them to the action. */
export interface CommonConformanceOptions {
  target: string;
  expectations?: string;
  only?: string;
  json?: boolean;
  timeout?: number;
}

export interface ConformanceCommandSpec {
  /** The gateway, e.g. 'smsvas' (`msgsim conformance smsvas`). */
  name: string;
  /** What the suite checks, e.g. 'SMPP 3.4 conformance checks against an SMSC (ours or a third party)'. */
  summary: string;
  /** Help of --target: the URL form. */
  target: string;
  /** Example of --only, e.g. 'bind,receipt.tlvs'. */
  onlyExample: string;
}

/** A command with the shared options; add the protocol's options, then `.action(...)`. */
export function createConformanceCommand(spec: ConformanceCommandSpec): Command {
  return new Command(spec.name)
    .description(`${spec.summary}; exit code 1 when not passed`)
    .requiredOption('--target <url>', spec.target)
    .option('--expectations <file>', 'YAML of known failures: { target-name, expected-failures: { <check id>: reason } }')
    .option('--only <ids>', `comma-separated check ids or groups (e.g. ${spec.onlyExample})`)
    .option('--json', 'print the report as JSON')
    .option('--timeout <ms>', 'response timeout per request (default 5000)', positiveInt);
}

/** 'a, b,,c' -> ['a', 'b', 'c']; nothing given -> undefined. */
export function splitList(v: string | undefined): string[] | undefined {
  return v?.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The shared options under the names every gateway's runner takes. */
export interface CommonRunOptions {
  target: string;
  expectations?: string | ConformanceExpectations;
  only?: string[];
  timeoutMs?: number;
}

/**
 * The body of a command's action: runs the suite with the shared options mapped onto the runner's
 * names (the gateway adds its own), then prints the report and sets the exit code.
 */
export async function runConformanceCommand<R extends { passed: boolean }>(
  o: CommonConformanceOptions,
  run: (common: CommonRunOptions) => Promise<R>,
  formatTable: (report: R) => string,
): Promise<void> {
  const report = await run({ target: o.target, expectations: o.expectations, only: splitList(o.only), timeoutMs: o.timeout });
  printConformanceReport(report, o.json, formatTable);
}

/** Prints the report (JSON, or the gateway's table) and sets exit code 1 when it did not pass. */
export function printConformanceReport<R extends { passed: boolean }>(report: R, json: boolean | undefined, formatTable: (report: R) => string): void {
  console.log(json ? JSON.stringify(report, null, 2) : formatTable(report));
  if (!report.passed) process.exitCode = 1;
}

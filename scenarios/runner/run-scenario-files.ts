// What `msgsim run` and `msgsim demo` share: validate every scenario file before anything starts,
// run them one after the other with a progress display, then print the summary table (or one JSON
// document) and write the HTML report. Exit code: 2 when a file is invalid or a scenario cannot start,
// else 1 when any scenario failed, else 0.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isScenarioError } from '../scenario-errors.ts';
import { loadScenario } from '../load-scenario.ts';
import type { Scenario } from '../scenario-schema.ts';
import { renderReport } from '../report/render-report.ts';
import type { ScenarioResult } from '../report/scenario-result.ts';
import { createProgressDisplay, type ProgressSink } from './progress-display.ts';
import { isRunError } from './run-errors.ts';
import { runScenario, type RunScenarioOptions } from './run-scenario.ts';
import { summaryTable } from './summary-table.ts';

export interface RunFilesIo {
  out(text: string): void;
  err(text: string): void;
  /** Where progress goes (stderr). */
  progress: ProgressSink;
}

export interface RunFilesOptions extends Omit<RunScenarioOptions, 'onProgress' | 'log' | 'store'> {
  /** Each scenario's engine gets a fresh SQLite store in this directory; default: a memory store. */
  sqliteDir?: string;
  json?: boolean;
  /** Write the HTML report here. */
  report?: string;
  /** Write the results as JSON here too. */
  jsonFile?: string;
  reportTitle?: string;
  quiet?: boolean;
  /** Engine and runner log lines to stderr. */
  verbose?: boolean;
}

export interface RunFilesOutcome {
  exitCode: 0 | 1 | 2;
  results: ScenarioResult[];
  /** Validation errors, one `<file>:<line>: <field>: <problem>` per line. */
  invalid: string[];
}

export function validateScenarioFiles(files: readonly string[]): { scenarios: Scenario[]; invalid: string[] } {
  const scenarios: Scenario[] = [];
  const invalid: string[] = [];
  for (const file of files) {
    try {
      scenarios.push(loadScenario(file));
    } catch (err) {
      if (!isScenarioError(err)) throw err;
      invalid.push(err.message);
    }
  }
  return { scenarios, invalid };
}

/** A result for a scenario that never ran (it could not start). */
export function notStartedResult(s: Scenario, error: string, startedAt: string): ScenarioResult {
  return {
    name: s.name,
    ...(s.description !== undefined ? { description: s.description } : {}),
    source: s.source,
    passed: false,
    error,
    startedAt,
    durationMs: 0,
    simulatedMs: 0,
    simulatedStart: s.clock.start ?? Date.parse(startedAt),
    clockSpeed: s.clock.speed,
    seed: s.seed,
    messages: 0,
    states: [],
    fallbacks: [],
    gateways: [],
    throughput: { bucketMs: 1000, buckets: [] },
    latency: [],
    faults: [],
    expectations: [],
  };
}

export async function runScenarioFiles(files: readonly string[], opts: RunFilesOptions, io: RunFilesIo): Promise<RunFilesOutcome> {
  const { scenarios, invalid } = validateScenarioFiles(files);
  if (invalid.length > 0) {
    io.err(`${invalid.join('\n')}\n`);
    io.err(`${invalid.length} of ${files.length} scenario file${files.length === 1 ? '' : 's'} invalid; nothing was run\n`);
    return { exitCode: 2, results: [], invalid };
  }
  if (opts.sqliteDir !== undefined) mkdirSync(opts.sqliteDir, { recursive: true });
  const results: ScenarioResult[] = [];
  let cannotStart = false;
  const display = createProgressDisplay(io.progress);
  for (const s of scenarios) {
    const startedAt = new Date().toISOString();
    try {
      results.push(
        await runScenario(s, {
          ...opts,
          store: opts.sqliteDir === undefined ? 'memory' : { sqlite: join(opts.sqliteDir, `${s.name.replace(/[^A-Za-z0-9_-]+/g, '-')}-${Date.now()}.db`) },
          ...(opts.quiet ? {} : { onProgress: (p) => display.update(p) }),
          // Engine lines only when asked for; the engine's refusals of the traffic and the runner's notes always.
          log: (line: string) => {
            if (!opts.verbose && !line.startsWith('refused') && !line.startsWith('note:')) return;
            display.interrupt();
            io.err(`${s.name}: ${line}\n`);
          },
        }),
      );
    } catch (err) {
      if (!isRunError(err)) throw err;
      cannotStart = true;
      io.err(`${err.message}\n`);
      results.push(notStartedResult(s, err.message, startedAt));
    } finally {
      if (!opts.quiet) display.done();
    }
  }
  const passed = results.every((r) => r.passed);
  const exitCode = cannotStart ? 2 : passed ? 0 : 1;
  if (opts.report !== undefined) writeOut(opts.report, renderReport(results, opts.reportTitle !== undefined ? { title: opts.reportTitle } : {}));
  const doc = { passed, exitCode, ...(opts.report !== undefined ? { report: opts.report } : {}), scenarios: results };
  if (opts.jsonFile !== undefined) writeOut(opts.jsonFile, `${JSON.stringify(doc, null, 2)}\n`);
  if (opts.json) io.out(`${JSON.stringify(doc)}\n`);
  else {
    io.out(summaryTable(results));
    if (opts.report !== undefined) io.out(`report: ${opts.report}\n`);
  }
  return { exitCode, results, invalid };
}

function writeOut(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

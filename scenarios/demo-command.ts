// `msgsim demo` (= `npm start`): a representative set of the shipped scenarios, run in this process on
// embedded defaults (memory store, free ports, so it never collides with a running `msgsim up`).
// Writes reports/demo-<time>.html and the JSON next to it, prints the report's path, and exits 0 only
// when every expectation held.
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/**
 * The scenarios the demo runs, in order; add a shipped scenario file here to include it. Chosen to show
 * a fallback, a gateway fault, the ad night window and the market mix in under a minute on a 2-core
 * machine: a failed RCS status sent again as MMS (~6 s), a black-hole SMSC opening the circuit to
 * Xroshot (~5 s), ads held from 21:00 to 08:00 (~18 s) and a Korean market morning at 480x (~22 s).
 */
export const DEMO_SCENARIOS: readonly string[] = ['rcs-failed-status-mms.yaml', 'black-hole-smsc.yaml', 'ad-night-window.yaml', 'korean-market-day.yaml'];

/** The demo's scenario files, relative to the working directory when they are below it (shorter in the report). */
export function demoScenarioPaths(cwd = process.cwd()): string[] {
  return DEMO_SCENARIOS.map((f) => {
    const abs = join(HERE, f);
    const rel = relative(cwd, abs);
    return rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  });
}

/** '2026-11-21T02:15:25.123Z' -> '20261121-021525' (UTC), sortable and safe in a file name. */
export function reportStamp(d: Date): string {
  return d.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

export function createDemoCommand(): Command {
  return new Command('demo')
    .description('run a representative set of the shipped scenarios in-process and write an HTML report')
    .option('--out <dir>', 'where the report is written', 'reports')
    .option('--json', 'print one JSON document with every result instead of the summary table')
    .option('--quiet', 'no progress display')
    .action(async (o: { out: string; json?: boolean; quiet?: boolean }) => {
      const { runScenarioFiles } = await import('./runner/run-scenario-files.ts');
      const base = join(o.out, `demo-${reportStamp(new Date())}`);
      const outcome = await runScenarioFiles(
        demoScenarioPaths(),
        {
          ports: 'free',
          report: `${base}.html`,
          jsonFile: `${base}.json`,
          reportTitle: 'msgsim demo',
          ...(o.json ? { json: true } : {}),
          ...(o.quiet ? { quiet: true } : {}),
        },
        { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), progress: process.stderr },
      );
      if (!o.json) process.stdout.write(`json:   ${base}.json\n`);
      process.exitCode = outcome.exitCode;
    });
}

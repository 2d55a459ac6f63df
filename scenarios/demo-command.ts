import { Command } from 'commander';

/** `msgsim demo` (= `npm start`): the main job on embedded defaults. */
export function createDemoCommand(): Command {
  return new Command('demo')
    .description('run the simulators with a smoke exchange on embedded defaults and write a report')
    .option('--out <dir>', 'where reports are written', 'reports')
    .option('--burst <n>', 'messages in the burst of random subscribers', '20000')
    .option('--seed <seed>', 'random seed: same seed, same run', 'demo')
    .option('--json', 'print the report as JSON instead of progress lines')
    .action(async (o: { out: string; burst: string; seed: string; json?: boolean }) => {
      const { runSmokeExchange } = await import('./smoke-exchange.ts');
      const { writeSmokeReport } = await import('./smoke-report.ts');
      const report = await runSmokeExchange({
        burst: Number(o.burst),
        seed: o.seed,
        reportWaitMs: 30_000,
        onProgress: o.json ? undefined : (line) => console.log(line),
      });
      const paths = writeSmokeReport(report, o.out);
      if (o.json) console.log(JSON.stringify({ ...report, reportFiles: paths }));
      else {
        console.log(`\ndemo ${report.passed ? 'passed' : 'FAILED'}`);
        console.log(`report: ${paths.markdown}`);
        console.log(`        ${paths.json}`);
      }
      if (!report.passed) process.exitCode = 1;
    });
}

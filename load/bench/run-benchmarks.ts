// `npm run bench`: runs every *-bench.ts under load/bench, one child process each, one after another,
// so a gateway adds its benchmark by adding a file. Figures are printed, never judged: targets are
// checked by reading the printout. Arguments after `--` go to every benchmark (e.g. a name filter).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

function findBenchmarks(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findBenchmarks(path));
    else if (entry.name.endsWith('-bench.ts')) out.push(path);
  }
  return out.sort();
}

const filter = process.argv.slice(2).find((a) => !a.startsWith('-'));
const benches = findBenchmarks(here).filter((f) => !filter || relative(here, f).includes(filter));
if (benches.length === 0) {
  console.error(filter ? `no *-bench.ts under load/bench matches '${filter}'` : 'no *-bench.ts under load/bench');
  process.exit(1);
}
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${relative(process.cwd(), file)} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`${relative(process.cwd(), file)} exited with ${r.status ?? r.signal}`);
  }
}
process.exit(failed === 0 ? 0 : 1);

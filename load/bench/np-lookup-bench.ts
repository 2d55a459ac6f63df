// Carrier lookups per second through the engine's createCarrierLookup against the NP API, both in this
// one process on loopback (so the figure includes the server's work on the same core): 100,000
// distinct numbers, asked 10,000 per lookup() call one after another, then all in one tick (10
// requests over the pool's connections), then again from the cache.
// Environment: BENCH_NUMBERS (default 100000), BENCH_BATCH (10000), BENCH_RUNS (3).
import { loadavg } from 'node:os';
import { createCarrierLookup } from '../../engine/routing/carrier-lookup.ts';
import { createSystemClock } from '../../gateways/kit/clock.ts';
import { loadNetwork } from '../../gateways/network/load-network.ts';
import { createNpApi } from '../../gateways/network/np-api.ts';

const total = Number(process.env.BENCH_NUMBERS ?? 100_000);
const batch = Number(process.env.BENCH_BATCH ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);

const app = createNpApi(loadNetwork());
const npUrl = await app.listen({ port: 0, host: '127.0.0.1' });
const clock = createSystemClock();

const numbersFor = (run: number) => Array.from({ length: total }, (_, i) => `010${String(run * total * 2 + i).padStart(8, '0')}`);
const chunks = (xs: string[]) => Array.from({ length: Math.ceil(xs.length / batch) }, (_, i) => xs.slice(i * batch, (i + 1) * batch));

async function timed(f: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await f();
  return total / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(11);

console.log(`NP lookup bench: ${total.toLocaleString('en-US')} distinct numbers per run, ${batch.toLocaleString('en-US')} per lookup(), ${runs} runs, NP API in-process on loopback, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const sequential: number[] = [];
const oneTick: number[] = [];
const cached: number[] = [];
for (let run = 0; run < runs; run++) {
  const lookup = createCarrierLookup({ npUrl, ownCarrier: 'KT', ttlMs: 86_400_000, clock });
  const a = chunks(numbersFor(run * 2));
  sequential.push(
    await timed(async () => {
      for (const c of a) await lookup.lookup(c);
    }),
  );
  const b = chunks(numbersFor(run * 2 + 1));
  oneTick.push(await timed(() => Promise.all(b.map((c) => lookup.lookup(c)))));
  cached.push(await timed(() => Promise.all(b.map((c) => lookup.lookup(c)))));
  const s = lookup.stats();
  console.log(`  run ${run + 1}  sequential numbers/s ${fmt(sequential[run])}  one tick numbers/s ${fmt(oneTick[run])}  cached numbers/s ${fmt(cached[run])}  requests ${s.requests}  errors ${s.errors}`);
  await lookup.close();
}
console.log('\nmedians');
const line = (label: string, xs: number[], note: string) => console.log(`  ${label.padEnd(28)}${fmt(median(xs))} numbers/s   (${note})`);
line(`sequential, ${batch.toLocaleString('en-US')} per call`, sequential, 'one request at a time');
line('all in one tick', oneTick, `requests of ${batch.toLocaleString('en-US')} in parallel`);
line('from the cache', cached, 'no I/O');
console.log('target: the engine needs >= 10,000 numbers/s (one lookup per message at 10,000 messages/s)');
await app.close();

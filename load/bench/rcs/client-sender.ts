// Bench client process: our RCS client sends `messages` texts with at most `window` in flight and
// counts 'delivered' reports from its webhook receiver. Accepted sends/s runs from the first send to
// the last 202; delivered reports/s and webhook POSTs/s from the first send to the last delivered
// report. Prints `RESULT <json>`.
import { createRcsClient } from '../../../gateways/rcs/client/rcs-client.ts';
import { KNOWN_SUBSCRIBERS } from '../../../gateways/network/known-subscribers.ts';

export interface RcsBenchResult {
  sends: { completed: number; perSecond: number; rejected: number; timeouts: number };
  /** 'delivered' reports (one per message). */
  webhooks: { completed: number; perSecond: number };
  /** Every status webhook POST received (the simulator also posts 'sent' before 'delivered'). */
  webhookPosts: { completed: number; perSecond: number };
  /** CPU the client process used per accepted message (user + system), in µs: its own cost, whatever the load. */
  clientCpuUsPerMessage: number;
  /** The same for the simulator process, read from its bench-only /bench/cpu route. */
  simulatorCpuUsPerMessage: number;
}

const { port, adminPort, messages, warmup, window, timeLimitMs } = JSON.parse(process.argv[2]) as {
  port: number;
  adminPort: number;
  messages: number;
  warmup: number;
  window: number;
  timeLimitMs: number;
};

const client = createRcsClient({ target: `http://127.0.0.1:${port}`, clientId: 'bench', clientSecret: 'bench', botId: '15880000', connections: 64 });
let delivered = 0;
let lastDelivered = 0;
client.on('report', (r) => {
  if (r.event !== 'delivered') return;
  delivered++;
  lastDelivered = performance.now();
});
await client.connect();
const put = await fetch(`http://127.0.0.1:${adminPort}/admin/webhook`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ botId: '15880000', url: client.webhookUrl() }) });
if (put.status !== 200) throw new Error(`webhook registration answered ${put.status}`);

const msg = { destination: KNOWN_SUBSCRIBERS.ktAndroidRcs, messagebaseId: 'SS000000', content: { kind: 'text' as const, text: 'bench 안내' } };

async function run(n: number, deadline: number) {
  let next = 0;
  let accepted = 0;
  let rejected = 0;
  let timeouts = 0;
  let lastAccepted = 0;
  const worker = async () => {
    while (next < n && performance.now() < deadline) {
      next++;
      const out = await client.submit(msg);
      if (out.kind === 'accepted') {
        accepted++;
        lastAccepted = performance.now();
      } else if (out.kind === 'rejected') rejected++;
      else timeouts++;
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  return { accepted, rejected, timeouts, lastAccepted };
}

async function waitDelivered(target: number, deadline: number) {
  while (delivered < target && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}

await run(warmup, performance.now() + timeLimitMs);
await waitDelivered(warmup, performance.now() + timeLimitMs);
delivered = 0;
const simCpu = async () => {
  const c = (await (await fetch(`http://127.0.0.1:${adminPort}/bench/cpu`)).json()) as { user: number; system: number };
  return c.user + c.system;
};
const simCpuBefore = await simCpu();
const postsBefore = client.stats().webhook?.posts ?? 0;
const cpuBefore = process.cpuUsage();
const start = performance.now();
const s = await run(messages, start + timeLimitMs);
await waitDelivered(s.accepted, start + 2 * timeLimitMs);
const simCpuUsed = (await simCpu()) - simCpuBefore;
const posts = (client.stats().webhook?.posts ?? 0) - postsBefore;
const cpu = process.cpuUsage(cpuBefore);
const result: RcsBenchResult = {
  sends: { completed: s.accepted, perSecond: (s.accepted * 1000) / (s.lastAccepted - start), rejected: s.rejected, timeouts: s.timeouts },
  webhooks: { completed: delivered, perSecond: (delivered * 1000) / (lastDelivered - start) },
  webhookPosts: { completed: posts, perSecond: (posts * 1000) / (lastDelivered - start) },
  clientCpuUsPerMessage: (cpu.user + cpu.system) / Math.max(1, s.accepted),
  simulatorCpuUsPerMessage: simCpuUsed / Math.max(1, s.accepted),
};
console.log(`RESULT ${JSON.stringify(result)}`);
await client.close();
process.exit(0);

// Dispatcher overhead: sends/s through createGatewayDispatcher with a channel that accepts at once, so
// the figure is the policy stack's own cost (window, breaker, pacer, timed send, result). The engine
// needs >= 10,000 messages/s end to end on 2 cores; this part should cost a few µs per send.
// Modes: flood (every send at once, most waiting for the window: 1 in 10 real-time), steady (512
// senders each awaiting its previous send), steady+hooks (with async beforeTry and afterTry).
// Environment: BENCH_MESSAGES (default 200000), BENCH_RUNS (3). Figures are printed, never judged.
import { loadavg } from 'node:os';
import { createSystemClock } from '../../gateways/kit/clock.ts';
import { createRng } from '../../gateways/kit/rng.ts';
import type { Channel, ChannelOutcome, OutboundMessage } from '../../engine/channel.ts';
import { createGatewayDispatcher } from '../../engine/dispatch/gateway-dispatcher.ts';
import type { DispatchHooks } from '../../engine/dispatch/gateway-dispatcher.ts';
import { dispatchPolicySchema } from '../../engine/engine-config.ts';

const messages = Number(process.env.BENCH_MESSAGES ?? 200_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);

function instantChannel(): Channel {
  let n = 0;
  return {
    gateway: 'smsvas',
    carries: new Set(['sms']),
    connect: async () => {},
    close: async () => {},
    on: () => {},
    stats: () => ({ inFlight: 0, queued: 0, sent: n, accepted: n, rejected: 0, timeouts: 0, reports: 0 }),
    send: (): Promise<ChannelOutcome> => Promise.resolve({ kind: 'accepted', gatewayIds: [String(n++)] }),
  };
}

const msgs: OutboundMessage[] = Array.from({ length: 1024 }, (_, i) => ({
  ref: `a${i}`,
  to: '01012340001',
  from: '0212345678',
  content: { kind: 'sms', text: 'hello', encoding: 'euc-kr' },
  ad: false,
}));

type Mode = 'flood' | 'steady' | 'steady+hooks';

async function runOnce(mode: Mode): Promise<{ perSecond: number; usPerSend: number }> {
  const clock = createSystemClock();
  const policy = dispatchPolicySchema.parse({ tps: 1e9, window: 256 });
  const d = createGatewayDispatcher({ channel: instantChannel(), policy, clock, rng: createRng(1) });
  const hooks: DispatchHooks | undefined = mode === 'steady+hooks' ? { beforeTry: async () => {}, afterTry: () => {} } : undefined;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (mode === 'flood') {
    const all: Promise<unknown>[] = new Array(messages);
    for (let i = 0; i < messages; i++) all[i] = d.send(msgs[i & 1023], i % 10 === 0 ? 'realtime' : 'scheduled');
    await Promise.all(all);
  } else {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < messages) {
        const i = next++;
        await d.send(msgs[i & 1023], 'scheduled', hooks);
      }
    };
    await Promise.all(Array.from({ length: 512 }, worker));
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  d.close();
  if (d.stats().accepted !== messages) throw new Error(`only ${d.stats().accepted} of ${messages} accepted`);
  return { perSecond: (messages / ms) * 1000, usPerSend: (cpu.user + cpu.system) / messages };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(11);
console.log(`dispatch bench: ${messages.toLocaleString('en-US')} sends per run, instant channel, window 256, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const mode of ['flood', 'steady', 'steady+hooks'] as const) {
  // Bounded at about 3 s per mode on a busy machine.
  const started = performance.now();
  const rs: { perSecond: number; usPerSend: number }[] = [];
  for (let i = 0; i < runs && (i === 0 || performance.now() - started < 3_000); i++) rs.push(await runOnce(mode));
  rs.sort((a, b) => a.perSecond - b.perSecond);
  const m = rs[rs.length >> 1];
  console.log(`  ${mode.padEnd(13)} sends/s ${fmt(m.perSecond)}  CPU µs/send ${m.usPerSend.toFixed(2).padStart(6)}  (median of ${rs.length})`);
}

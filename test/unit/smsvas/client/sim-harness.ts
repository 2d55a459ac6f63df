// Starts the real SMSVAS simulator on a loopback port for client tests.
import { parseBehaviour } from '../../../../gateways/kit/behaviour-schema.ts';
import type { Clock } from '../../../../gateways/kit/clock.ts';
import type { PduLogEntry } from '../../../../gateways/smsvas/simulator/smsc-context.ts';
import { loadSmscConfig } from '../../../../gateways/smsvas/simulator/smsc-config.ts';
import { createSmscSimulator, type SmscSimulator } from '../../../../gateways/smsvas/simulator/smsc-simulator.ts';

export const SENDER = '15880000';
export const SUBSCRIBER = '01012340001';

export interface RunningSim {
  sim: SmscSimulator;
  port: number;
  target(password?: string): string;
  log(): PduLogEntry[];
  counter(key: string): number;
}

export async function startSim(opts: { preset?: string; behaviour?: unknown; clock?: Clock } = {}): Promise<RunningSim> {
  const config = loadSmscConfig(undefined, opts.preset ?? 'fast-receipts');
  if (opts.behaviour !== undefined) config.behaviour = parseBehaviour(opts.behaviour, 'test behaviour');
  const sim = createSmscSimulator({ config, seed: 'client-test', clock: opts.clock });
  const { port } = await sim.listen(0, '127.0.0.1');
  return {
    sim,
    port,
    target: (password = 'secret') => `smpp://msgsim:${password}@127.0.0.1:${port}`,
    log: () => sim.context.log.list(),
    counter: (key) => sim.context.stats.snapshot()[key] ?? 0,
  };
}

/** Highest number of submit_sm a single session had without a response, as the server saw it. */
export function maxInFlightPerSession(log: PduLogEntry[]): number {
  const open = new Map<number, number>();
  let max = 0;
  for (const e of log) {
    if (e.command === 'submit_sm' && e.dir === 'in') {
      const n = (open.get(e.session) ?? 0) + 1;
      open.set(e.session, n);
      max = Math.max(max, n);
    } else if (e.command === 'submit_sm_resp' && e.dir === 'out') {
      open.set(e.session, (open.get(e.session) ?? 0) - 1);
    }
  }
  return max;
}

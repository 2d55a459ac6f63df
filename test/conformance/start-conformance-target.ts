// Our SMSC simulator, started in-process on a free loopback port, as the target of a conformance run.
import { loadSmscConfig } from '../../gateways/smsvas/simulator/smsc-config.ts';
import { createSmscSimulator } from '../../gateways/smsvas/simulator/smsc-simulator.ts';

export interface ConformanceTarget {
  url: string;
  close(): Promise<void>;
}

export async function startConformanceTarget(preset?: string): Promise<ConformanceTarget> {
  const sim = createSmscSimulator({ config: loadSmscConfig(undefined, preset), seed: 'conformance' });
  const addr = await sim.listen(0, '127.0.0.1');
  return { url: `smpp://msgsim:secret@127.0.0.1:${addr.port}`, close: () => sim.close() };
}

/** Timeouts short enough for CI, long enough for the default receipt delays (p99 15 s). */
export const FAST = { timeoutMs: 1500, receiptTimeoutMs: 25_000, noReceiptWaitMs: 1500, resendWaitMs: 1500 } as const;

export function failing(results: Array<{ id: string; status: string }>): string[] {
  return results.filter((r) => r.status === 'fail').map((r) => r.id).sort();
}

// Our Xroshot simulator, started in-process on a free loopback port, as the target of a conformance run.
import { loadXroshotConfig } from '../../gateways/xroshot/simulator/xroshot-config.ts';
import { createXroshotSimulator } from '../../gateways/xroshot/simulator/xroshot-simulator.ts';

export interface XroshotConformanceTarget {
  url: string;
  close(): Promise<void>;
}

export async function startXroshotTarget(preset?: string): Promise<XroshotConformanceTarget> {
  const sim = createXroshotSimulator({ config: loadXroshotConfig(undefined, preset), seed: 'conformance' });
  const addr = await sim.listen(0, '127.0.0.1');
  return { url: `tcp://127.0.0.1:${addr.port}`, close: () => sim.close() };
}

export const CREDENTIALS = { serviceProviderId: 'msgsim', password: 'secret' } as const;

/** Short enough for CI, long enough for the default report delays (p99 20 s). */
export const XROSHOT_FAST = { timeoutMs: 1500, reportTimeoutMs: 25_000, resendWaitMs: 1500 } as const;

export function failingIds(results: Array<{ id: string; status: string }>, status = 'fail'): string[] {
  return results.filter((r) => r.status === status).map((r) => r.id).sort();
}

// Our GMMSC simulator, started in-process on a free loopback port, as the target of a conformance run.
// The suite's callback URL is only known once its receiver listens, so it is set on the account then.
import { loadMmscConfig } from '../../gateways/gmmsc/simulator/mmsc-config.ts';
import { createMmscSimulator, type MmscSimulator } from '../../gateways/gmmsc/simulator/mmsc-simulator.ts';

export interface GmmscConformanceTarget {
  url: string;
  sim: MmscSimulator;
  /** Points the msgsim account's delivery reports at `url` (pass as onCallbackUrl). */
  setCallback(url: string): void;
  close(): Promise<void>;
}

export async function startGmmscConformanceTarget(preset?: string): Promise<GmmscConformanceTarget> {
  const sim = createMmscSimulator({ config: loadMmscConfig(undefined, preset), seed: 'conformance' });
  const addr = await sim.listen(0, '127.0.0.1');
  return {
    url: `http://msgsim:secret@127.0.0.1:${addr.port}/mm7`,
    sim,
    setCallback(url) {
      const state = sim.context.accounts.get('msgsim');
      if (!state) throw new Error('the simulator config has no msgsim account');
      state.account.callbackUrl = url;
    },
    close: () => sim.close(),
  };
}

/** Timeouts short enough for CI, long enough for the presets' report delays. */
export const FAST = { timeoutMs: 2000, reportTimeoutMs: 15_000, noReportWaitMs: 1500 } as const;

export function failing(results: Array<{ id: string; status: string }>): string[] {
  return results.filter((r) => r.status === 'fail').map((r) => r.id).sort();
}

// Starts an Xroshot simulator on a manual clock for one test and cleans it up afterwards.
import { afterEach } from 'vitest';
import { createManualClock, type ManualClock } from '../../../../gateways/kit/clock.ts';
import type { Network } from '../../../../gateways/network/create-network.ts';
import { loadNetwork } from '../../../../gateways/network/load-network.ts';
import { parseXroshotConfig, type XroshotConfig } from '../../../../gateways/xroshot/simulator/xroshot-config.ts';
import { createXroshotSimulator, type XroshotSimulator } from '../../../../gateways/xroshot/simulator/xroshot-simulator.ts';
import { connectMas, TEST_ACCOUNT, type MasTestClient } from './mas-test-client.ts';

export const BASE_CONFIG = {
  accounts: [
    { ...TEST_ACCOUNT, maxSessions: 2, callbackNumbers: ['15880000'] },
    { serviceProviderId: 'sp2', password: 'pw2', endUsers: ['eu2'], cert: TEST_ACCOUNT.cert, callbackNumbers: ['15770000'], products: { mms: false } },
  ],
  session: { idleTimeout: 0 },
  reports: { window: 10, responseTimeout: '5s', retryDelay: '1s', maxAttempts: 3 },
  behaviour: { version: 1, latency: 0, reports: { outcomes: { delivered: 1 }, delay: 1000, defaultValidity: '24h' } },
};

export interface Harness {
  sim: XroshotSimulator;
  clock: ManualClock;
  network: Network;
  port: number;
  cfg: XroshotConfig;
  client(): Promise<MasTestClient>;
  /** A client that has logged in (and whose login succeeded). */
  registered(login?: Parameters<MasTestClient['login']>[0]): Promise<MasTestClient>;
  advance(ms: number): Promise<void>;
}

let current: { sim: XroshotSimulator; clients: MasTestClient[] } | null = null;

afterEach(async () => {
  if (!current) return;
  for (const c of current.clients) c.close();
  await current.sim.close();
  current = null;
});

const tick = () => new Promise((r) => setImmediate(r));
/** Lets loopback I/O in flight land. */
export const settle = () => new Promise((r) => setTimeout(r, 15));

/** Waits (in real time, for loopback I/O) until `pred` holds; fails after `timeoutMs`. */
export async function until(pred: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle();
  }
}

export async function startSim(overrides: Record<string, unknown> = {}, cfgIn?: XroshotConfig): Promise<Harness> {
  const clock = createManualClock(Date.UTC(2026, 10, 20, 3, 0, 0));
  const network = loadNetwork();
  const cfg = cfgIn ?? parseXroshotConfig({ ...BASE_CONFIG, ...overrides });
  const sim = createXroshotSimulator({ config: cfg, clock, seed: 1, network });
  const port = (await sim.listen(0)).port;
  const clients: MasTestClient[] = [];
  current = { sim, clients };
  const h: Harness = {
    sim,
    clock,
    network,
    port,
    cfg,
    async client() {
      const c = await connectMas(port);
      clients.push(c);
      return c;
    },
    async registered(login) {
      const c = await h.client();
      const { regist } = await c.login(login);
      if (regist.result !== 0) throw new Error(`login refused: Result ${regist.result}`);
      return c;
    },
    async advance(ms) {
      clock.advance(ms);
      await tick();
      await settle();
    },
  };
  return h;
}

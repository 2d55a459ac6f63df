// The stack a load profile runs against when it names no target: the simulated network and its
// number-portability API, the four gateway simulators with zero-latency behaviours that deliver and
// report at once, and the engine on a temporary SQLite store — the same steps as `msgsim up`, on free
// ports. The simulators answer instantly and never throttle, so what the run measures is the engine.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineConfigInput } from '../engine/engine-config.ts';
import { engineConfigSchema } from '../engine/engine-config.ts';
import { startEngineService, type EngineService } from '../engine/engine-service.ts';
import { createSystemClock } from '../gateways/kit/clock.ts';
import { createRng } from '../gateways/kit/rng.ts';
import { loadMmscConfig } from '../gateways/gmmsc/simulator/mmsc-config.ts';
import { createMmscSimulator } from '../gateways/gmmsc/simulator/mmsc-simulator.ts';
import type { Network } from '../gateways/network/create-network.ts';
import { loadNetwork } from '../gateways/network/load-network.ts';
import { createNpApi } from '../gateways/network/np-api.ts';
import { loadRcsConfig } from '../gateways/rcs/simulator/rcs-config.ts';
import { createRcsSimulator } from '../gateways/rcs/simulator/rcs-simulator.ts';
import { loadSmscConfig } from '../gateways/smsvas/simulator/smsc-config.ts';
import { createSmscSimulator } from '../gateways/smsvas/simulator/smsc-simulator.ts';
import { loadXroshotConfig } from '../gateways/xroshot/simulator/xroshot-config.ts';
import { createXroshotSimulator } from '../gateways/xroshot/simulator/xroshot-simulator.ts';
import { LoadError } from './load-errors.ts';

export interface LocalStackOptions {
  /** The API key of the one tenant. */
  apiKey: string;
  seed: string;
  /** Engine store: a temporary SQLite file (default, as in production) or memory. */
  store?: 'sqlite' | 'memory';
  /** Each gateway's contracted TPS in the engine's dispatch policy. */
  gatewayTps?: number;
  /** Each gateway's in-flight window in the engine's dispatch policy (default: the engine's). */
  gatewayWindow?: number;
  log?: (line: string) => void;
}

export interface LocalStack {
  /** Engine API base URL. */
  url: string;
  apiKey: string;
  service: EngineService;
  /** The network the simulators read (the default one): recipients can be drawn from it. */
  network: Network;
  stop(): Promise<void>;
}

interface Closable {
  close(): Promise<unknown>;
}

const HOST = '127.0.0.1';
/** High enough that the intake quota never limits a load run; the run measures the engine. */
const UNLIMITED_QUOTA = { rate: 10_000_000, burst: 10_000_000 };
/** Per-session rate the Xroshot simulator grants (and tells the client to pace itself at). */
const SIMULATOR_TPS = 1_000_000;
const INSTANT = { version: 1, latency: 0, reports: { outcomes: { delivered: 1 }, delay: 0 } } as const;

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const log = opts.log ?? (() => {});
  const clock = createSystemClock();
  const network = loadNetwork();
  const running: Closable[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'msgsim-load-'));
  const stopAll = async (): Promise<void> => {
    for (const s of running.reverse()) await s.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const np = createNpApi(network);
    await np.listen({ port: 0, host: HOST });
    running.push(np);
    const npUrl = `http://${HOST}:${(np.server.address() as AddressInfo).port}`;

    const seedOf = (gw: string): string => `${opts.seed}:${gw}`;
    const smsc = createSmscSimulator({ config: loadSmscConfig(undefined, 'fast-receipts'), clock, seed: seedOf('smsvas'), network });
    const mmscConfig = loadMmscConfig(undefined, 'fast-reports');
    const mmsc = createMmscSimulator({ config: mmscConfig, clock, seed: seedOf('gmmsc'), network });
    const rcsConfig = loadRcsConfig();
    // RCS has no fast preset: the same instant behaviour, no throttle, status webhooks at once.
    rcsConfig.behaviour = { ...rcsConfig.behaviour, ...INSTANT, limits: {} } as typeof rcsConfig.behaviour;
    rcsConfig.status = { ...rcsConfig.status, sentDelay: 0, notCapableDelay: 0, displayedShare: 0 };
    const rcsSim = createRcsSimulator({ config: rcsConfig, clock, seed: seedOf('rcs'), network });
    const xroshotConfig = loadXroshotConfig(undefined, 'fast-reports');
    xroshotConfig.ownNetworkRecipients = 'deliver';
    // The bundled account is contracted at 200 recipients/s per session (also the default when none is
    // given); the run measures the engine, not that contract.
    for (const a of xroshotConfig.accounts) a.tps = SIMULATOR_TPS;
    const xroshot = createXroshotSimulator({ config: xroshotConfig, clock, seed: seedOf('xroshot'), network });
    const port = async (sim: { listen(p: number, h: string): Promise<AddressInfo> } & Closable): Promise<number> => {
      const addr = await sim.listen(0, HOST);
      running.push(sim);
      return addr.port;
    };
    const smscPort = await port(smsc);
    const mmscPort = await port(mmsc);
    const rcsPort = await port(rcsSim);
    const xroshotPort = await port(xroshot);

    const policy = { tps: opts.gatewayTps ?? 100_000, ...(opts.gatewayWindow === undefined ? {} : { window: opts.gatewayWindow }) };
    const input: EngineConfigInput = {
      api: { host: HOST, port: 0 },
      network: { npUrl },
      gateways: {
        smsvas: { target: `smpp://msgsim:secret@${HOST}:${smscPort}`, policy },
        gmmsc: { target: `http://msgsim:secret@${HOST}:${mmscPort}/mm7`, policy },
        rcs: { target: `http://${HOST}:${rcsPort}`, policy },
        xroshot: { target: `tcp://msgsim:secret@${HOST}:${xroshotPort}`, policy },
      },
      tenants: [{ id: 'load', apiKeys: [opts.apiKey], quota: UNLIMITED_QUOTA }],
      store: { kind: opts.store ?? 'sqlite', path: join(dir, 'msgsim.db') },
    };
    const service = await startEngineService({
      config: engineConfigSchema.parse(input),
      clock,
      rng: createRng(`${opts.seed}:engine`),
      log,
      channels: { rcsWebhook: { registerWebhook: (url, botId) => rcsSim.setWebhook(botId, url) } },
      onChannels: (c) => {
        // The MMSC simulator has no runtime registration: its accounts get the engine's callback URL.
        const gmmsc = c.channels.get('gmmsc') as { callbackUrl?: () => string | null } | undefined;
        const url = gmmsc?.callbackUrl?.() ?? null;
        if (url !== null) for (const a of mmscConfig.accounts) a.callbackUrl = url;
      },
    });
    running.push({ close: () => service.stop() });
    const down = service.channels.connections.filter((c) => c.state !== 'connected');
    if (down.length > 0) throw new Error(`gateways not connected: ${down.map((c) => `${c.gateway} (${c.detail ?? c.state})`).join(', ')}`);
    let stopping: Promise<void> | null = null;
    return { url: service.url, apiKey: opts.apiKey, service, network, stop: () => (stopping ??= stopAll()) };
  } catch (err) {
    await stopAll();
    throw new LoadError('LOAD_ERR_STACK', `cannot start the local stack: ${(err as Error).message}`, { cause: err });
  }
}

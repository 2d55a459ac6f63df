// The whole system in this process on one accelerated clock, every port free: the default network
// and its number-portability API, the four gateway simulators (deterministic behaviour unless a test
// gives its own), the real engine on a memory store with its HTTP API, a tenant status-webhook
// receiver and a log of engine events. Wired like `msgsim up`: Xroshot delivers to KT numbers (the
// alternate route), the MMSC accounts call the engine's MM7 receiver back, the RCS simulator posts its
// webhooks to the engine's receiver.
import type { AddressInfo } from 'node:net';
import type { GatewayName } from '../../../engine/channel.ts';
import { engineConfigSchema, type EngineConfig } from '../../../engine/engine-config.ts';
import { startEngineService, type EngineService } from '../../../engine/engine-service.ts';
import { parseBehaviour } from '../../../gateways/kit/behaviour-schema.ts';
import { createSystemClock, type Clock } from '../../../gateways/kit/clock.ts';
import { createRng } from '../../../gateways/kit/rng.ts';
import { createMmscSimulator, type MmscSimulator } from '../../../gateways/gmmsc/simulator/mmsc-simulator.ts';
import { loadMmscConfig } from '../../../gateways/gmmsc/simulator/mmsc-config.ts';
import { loadNetwork } from '../../../gateways/network/load-network.ts';
import { createNpApi } from '../../../gateways/network/np-api.ts';
import { loadRcsConfig } from '../../../gateways/rcs/simulator/rcs-config.ts';
import { createRcsSimulator, type RcsSimulator } from '../../../gateways/rcs/simulator/rcs-simulator.ts';
import { loadSmscConfig } from '../../../gateways/smsvas/simulator/smsc-config.ts';
import { createSmscSimulator, type SmscSimulator } from '../../../gateways/smsvas/simulator/smsc-simulator.ts';
import { loadXroshotConfig } from '../../../gateways/xroshot/simulator/xroshot-config.ts';
import { createXroshotSimulator, type XroshotSimulator } from '../../../gateways/xroshot/simulator/xroshot-simulator.ts';
import { createEngineApiClient, type EngineApiClient } from './engine-api-client.ts';
import { recordEvents, type EventLog } from './event-log.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

export const E2E_API_KEY = 'e2e-tenant-key-0001';
export const E2E_TENANT = 'e2e';
/** A callback number every simulator account has pre-registered; also the RCS bot. */
export const E2E_SENDER = '15880000';

/** Every send accepted at once and reported delivered a simulated second later. */
export const PROMPT_DELIVERY = { version: 1, latency: 1, reports: { outcomes: { delivered: 1 }, delay: 1000, defaultValidity: '24h' } } as const;

export interface E2eStackOptions {
  /** Clock speed of everything (simulated ms per real ms). */
  speed: number;
  seed: string;
  /** Behaviour per simulator in the behaviour file's form; default PROMPT_DELIVERY with the simulator's own limits. */
  behaviour?: Partial<Record<GatewayName, unknown>>;
  /** Engine config (YAML form) merged over the stack's: objects key by key, anything else replaced. */
  engine?: Record<string, unknown>;
}

export interface E2eStack {
  clock: Clock;
  url: string;
  api: EngineApiClient;
  service: EngineService;
  config: EngineConfig;
  events: EventLog;
  hooks: WebhookReceiver;
  smsvas: SmscSimulator;
  gmmsc: MmscSimulator;
  rcs: RcsSimulator;
  xroshot: XroshotSimulator;
  /** Engine log lines (printed when a test needs them). */
  log: string[];
  stop(): Promise<void>;
}

export function mergeConfig(base: unknown, over: unknown): unknown {
  const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (over === undefined) return base;
  if (!isMap(base) || !isMap(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeConfig(base[k], v);
  return out;
}

export async function startE2eStack(opts: E2eStackOptions): Promise<E2eStack> {
  const clock = createSystemClock({ speed: opts.speed });
  const host = '127.0.0.1';
  const network = loadNetwork();
  const log: string[] = [];
  const running: Array<() => Promise<unknown>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of running.splice(0).reverse()) await stop().catch(() => {});
  };
  const behaviourOf = (gw: GatewayName, own: { limits?: unknown }) =>
    parseBehaviour(opts.behaviour?.[gw] ?? { ...PROMPT_DELIVERY, limits: own.limits }, `${gw} behaviour`);
  const seed = (gw: string) => `${opts.seed}:${gw}`;
  try {
    const hooks = await startWebhookReceiver();
    running.push(() => hooks.close());
    const np = createNpApi(network);
    await np.listen({ port: 0, host });
    running.push(() => np.close());
    const npUrl = `http://${host}:${(np.server.address() as AddressInfo).port}`;

    const smscConfig = loadSmscConfig();
    smscConfig.behaviour = behaviourOf('smsvas', smscConfig.behaviour);
    const smsvas = createSmscSimulator({ config: smscConfig, clock, seed: seed('smsvas'), network });
    const mmscConfig = loadMmscConfig();
    mmscConfig.behaviour = behaviourOf('gmmsc', mmscConfig.behaviour);
    const gmmsc = createMmscSimulator({ config: mmscConfig, clock, seed: seed('gmmsc'), network });
    const rcsConfig = loadRcsConfig();
    rcsConfig.behaviour = behaviourOf('rcs', rcsConfig.behaviour);
    const rcs = createRcsSimulator({ config: rcsConfig, clock, seed: seed('rcs'), network });
    const xroshotConfig = loadXroshotConfig();
    xroshotConfig.behaviour = behaviourOf('xroshot', xroshotConfig.behaviour);
    xroshotConfig.ownNetworkRecipients = 'deliver';
    const xroshot = createXroshotSimulator({ config: xroshotConfig, clock, seed: seed('xroshot'), network });
    const portOf = async (sim: { listen(port: number, host: string): Promise<AddressInfo>; close(): Promise<void> }): Promise<number> => {
      const addr = await sim.listen(0, host);
      running.push(() => sim.close());
      return addr.port;
    };
    const targets = {
      smsvas: { target: `smpp://msgsim:secret@${host}:${await portOf(smsvas)}` },
      gmmsc: { target: `http://msgsim:secret@${host}:${await portOf(gmmsc)}/mm7`, vasId: 'msgsim-vas' },
      rcs: { target: `http://${host}:${await portOf(rcs)}` },
      xroshot: { target: `tcp://msgsim:secret@${host}:${await portOf(xroshot)}` },
    };

    const own = {
      api: { host, port: 0 },
      network: { npUrl },
      store: { kind: 'memory' },
      tenants: [{ id: E2E_TENANT, apiKeys: [E2E_API_KEY], webhookUrl: hooks.url, quota: { rate: 1_000_000, burst: 1_000_000 } }],
      webhooks: { attempts: 3, initialDelay: 1000 },
      gateways: targets,
    };
    const config = engineConfigSchema.parse(mergeConfig(own, opts.engine ?? {}));
    const service = await startEngineService({
      config,
      clock,
      rng: createRng(seed('engine')),
      log: (line) => log.push(line),
      channels: { rcsWebhook: { registerWebhook: (url, botId) => rcs.setWebhook(botId, url) } },
      onChannels: (c) => {
        // The MMSC simulator has no runtime registration: its accounts get the engine's callback URL.
        const channel = c.channels.get('gmmsc') as { callbackUrl?: () => string | null } | undefined;
        const url = channel?.callbackUrl?.() ?? null;
        if (url !== null) for (const a of mmscConfig.accounts) a.callbackUrl = url;
      },
    });
    running.push(() => service.stop());
    const missing = service.channels.connections.filter((c) => c.state !== 'connected');
    if (missing.length > 0) throw new Error(`gateways not connected: ${JSON.stringify(missing)}`);
    const events = recordEvents(service.engine);
    running.push(async () => events.close());
    const api = createEngineApiClient(service.url, E2E_API_KEY);
    running.push(() => api.close());
    return { clock, url: service.url, api, service, config, events, hooks, smsvas, gmmsc, rcs, xroshot, log, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

// Everything a run needs on one machine, in this process and on one clock: the simulated network and
// its number-portability API, the four gateway simulators (a preset or inline behaviour applied), and
// the engine with its API, wired the way `msgsim up` wires them: Xroshot delivers to own-network (KT)
// numbers so it can be the alternate route, the MMSC accounts call the engine's MM7 receiver back, and
// the RCS simulator posts its webhooks to the engine's receiver. With an external engine URL nothing
// is started here.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { GatewayName } from '../engine/channel.ts';
import type { EngineConfig, EngineConfigInput } from '../engine/engine-config.ts';
import { engineConfigSchema } from '../engine/engine-config.ts';
import type { EngineService } from '../engine/engine-service.ts';
import type { Behaviour } from '../gateways/kit/behaviour-schema.ts';
import type { Clock } from '../gateways/kit/clock.ts';
import type { MmscConfig } from '../gateways/gmmsc/simulator/mmsc-config.ts';
import type { MmscSimulator } from '../gateways/gmmsc/simulator/mmsc-simulator.ts';
import type { Network } from '../gateways/network/create-network.ts';
import type { RcsConfig } from '../gateways/rcs/simulator/rcs-config.ts';
import type { RcsSimulator } from '../gateways/rcs/simulator/rcs-simulator.ts';
import type { SmscConfig } from '../gateways/smsvas/simulator/smsc-config.ts';
import type { SmscSimulator } from '../gateways/smsvas/simulator/smsc-simulator.ts';
import type { XroshotConfig } from '../gateways/xroshot/simulator/xroshot-config.ts';
import type { XroshotSimulator } from '../gateways/xroshot/simulator/xroshot-simulator.ts';
import { createWebhookGate, type WebhookGate } from './runner/webhook-gate.ts';

/** Each gateway's simulator and its config. */
export interface SimulatorKinds {
  smsvas: { config: SmscConfig; simulator: SmscSimulator };
  gmmsc: { config: MmscConfig; simulator: MmscSimulator };
  rcs: { config: RcsConfig; simulator: RcsSimulator };
  xroshot: { config: XroshotConfig; simulator: XroshotSimulator };
}

export interface LocalGatewaySetup<C = unknown> {
  /** A bundled preset of the simulator, layered over its default config. */
  preset?: string;
  /** Replaces the (preset's) behaviour. */
  behaviour?: Behaviour;
  /** false: no simulator and no channel. */
  enabled?: boolean;
  /** An external gateway (the engine's target for it); no simulator is started. */
  url?: string;
  /** Has the last word on the simulator's config (after preset and behaviour), e.g. an account's TPS. */
  configure?: (config: C) => void;
}

export type LocalGateways = { [G in GatewayName]?: LocalGatewaySetup<SimulatorKinds[G]['config']> };

export interface LocalStackOptions {
  clock: Clock;
  seed: string;
  /** Default: the bundled default network. */
  network?: Network;
  gateways?: LocalGateways;
  /** Engine config overrides (engine YAML format, merged over the stack's own), or an external engine. */
  engine?: { config?: EngineConfigInput; url?: string; apiKey?: string };
  /** 'default': the ports of `msgsim up` (the engine API's from the config's api.port when given); 'free': any free port (never collides with a running stack). */
  ports?: 'default' | 'free';
  store?: 'memory' | { sqlite: string };
  /** Fail the start (everything stopped again) unless the engine connected to every gateway it dispatches through. */
  requireConnected?: boolean;
  /** Gateways whose callbacks to the engine pass through a WebhookGate (for webhook-down faults). */
  webhookGates?: readonly GatewayName[];
  log?: (line: string) => void;
}

export interface LocalSimulator<S = unknown> {
  gateway: GatewayName;
  simulator: S;
  /** What the engine connects to. */
  url: string;
  adminUrl: string;
  /** The simulator's admin API (fastify: `inject()` reaches it without a socket). */
  admin: FastifyInstance;
  reloadBehaviour(spec: Behaviour): void;
  /** The behaviour in force. */
  behaviour(): Behaviour;
  /** Between the simulator and the engine's callback receiver, when asked for. */
  webhookGate: WebhookGate | null;
}

export interface LocalStack {
  network: Network | null;
  /** null with an external engine. */
  engine: EngineService | null;
  /** The engine's config as started; null with an external engine. */
  config: EngineConfig | null;
  engineUrl: string;
  apiKey: string;
  npUrl: string | null;
  simulators: { [G in GatewayName]?: LocalSimulator<SimulatorKinds[G]['simulator']> };
  urls: { engine: string; npApi: string | null; gateways: Partial<Record<GatewayName, { url: string; admin: string | null }>> };
  stop(): Promise<void>;
}

/** A stack started here, engine included. */
export interface InProcessStack extends LocalStack {
  network: Network;
  engine: EngineService;
  config: EngineConfig;
  npUrl: string;
}

const HOST = '127.0.0.1';
const DEFAULT_PORTS: Record<GatewayName, { port: number; admin: number }> = {
  smsvas: { port: 2775, admin: 9775 },
  gmmsc: { port: 8081, admin: 9081 },
  rcs: { port: 8082, admin: 9082 },
  xroshot: { port: 8083, admin: 9083 },
};
const DEFAULT_ENGINE_PORT = 8080;
const DEFAULT_NP_PORT = 8090;
const DEFAULT_API_KEY = engineConfigSchema.parse({}).tenants[0].apiKeys[0];

interface Served {
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
  admin: FastifyInstance;
  reloadBehaviour(spec: Behaviour): void;
  context: { behaviour: { spec: Behaviour } };
}

/** Objects merge key by key; anything else (lists included) in `over` replaces what `base` had. */
export function mergeConfig(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isMap(base) || !isMap(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeConfig(base[k], v);
  return out;
}

export async function startLocalStack(opts: LocalStackOptions & { engine?: { url?: undefined } }): Promise<InProcessStack>;
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack>;
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const gateways: LocalGateways = opts.gateways ?? {};
  if (opts.engine?.url !== undefined) {
    const url = opts.engine.url.replace(/\/+$/, '');
    return { network: opts.network ?? null, engine: null, config: null, engineUrl: url, apiKey: opts.engine.apiKey ?? DEFAULT_API_KEY, npUrl: null, simulators: {}, urls: { engine: url, npApi: null, gateways: {} }, stop: async () => {} };
  }
  const { loadNetwork } = await import('../gateways/network/load-network.ts');
  const { createNpApi } = await import('../gateways/network/np-api.ts');
  const { createRng } = await import('../gateways/kit/rng.ts');
  const { startEngineService } = await import('../engine/engine-service.ts');

  const { clock, seed } = opts;
  const free = opts.ports === 'free';
  const log = opts.log ?? (() => {});
  const network = opts.network ?? loadNetwork();
  const running: Array<() => Promise<unknown>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of running.splice(0).reverse()) await stop().catch(() => {});
  };
  const simulators: LocalStack['simulators'] = {};
  const urls: LocalStack['urls'] = { engine: '', npApi: null, gateways: {} };
  try {
    const np = createNpApi(network);
    await np.listen({ port: free ? 0 : DEFAULT_NP_PORT, host: HOST });
    running.push(() => np.close());
    const npUrl = `http://${HOST}:${(np.server.address() as AddressInfo).port}`;
    urls.npApi = npUrl;

    const serve = async (gw: GatewayName, sim: Served, url: (port: number) => string): Promise<void> => {
      const ports = DEFAULT_PORTS[gw];
      const addr = await sim.listen(free ? 0 : ports.port, HOST);
      running.push(() => sim.close());
      const adminUrl = await sim.admin.listen({ port: free ? 0 : ports.admin, host: HOST });
      const gate = opts.webhookGates?.includes(gw) ? await createWebhookGate({ host: HOST }) : null;
      if (gate !== null) running.push(() => gate.close());
      (simulators as Record<GatewayName, LocalSimulator>)[gw] = {
        gateway: gw,
        simulator: sim,
        url: url(addr.port),
        adminUrl,
        admin: sim.admin,
        reloadBehaviour: (spec) => sim.reloadBehaviour(spec),
        behaviour: () => sim.context.behaviour.spec,
        webhookGate: gate,
      };
      urls.gateways[gw] = { url: url(addr.port), admin: adminUrl };
    };
    const wanted = <G extends GatewayName>(gw: G): LocalGateways[G] & {} | null => {
      const g = (gateways[gw] ?? {}) as LocalGateways[G] & {};
      return g.enabled === false || g.url !== undefined ? null : g;
    };
    const simOpts = (gw: GatewayName) => ({ clock, seed: `${seed}:${gw}`, network });

    let mmscAccounts: Array<{ callbackUrl?: string }> = [];
    const smsvas = wanted('smsvas');
    if (smsvas) {
      const { loadSmscConfig } = await import('../gateways/smsvas/simulator/smsc-config.ts');
      const { createSmscSimulator } = await import('../gateways/smsvas/simulator/smsc-simulator.ts');
      const config = prepare(loadSmscConfig(undefined, smsvas.preset), smsvas);
      await serve('smsvas', createSmscSimulator({ config, ...simOpts('smsvas') }), (p) => `smpp://msgsim:secret@${HOST}:${p}`);
    }
    const gmmsc = wanted('gmmsc');
    if (gmmsc) {
      const { loadMmscConfig } = await import('../gateways/gmmsc/simulator/mmsc-config.ts');
      const { createMmscSimulator } = await import('../gateways/gmmsc/simulator/mmsc-simulator.ts');
      const config = prepare(loadMmscConfig(undefined, gmmsc.preset), gmmsc);
      mmscAccounts = config.accounts;
      await serve('gmmsc', createMmscSimulator({ config, ...simOpts('gmmsc') }), (p) => `http://msgsim:secret@${HOST}:${p}/mm7`);
    }
    const rcs = wanted('rcs');
    if (rcs) {
      const { loadRcsConfig } = await import('../gateways/rcs/simulator/rcs-config.ts');
      const { createRcsSimulator } = await import('../gateways/rcs/simulator/rcs-simulator.ts');
      const config = prepare(loadRcsConfig(undefined, rcs.preset), rcs);
      await serve('rcs', createRcsSimulator({ config, ...simOpts('rcs') }), (p) => `http://${HOST}:${p}`);
    }
    const xroshot = wanted('xroshot');
    if (xroshot) {
      const { loadXroshotConfig } = await import('../gateways/xroshot/simulator/xroshot-config.ts');
      const { createXroshotSimulator } = await import('../gateways/xroshot/simulator/xroshot-simulator.ts');
      const config = loadXroshotConfig(undefined, xroshot.preset);
      config.ownNetworkRecipients = 'deliver';
      prepare(config, xroshot);
      await serve('xroshot', createXroshotSimulator({ config, ...simOpts('xroshot') }), (p) => `tcp://msgsim:secret@${HOST}:${p}`);
    }

    const config = engineConfig(opts, npUrl, simulators, free);
    /** Where a simulator calls the engine's `url`: through the gateway's WebhookGate when it has one. */
    const viaGate = (gw: GatewayName, url: string): string => {
      const gate = simulators[gw]?.webhookGate ?? null;
      gate?.setTarget(url);
      return gate === null ? url : gate.gateUrlFor(url);
    };
    const service = await startEngineService({
      config,
      clock,
      rng: createRng(`${seed}:engine`),
      log,
      channels: { rcsWebhook: rcs ? { registerWebhook: (url, botId) => simulators.rcs?.simulator.setWebhook(botId, viaGate('rcs', url)) } : null },
      onChannels: (c) => {
        // The MMSC simulator has no runtime registration: its accounts get the engine's callback URL.
        const channel = c.channels.get('gmmsc') as { callbackUrl?: () => string | null } | undefined;
        const url = channel?.callbackUrl?.() ?? null;
        if (url === null) return;
        const target = viaGate('gmmsc', url);
        for (const a of mmscAccounts) a.callbackUrl = target;
      },
    });
    running.push(() => service.stop());
    const down = service.channels.connections.filter((c) => c.state !== 'connected');
    if (opts.requireConnected && down.length > 0) throw new Error(`gateways not connected: ${down.map((c) => `${c.gateway} (${c.detail ?? c.state})`).join(', ')}`);
    urls.engine = service.url;
    for (const gw of Object.keys(gateways) as GatewayName[]) {
      const u = gateways[gw]?.url;
      if (u !== undefined) urls.gateways[gw] = { url: u, admin: null };
    }
    return {
      network,
      engine: service,
      config,
      engineUrl: service.url,
      apiKey: apiKeyFor(config, opts.engine?.apiKey),
      npUrl,
      simulators,
      urls,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** The key asked for when the engine knows it, else its first tenant's. */
function apiKeyFor(config: EngineConfig, wanted: string | undefined): string {
  const keys = config.tenants.flatMap((t) => t.apiKeys);
  return wanted !== undefined && keys.includes(wanted) ? wanted : (keys[0] ?? DEFAULT_API_KEY);
}

function prepare<C extends { behaviour: Behaviour }>(config: C, setup: LocalGatewaySetup<C>): C {
  if (setup.behaviour !== undefined) config.behaviour = setup.behaviour;
  setup.configure?.(config);
  return config;
}

/** The scenario's overrides over the defaults, then what the stack itself decides (targets, NP URL, port, store). */
function engineConfig(opts: LocalStackOptions, npUrl: string, simulators: LocalStack['simulators'], free: boolean): EngineConfig {
  const gateways: Record<string, Record<string, unknown>> = {};
  for (const gw of ['smsvas', 'gmmsc', 'rcs', 'xroshot'] as const) {
    const setup = opts.gateways?.[gw];
    if (setup?.enabled === false) gateways[gw] = { enabled: false };
    else if (setup?.url !== undefined) gateways[gw] = { target: setup.url };
    else if (simulators[gw] !== undefined) gateways[gw] = { target: (simulators[gw] as LocalSimulator).url };
  }
  const store = opts.store === undefined || opts.store === 'memory' ? { kind: 'memory' } : { kind: 'sqlite', path: opts.store.sqlite };
  const port = free ? 0 : (opts.engine?.config?.api?.port ?? DEFAULT_ENGINE_PORT);
  const stack = { api: { host: opts.engine?.config?.api?.host ?? HOST, port }, network: { npUrl }, store, gateways };
  return engineConfigSchema.parse(mergeConfig(opts.engine?.config ?? {}, stack));
}

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
import type { Network } from '../gateways/network/create-network.ts';
import { createWebhookGate, type WebhookGate } from './runner/webhook-gate.ts';

export interface LocalGatewaySetup {
  /** A bundled preset of the simulator, layered over its default config. */
  preset?: string;
  /** Replaces the (preset's) behaviour. */
  behaviour?: Behaviour;
  /** false: no simulator and no channel. */
  enabled?: boolean;
  /** An external gateway (the engine's target for it); no simulator is started. */
  url?: string;
}

export interface LocalStackOptions {
  clock: Clock;
  seed: string;
  /** Default: the bundled default network. */
  network?: Network;
  gateways?: Partial<Record<GatewayName, LocalGatewaySetup>>;
  /** Engine config overrides (engine YAML format, merged over the stack's own), or an external engine. */
  engine?: { config?: EngineConfigInput; url?: string; apiKey?: string };
  /** 'default': the ports of `msgsim up` (the engine API's from the config's api.port when given); 'free': any free port (never collides with a running stack). */
  ports?: 'default' | 'free';
  store?: 'memory' | { sqlite: string };
  /** Gateways whose callbacks to the engine pass through a WebhookGate (for webhook-down faults). */
  webhookGates?: readonly GatewayName[];
  log?: (line: string) => void;
}

export interface LocalSimulator {
  gateway: GatewayName;
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
  engineUrl: string;
  apiKey: string;
  npUrl: string | null;
  simulators: Partial<Record<GatewayName, LocalSimulator>>;
  urls: { engine: string; npApi: string | null; gateways: Partial<Record<GatewayName, { url: string; admin: string | null }>> };
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const DEFAULT_PORTS: Record<GatewayName, { port: number; admin: number }> = {
  smsvas: { port: 2775, admin: 9775 },
  gmmsc: { port: 8081, admin: 9081 },
  rcs: { port: 8082, admin: 9082 },
  xroshot: { port: 8083, admin: 9083 },
};
const DEFAULT_ENGINE_PORT = 8080;
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

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const gateways = opts.gateways ?? {};
  if (opts.engine?.url !== undefined) {
    const url = opts.engine.url.replace(/\/+$/, '');
    return { network: opts.network ?? null, engine: null, engineUrl: url, apiKey: opts.engine.apiKey ?? DEFAULT_API_KEY, npUrl: null, simulators: {}, urls: { engine: url, npApi: null, gateways: {} }, stop: async () => {} };
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
  const simulators: Partial<Record<GatewayName, LocalSimulator>> = {};
  const urls: LocalStack['urls'] = { engine: '', npApi: null, gateways: {} };
  try {
    const np = createNpApi(network);
    await np.listen({ port: free ? 0 : 8090, host: HOST });
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
      simulators[gw] = {
        gateway: gw,
        url: url(addr.port),
        adminUrl,
        admin: sim.admin,
        reloadBehaviour: (spec) => sim.reloadBehaviour(spec),
        behaviour: () => sim.context.behaviour.spec,
        webhookGate: gate,
      };
      urls.gateways[gw] = { url: url(addr.port), admin: adminUrl };
    };
    const wanted = (gw: GatewayName): LocalGatewaySetup | null => {
      const g = gateways[gw] ?? {};
      return g.enabled === false || g.url !== undefined ? null : g;
    };
    const simOpts = (gw: GatewayName) => ({ clock, seed: `${seed}:${gw}`, network });

    let mmscAccounts: Array<{ callbackUrl?: string }> = [];
    let rcsSim: { setWebhook(botId: string, url: string | null): void } | null = null;
    const smsvas = wanted('smsvas');
    if (smsvas) {
      const { loadSmscConfig } = await import('../gateways/smsvas/simulator/smsc-config.ts');
      const { createSmscSimulator } = await import('../gateways/smsvas/simulator/smsc-simulator.ts');
      const config = withBehaviour(loadSmscConfig(undefined, smsvas.preset), smsvas.behaviour);
      await serve('smsvas', createSmscSimulator({ config, ...simOpts('smsvas') }), (p) => `smpp://msgsim:secret@${HOST}:${p}`);
    }
    const gmmsc = wanted('gmmsc');
    if (gmmsc) {
      const { loadMmscConfig } = await import('../gateways/gmmsc/simulator/mmsc-config.ts');
      const { createMmscSimulator } = await import('../gateways/gmmsc/simulator/mmsc-simulator.ts');
      const config = withBehaviour(loadMmscConfig(undefined, gmmsc.preset), gmmsc.behaviour);
      mmscAccounts = config.accounts;
      await serve('gmmsc', createMmscSimulator({ config, ...simOpts('gmmsc') }), (p) => `http://msgsim:secret@${HOST}:${p}/mm7`);
    }
    const rcs = wanted('rcs');
    if (rcs) {
      const { loadRcsConfig } = await import('../gateways/rcs/simulator/rcs-config.ts');
      const { createRcsSimulator } = await import('../gateways/rcs/simulator/rcs-simulator.ts');
      const config = withBehaviour(loadRcsConfig(undefined, rcs.preset), rcs.behaviour);
      const sim = createRcsSimulator({ config, ...simOpts('rcs') });
      rcsSim = sim;
      await serve('rcs', sim, (p) => `http://${HOST}:${p}`);
    }
    const xroshot = wanted('xroshot');
    if (xroshot) {
      const { loadXroshotConfig } = await import('../gateways/xroshot/simulator/xroshot-config.ts');
      const { createXroshotSimulator } = await import('../gateways/xroshot/simulator/xroshot-simulator.ts');
      const config = withBehaviour(loadXroshotConfig(undefined, xroshot.preset), xroshot.behaviour);
      config.ownNetworkRecipients = 'deliver';
      await serve('xroshot', createXroshotSimulator({ config, ...simOpts('xroshot') }), (p) => `tcp://msgsim:secret@${HOST}:${p}`);
    }

    const config = engineConfig(opts, npUrl, simulators, free);
    const gateOf = (gw: GatewayName): WebhookGate | null => simulators[gw]?.webhookGate ?? null;
    const service = await startEngineService({
      config,
      clock,
      rng: createRng(`${seed}:engine`),
      log,
      channels: {
        rcsWebhook:
          rcsSim === null
            ? null
            : {
                registerWebhook: (url, botId) => {
                  const gate = gateOf('rcs');
                  gate?.setTarget(url);
                  rcsSim?.setWebhook(botId, gate === null ? url : gate.gateUrlFor(url));
                },
              },
      },
      onChannels: (c) => {
        // The MMSC simulator has no runtime registration: its accounts get the engine's callback URL.
        const channel = c.channels.get('gmmsc') as { callbackUrl?: () => string | null } | undefined;
        const url = channel?.callbackUrl?.() ?? null;
        if (url === null) return;
        const gate = gateOf('gmmsc');
        gate?.setTarget(url);
        for (const a of mmscAccounts) a.callbackUrl = gate === null ? url : gate.gateUrlFor(url);
      },
    });
    running.push(() => service.stop());
    urls.engine = service.url;
    for (const gw of Object.keys(gateways) as GatewayName[]) {
      const u = gateways[gw]?.url;
      if (u !== undefined) urls.gateways[gw] = { url: u, admin: null };
    }
    return {
      network,
      engine: service,
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

function withBehaviour<C extends { behaviour: Behaviour }>(config: C, behaviour: Behaviour | undefined): C {
  if (behaviour !== undefined) config.behaviour = behaviour;
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
  const stack = { api: { host: HOST, port }, network: { npUrl }, store, gateways };
  return engineConfigSchema.parse(mergeConfig(opts.engine?.config ?? {}, stack));
}

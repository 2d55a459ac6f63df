// The engine as a running service: store, number-portability lookup, gateway channels, the engine
// and its HTTP API, started in that order and stopped in reverse. `msgsim engine` and `msgsim up`
// both run it; a scenario runner or a test can run it in-process.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../gateways/kit/clock.ts';
import type { Rng } from '../gateways/kit/rng.ts';
import { createApiServer } from './api/api-server.ts';
import { createChannels, type CreateChannelsOptions, type EngineChannels } from './channels.ts';
import type { EngineConfig } from './engine-config.ts';
import { createEngine, type Engine } from './engine.ts';
import { createCarrierLookup, type CarrierLookup } from './routing/carrier-lookup.ts';
import { createMemoryStore } from './store/memory-store.ts';
import { createSqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/store.ts';

export interface EngineServiceOptions {
  config: EngineConfig;
  clock: Clock;
  rng: Rng;
  log: (line: string) => void;
  channels?: CreateChannelsOptions;
  /** Runs once the channels are connected and before the engine starts (e.g. `up` points the MMSC at the callback URL). */
  onChannels?: (channels: EngineChannels) => void | Promise<void>;
  /** Log every API request. */
  logRequests?: boolean;
}

export interface EngineService {
  engine: Engine;
  api: FastifyInstance;
  /** Base URL of the API (http://host:port). */
  url: string;
  channels: EngineChannels;
  store: Store;
  carrierLookup: CarrierLookup;
  /** Graceful: the API stops taking requests, sends in flight answer, writes are flushed, everything closes. */
  stop(): Promise<void>;
}

export function openStore(config: EngineConfig): Store {
  return config.store.kind === 'memory' ? createMemoryStore() : createSqliteStore({ path: config.store.path, flushIntervalMs: config.store.flushInterval });
}

export async function startEngineService(opts: EngineServiceOptions): Promise<EngineService> {
  const { config, clock, rng, log } = opts;
  const store = openStore(config);
  const carrierLookup = createCarrierLookup({ npUrl: config.network.npUrl, ownCarrier: config.network.ownCarrier, ttlMs: config.network.cacheTtl, clock });
  let channels: EngineChannels | null = null;
  let engine: Engine | null = null;
  let api: FastifyInstance | null = null;
  const closeAll = async (): Promise<void> => {
    await api?.close().catch(() => {});
    await engine?.stop().catch((e: unknown) => log(`engine stop failed: ${(e as Error).message}`));
    await channels?.close();
    await carrierLookup.close().catch(() => {});
    await store.close().catch((e: unknown) => log(`store close failed: ${(e as Error).message}`));
  };
  try {
    channels = await createChannels(config, clock, rng, { log, ...opts.channels });
    await opts.onChannels?.(channels);
    const started = createEngine({ config, store, channels: channels.channels, carrierLookup, clock, rng, log });
    engine = started;
    await started.start();
    const connections = channels.connections;
    api = createApiServer({
      intake: started,
      templates: started.templates,
      config,
      registry: started.metrics,
      clock,
      logRequests: opts.logRequests ?? false,
      health: () => {
        const s = started.snapshot();
        return {
          gateways: Object.fromEntries(connections.map((c) => [c.gateway, c.state === 'connected' ? (s.circuits[c.gateway] ?? 'closed') : c.state])),
          messages: { inMemory: s.inMemory, queued: s.queued, inFlight: s.inFlight, awaitingReport: s.awaitingReport, scheduled: s.scheduled },
        };
      },
    });
    await api.listen({ port: config.api.port, host: config.api.host });
  } catch (err) {
    await closeAll();
    throw err;
  }
  const address = api.server.address() as AddressInfo;
  const host = config.api.host.includes(':') ? `[${config.api.host}]` : config.api.host;
  let stopping: Promise<void> | null = null;
  return {
    engine,
    api,
    url: `http://${host}:${address.port}`,
    channels,
    store,
    carrierLookup,
    stop: () => (stopping ??= closeAll()),
  };
}

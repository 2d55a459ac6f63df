// The GMMSC simulator: an MMSC relay/server speaking MM7 (SOAP 1.1 over HTTP) to VASPs, driven by the
// shared behaviour model and the simulated network, with the admin API every simulator exposes.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createAdminApi } from '../../kit/admin-api.ts';
import { createBehaviourModel, type BehaviourModel } from '../../kit/behaviour-model.ts';
import type { Behaviour } from '../../kit/behaviour-schema.ts';
import { createSystemClock, type Clock } from '../../kit/clock.ts';
import { createGatewayStats } from '../../kit/gateway-stats.ts';
import { createRecentLog } from '../../kit/recent-log.ts';
import { createRng } from '../../kit/rng.ts';
import { createAccountBucket } from '../../kit/token-bucket.ts';
import type { Network } from '../../network/create-network.ts';
import { loadNetwork } from '../../network/load-network.ts';
import { createMessageStore } from './message-store.ts';
import { createMm7Endpoint } from './mm7-endpoint.ts';
import type { MmscConfig } from './mmsc-config.ts';
import type { AccountState, Mm7LogEntry, MmscContext } from './mmsc-context.ts';
import { injectMo, type MoRequest, type MoResult } from './mo-injector.ts';
import { createVaspSender } from './vasp-sender.ts';

export interface MmscSimulatorOptions {
  config: MmscConfig;
  clock?: Clock;
  seed?: number | string;
  network?: Network;
}

export interface MmscSimulator {
  /** Starts the MM7 endpoint; the URL of POST /mm7 is `http://host:port/mm7`. */
  listen(port?: number, host?: string): Promise<AddressInfo>;
  close(): Promise<void>;
  /** The MM7 fastify app (use `.inject()` in tests without listening). */
  readonly app: FastifyInstance;
  /** The admin HTTP API (not listening; call `.listen()` on it to serve). */
  readonly admin: FastifyInstance;
  readonly context: MmscContext;
  injectMo(req: MoRequest): MoResult;
  reloadBehaviour(spec: Behaviour): void;
}

export function createMmscSimulator(opts: MmscSimulatorOptions): MmscSimulator {
  const cfg = opts.config;
  const clock = opts.clock ?? createSystemClock();
  const rng = createRng(opts.seed ?? 'gmmsc');
  const stats = createGatewayStats();
  const log = createRecentLog<Mm7LogEntry>(2000);
  const network = opts.network ?? loadNetwork(cfg.network);
  let messageCounter = rng.int(100_000_000, 199_999_999);
  let transactionCounter = 0;

  const accounts = new Map<string, AccountState>();
  for (const account of cfg.accounts) accounts.set(account.username ?? account.vaspId, { account, bucket: null, outstanding: 0 });
  const ctx: MmscContext = {
    cfg,
    clock,
    rng: rng.fork('mmsc'),
    behaviour: createBehaviourModel(cfg.behaviour, { clock, rng: rng.fork('behaviour') }),
    network,
    stats,
    log,
    store: createMessageStore({ retainFinal: cfg.retainFinal }),
    accounts,
    sender: createVaspSender({ clock, cfg: cfg.delivery, stats, log }),
    nextMessageId: () => `MSGSIM${messageCounter++}`,
    nextTransactionId: () => `gmmsc-${++transactionCounter}`,
  };
  const applyLimits = (model: BehaviourModel) => {
    for (const a of accounts.values()) a.bucket = createAccountBucket(a.account.tps, model.spec.limits.tps, clock);
  };
  applyLimits(ctx.behaviour);

  const endpoint = createMm7Endpoint(ctx);
  const reloadBehaviour = (spec: Behaviour) => {
    ctx.behaviour = createBehaviourModel(spec, { clock, rng: rng.fork('behaviour') });
    applyLimits(ctx.behaviour);
  };

  const admin = createAdminApi({
    gateway: 'gmmsc',
    stats: () => ({
      counters: stats.snapshot(),
      messages: { stored: ctx.store.size(), pending: ctx.store.pending() },
      callbacks: { pending: ctx.sender.pending() },
      held: endpoint.held.size,
    }),
    log,
    reloadBehaviour,
    setOutage: (o) => ctx.behaviour.setOutage(o),
    outage: () => ctx.behaviour.outage(),
    behaviour: () => ctx.behaviour.spec,
    injectMo: async (body) => ({ gateway: 'gmmsc', injected: true, ...injectMo(ctx, body) }),
  });

  return {
    async listen(port = 8081, host = '127.0.0.1') {
      await endpoint.app.listen({ port, host });
      return endpoint.app.server.address() as AddressInfo;
    },
    async close() {
      for (const res of endpoint.held) res.destroy();
      await ctx.sender.close();
      await endpoint.app.close();
      await admin.close();
    },
    app: endpoint.app,
    admin,
    context: ctx,
    injectMo: (req) => injectMo(ctx, req),
    reloadBehaviour,
  };
}

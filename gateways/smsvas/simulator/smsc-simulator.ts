// The SMSVAS simulator: an SMPP 3.4 SMSC over TCP, driven by the shared behaviour model and the
// simulated network, with the admin API every simulator exposes.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createAdminApi } from '../../kit/admin-api.ts';
import { createBehaviourModel, type BehaviourModel } from '../../kit/behaviour-model.ts';
import type { Behaviour } from '../../kit/behaviour-schema.ts';
import { createSystemClock, type Clock } from '../../kit/clock.ts';
import { createGatewayStats } from '../../kit/gateway-stats.ts';
import { createRecentLog } from '../../kit/recent-log.ts';
import { createRng } from '../../kit/rng.ts';
import { createTcpSessionServer } from '../../kit/tcp-session-server.ts';
import { createAccountBucket } from '../../kit/token-bucket.ts';
import type { Network } from '../../network/create-network.ts';
import { loadNetwork } from '../../network/load-network.ts';
import { createDeliverQueue } from './deliver-queue.ts';
import { createMessageStore } from './message-store.ts';
import { injectMo, type MoRequest } from './mo-injector.ts';
import { createSegmentGroups } from './segment-groups.ts';
import type { SmscConfig } from './smsc-config.ts';
import type { AccountState, PduLogEntry, SmscContext } from './smsc-context.ts';
import { createSmppSession, type SmppSession } from './smpp-session.ts';

export interface SmscSimulatorOptions {
  config: SmscConfig;
  clock?: Clock;
  seed?: number | string;
  network?: Network;
}

export interface SmscSimulator {
  listen(port?: number, host?: string): Promise<AddressInfo>;
  close(): Promise<void>;
  /** The admin HTTP API (not listening; call `.listen()` on it to serve). */
  readonly admin: FastifyInstance;
  readonly context: SmscContext;
  injectMo(req: MoRequest): { systemId: string };
  reloadBehaviour(spec: Behaviour): void;
  sessions(): SmppSession[];
}

export function createSmscSimulator(opts: SmscSimulatorOptions): SmscSimulator {
  const cfg = opts.config;
  const clock = opts.clock ?? createSystemClock();
  const rng = createRng(opts.seed ?? 'smsvas');
  const stats = createGatewayStats();
  const network = opts.network ?? loadNetwork(cfg.network);
  let idCounter = rng.int(1_000_000_000, 1_999_999_999);

  const accounts = new Map<string, AccountState>();
  const ctx: SmscContext = {
    cfg,
    clock,
    rng,
    behaviour: createBehaviourModel(cfg.behaviour, { clock, rng: rng.fork('behaviour') }),
    network,
    stats,
    log: createRecentLog<PduLogEntry>(2000),
    store: createMessageStore({ retainFinal: cfg.receipts.retainFinal }),
    accounts,
    nextMessageId: () => String(idCounter++),
  };
  const applyLimits = (model: BehaviourModel) => {
    for (const a of accounts.values()) a.bucket = createAccountBucket(a.account.tps, model.spec.limits.tps, clock);
  };
  for (const account of cfg.accounts) {
    accounts.set(account.systemId, {
      account,
      binds: 0,
      bucket: null,
      outstanding: 0,
      queue: createDeliverQueue({ ...cfg.delivery, clock, stats }),
    });
  }
  applyLimits(ctx.behaviour);

  const groups = createSegmentGroups(ctx);
  const tcp = createTcpSessionServer({
    stats,
    refusing: () => ctx.behaviour.outage()?.mode === 'refuse',
    openSession: (socket, id) => createSmppSession(socket, ctx, groups, id),
  });

  const reloadBehaviour = (spec: Behaviour) => {
    ctx.behaviour = createBehaviourModel(spec, { clock, rng: rng.fork('behaviour') });
    applyLimits(ctx.behaviour);
  };

  const admin = createAdminApi({
    gateway: 'smsvas',
    stats: () => ({
      counters: stats.snapshot(),
      sessions: tcp.sessionCount,
      messages: { stored: ctx.store.size(), pending: ctx.store.pending(), segmentGroups: groups.pending() },
      accounts: Object.fromEntries([...accounts].map(([id, a]) => [id, { binds: a.binds, deliverQueue: a.queue.depth(), deliverInFlight: a.queue.inFlight() }])),
    }),
    log: ctx.log,
    reloadBehaviour,
    behaviour: () => ctx.behaviour.spec,
    outage: () => ctx.behaviour.outage(),
    setOutage: (o) => {
      ctx.behaviour.setOutage(o);
      if (o?.mode === 'refuse') tcp.destroyConnections();
    },
    injectMo: async (body) => injectMo(ctx, body),
  });

  return {
    listen: (port = 2775, host = '127.0.0.1') => tcp.listen(port, host),
    async close() {
      await tcp.close();
      await admin.close();
    },
    admin,
    context: ctx,
    injectMo: (req) => injectMo(ctx, req),
    reloadBehaviour,
    sessions: tcp.sessions,
  };
}

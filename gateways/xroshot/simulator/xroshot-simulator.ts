// The Xroshot simulator: KT's MAS relay for other carriers' subscribers over TCP (NUL-terminated XML
// frames), driven by the shared behaviour model and the simulated network, with the admin API every
// simulator exposes and the HTTP catalog clients use to find the MAS server.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createAdminApi } from '../../kit/admin-api.ts';
import { createBehaviourModel } from '../../kit/behaviour-model.ts';
import type { Behaviour } from '../../kit/behaviour-schema.ts';
import { createSystemClock, type Clock } from '../../kit/clock.ts';
import { createGatewayStats } from '../../kit/gateway-stats.ts';
import { createRecentLog } from '../../kit/recent-log.ts';
import { createRng } from '../../kit/rng.ts';
import { createTcpSessionServer } from '../../kit/tcp-session-server.ts';
import type { Network } from '../../network/create-network.ts';
import { loadNetwork } from '../../network/load-network.ts';
import { el, writeMasXml } from '../codec/mas-document.ts';
import { createMasSession, type MasSession } from './mas-session.ts';
import { createReportQueue } from './report-queue.ts';
import type { XroshotConfig } from './xroshot-config.ts';
import type { AccountState, FrameLogEntry, XroshotContext } from './xroshot-context.ts';

export const DEFAULT_SESSION_TPS = 200;

export interface XroshotSimulatorOptions {
  config: XroshotConfig;
  clock?: Clock;
  seed?: number | string;
  network?: Network;
}

export interface XroshotSimulator {
  listen(port?: number, host?: string): Promise<AddressInfo>;
  close(): Promise<void>;
  /** The admin HTTP API (not listening; call `.listen()` on it to serve). */
  readonly admin: FastifyInstance;
  readonly context: XroshotContext;
  reloadBehaviour(spec: Behaviour): void;
  sessions(): MasSession[];
}

export function createXroshotSimulator(opts: XroshotSimulatorOptions): XroshotSimulator {
  const cfg = opts.config;
  const clock = opts.clock ?? createSystemClock();
  const rng = createRng(opts.seed ?? 'xroshot');
  const stats = createGatewayStats();
  const network = opts.network ?? loadNetwork(cfg.network);
  let idCounter = rng.int(100_000_000, 199_999_999);

  const accounts = new Map<string, AccountState>();
  const ctx: XroshotContext = {
    cfg,
    clock,
    rng,
    behaviour: createBehaviourModel(cfg.behaviour, { clock, rng: rng.fork('behaviour') }),
    network,
    stats,
    log: createRecentLog<FrameLogEntry>(2000),
    accounts,
    nextId: () => String(idCounter++),
  };
  for (const account of cfg.accounts) {
    accounts.set(account.serviceProviderId, { account, sessions: 0, outstanding: 0, reports: createReportQueue({ ...cfg.reports, clock, stats }) });
  }
  // Per session: the account's contract, else the behaviour's limit, else Xroshot's default 200/s.
  const tpsOf = (a: AccountState): number | null => a.account.tps ?? ctx.behaviour.spec.limits?.tps?.rate ?? DEFAULT_SESSION_TPS;

  let address: AddressInfo | null = null;
  const tcp = createTcpSessionServer({
    stats,
    refusing: () => ctx.behaviour.outage()?.mode === 'refuse',
    openSession: (socket, id) => createMasSession(socket, ctx, id, tpsOf),
  });

  const reloadBehaviour = (spec: Behaviour) => {
    ctx.behaviour = createBehaviourModel(spec, { clock, rng: rng.fork('behaviour') });
  };

  const admin = createAdminApi({
    gateway: 'xroshot',
    stats: () => ({
      counters: stats.snapshot(),
      sessions: tcp.sessionCount,
      accounts: Object.fromEntries(
        [...accounts].map(([id, a]) => [id, { sessions: a.sessions, reportQueue: a.reports.depth(), reportsInFlight: a.reports.inFlight(), outstanding: a.outstanding }]),
      ),
    }),
    log: ctx.log,
    reloadBehaviour,
    behaviour: () => ctx.behaviour.spec,
    outage: () => ctx.behaviour.outage(),
    setOutage: (o) => {
      ctx.behaviour.setOutage(o);
      if (o?.mode === 'refuse') tcp.destroyConnections();
    },
    // The MAS protocol carries no mobile-originated messages, so POST /admin/mo answers KIT_ERR_NO_MO.
    extraRoutes: (app) => {
      // Server discovery as the public clients do it: an HTTP catalog naming the recommended MAS server.
      app.get('/catalogs/MAS/recommended/:n', async (_req, reply) => {
        const body = address
          ? writeMasXml('ressvr_res', [el('Result', 0), el('Resource', [el('Category', 'MAS'), el('Address', address.address), el('Port', address.port)])], 'RCP')
          : writeMasXml('ressvr_res', [el('Result', 1)], 'RCP');
        return reply.type('application/xml').send(body);
      });
    },
  });

  return {
    async listen(port = 8083, host = '127.0.0.1') {
      address = await tcp.listen(port, host);
      return address;
    },
    async close() {
      await tcp.close();
      await admin.close();
    },
    admin,
    context: ctx,
    reloadBehaviour,
    sessions: tcp.sessions,
  };
}

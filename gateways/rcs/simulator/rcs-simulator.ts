// The RCS simulator: a Korean carrier's MaaP-FE (OAuth2 tokens, capability query, messages with
// Korean messagebases, status webhooks, MO), driven by the shared behaviour model and the network,
// with the admin API every simulator exposes.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
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
import { RcsError } from '../rcs-errors.ts';
import type { HeldRequests } from './http-answer.ts';
import { createMaapServer } from './maap-server.ts';
import { createMessageLifecycle } from './message-lifecycle.ts';
import { createMessageStore } from './message-store.ts';
import { injectMo } from './mo-injector.ts';
import type { RcsConfig } from './rcs-config.ts';
import type { AccountState, BotState, RcsContext, RcsLogEntry } from './rcs-context.ts';
import { createTokenStore } from './token-store.ts';
import { createWebhookDispatcher, type WebhookTransport } from './webhook-dispatcher.ts';

export interface RcsSimulatorOptions {
  config: RcsConfig;
  clock?: Clock;
  seed?: number | string;
  network?: Network;
  /** How webhooks leave (default: HTTP POST with undici); tests may capture them instead. */
  webhookTransport?: WebhookTransport;
}

export interface RcsSimulator {
  /** Starts the MaaP HTTP server (default 127.0.0.1:8082); resolves with the bound address. */
  listen(port?: number, host?: string): Promise<AddressInfo>;
  close(): Promise<void>;
  /** The MaaP server (fastify; `inject()` works without listening). */
  readonly app: FastifyInstance;
  /** The admin HTTP API (not listening; call `.listen()` on it to serve). */
  readonly admin: FastifyInstance;
  readonly context: RcsContext;
  /** Registers (or clears, with null) the webhook URL a bot's events go to. */
  setWebhook(botId: string, url: string | null): void;
  injectMo(body: unknown): ReturnType<typeof injectMo>;
  reloadBehaviour(spec: Behaviour): void;
}

const webhookBody = z.strictObject({ botId: z.string().min(1).max(40), url: z.url({ protocol: /^https?$/ }).nullable() });

export function createRcsSimulator(opts: RcsSimulatorOptions): RcsSimulator {
  const cfg = opts.config;
  const clock = opts.clock ?? createSystemClock();
  const rng = createRng(opts.seed ?? 'rcs');
  const stats = createGatewayStats();
  const log = createRecentLog<RcsLogEntry>(2000);
  const network = opts.network ?? loadNetwork(cfg.network);
  const webhooks = createWebhookDispatcher({ clock, stats, ...cfg.webhook, transport: opts.webhookTransport });
  let serial = rng.int(1_000_000, 9_999_999);

  const accounts = new Map<string, AccountState>();
  const bots = new Map<string, BotState>();
  for (const account of cfg.accounts) {
    const state: AccountState = { account, bucket: null };
    accounts.set(account.clientId, state);
    for (const bot of account.bots) bots.set(bot.botId, { bot, account: state, webhookUrl: bot.webhookUrl ?? account.webhookUrl ?? null, paused: bot.status === 'paused' });
  }

  const ctx: RcsContext = {
    cfg,
    clock,
    rng: rng.fork('statuses'),
    behaviour: createBehaviourModel(cfg.behaviour, { clock, rng: rng.fork('behaviour') }),
    network,
    stats,
    log,
    tokens: createTokenStore({ clock, rng: rng.fork('tokens'), ttlMs: cfg.auth.tokenTtl, maxTokens: cfg.auth.maxTokens, neverExpire: cfg.quirks.tokensNeverExpire }),
    store: createMessageStore(cfg.limits.retainMessages),
    webhooks,
    lifecycle: createMessageLifecycle({ clock, stats, log, webhooks, rng: rng.fork('webhook-quirks'), quirks: () => cfg.quirks }),
    accounts,
    bots,
    pausedMessagebases: new Set(cfg.pausedMessagebases),
    nextMessageId: () => `${clock.now().toString(36)}-${(serial++).toString(36)}`,
  };
  const applyLimits = (model: BehaviourModel) => {
    for (const a of accounts.values()) a.bucket = createAccountBucket(a.account.tps, model.spec.limits.tps, clock);
  };
  applyLimits(ctx.behaviour);

  const held: HeldRequests = new Set();
  const app = createMaapServer(() => ctx, held, { bodyLimit: cfg.limits.maxBodyBytes });

  const reloadBehaviour = (spec: Behaviour) => {
    ctx.behaviour = createBehaviourModel(spec, { clock, rng: rng.fork('behaviour') });
    applyLimits(ctx.behaviour);
  };
  const setWebhook = (botId: string, url: string | null) => {
    const bot = bots.get(botId);
    if (bot === undefined) throw new RcsError('RCS_ERR_NO_BOT', `no chatbot ${botId}`);
    bot.webhookUrl = url;
  };

  const admin = createAdminApi({
    gateway: 'rcs',
    stats: () => ({
      counters: stats.snapshot(),
      messages: { stored: ctx.store.size(), pendingStatuses: ctx.lifecycle.pending() },
      webhooks: { pending: webhooks.pending() },
      tokens: ctx.tokens.size(),
      bots: Object.fromEntries([...bots].map(([id, b]) => [id, { clientId: b.account.account.clientId, paused: b.paused, webhookUrl: b.webhookUrl }])),
    }),
    log,
    reloadBehaviour,
    behaviour: () => ctx.behaviour.spec,
    outage: () => ctx.behaviour.outage(),
    setOutage: (o) => ctx.behaviour.setOutage(o),
    injectMo: async (body) => injectMo(ctx, body),
    extraRoutes(a) {
      a.put('/admin/webhook', async (req) => {
        const parsed = webhookBody.safeParse(req.body);
        if (!parsed.success) throw new RcsError('RCS_ERR_BAD_WEBHOOK', 'send { botId, url } with an http(s) url, or url null to clear');
        setWebhook(parsed.data.botId, parsed.data.url);
        return { gateway: 'rcs', botId: parsed.data.botId, webhookUrl: parsed.data.url };
      });
    },
  });

  return {
    async listen(port = 8082, host = '127.0.0.1') {
      await app.listen({ port, host });
      return app.server.address() as AddressInfo;
    },
    async close() {
      ctx.lifecycle.close();
      webhooks.close();
      for (const s of held) s.destroy();
      held.clear();
      await app.close();
      await admin.close();
    },
    app,
    admin,
    context: ctx,
    setWebhook,
    injectMo: (body) => injectMo(ctx, body),
    reloadBehaviour,
  };
}

// Everything a request handler of the RCS simulator reads, in one place.
import type { BehaviourModel } from '../../kit/behaviour-model.ts';
import type { Clock } from '../../kit/clock.ts';
import type { GatewayStats } from '../../kit/gateway-stats.ts';
import type { RecentLog } from '../../kit/recent-log.ts';
import type { Rng } from '../../kit/rng.ts';
import type { TokenBucket } from '../../kit/token-bucket.ts';
import type { Network } from '../../network/create-network.ts';
import type { MessageLifecycle } from './message-lifecycle.ts';
import type { MessageStore } from './message-store.ts';
import type { RcsAccount, RcsBot, RcsConfig } from './rcs-config.ts';
import type { TokenStore } from './token-store.ts';
import type { WebhookDispatcher } from './webhook-dispatcher.ts';

export interface RcsLogEntry {
  at: number;
  /** token, contactCapabilities, sendMessage, messageStatus, status (webhook fired), mo */
  op: string;
  botId?: string;
  msgId?: string;
  userContact?: string;
  /** HTTP status of the answer. */
  http?: number;
  /** Result code of a refusal or a failed status. */
  code?: number;
  status?: string;
  rule?: string | null;
}

export interface AccountState {
  account: RcsAccount;
  bucket: TokenBucket | null;
}

export interface BotState {
  bot: RcsBot;
  account: AccountState;
  /** Registered webhook (admin API or config); null: events are counted and dropped. */
  webhookUrl: string | null;
  paused: boolean;
}

export interface RcsContext {
  cfg: RcsConfig;
  clock: Clock;
  rng: Rng;
  behaviour: BehaviourModel;
  network: Network;
  stats: GatewayStats;
  log: RecentLog<RcsLogEntry>;
  tokens: TokenStore;
  store: MessageStore;
  webhooks: WebhookDispatcher;
  lifecycle: MessageLifecycle;
  accounts: Map<string, AccountState>;
  bots: Map<string, BotState>;
  pausedMessagebases: Set<string>;
  nextMessageId(): string;
}

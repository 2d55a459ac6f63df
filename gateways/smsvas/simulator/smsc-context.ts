// State shared by every session of one SMSVAS simulator.
import type { BehaviourModel } from '../../kit/behaviour-model.ts';
import type { Clock } from '../../kit/clock.ts';
import type { GatewayStats } from '../../kit/gateway-stats.ts';
import type { RecentLog } from '../../kit/recent-log.ts';
import type { Rng } from '../../kit/rng.ts';
import type { TokenBucket } from '../../kit/token-bucket.ts';
import type { Network } from '../../network/create-network.ts';
import type { DeliverQueue } from './deliver-queue.ts';
import type { MessageStore } from './message-store.ts';
import type { SmscAccount, SmscConfig } from './smsc-config.ts';

export interface PduLogEntry {
  at: number;
  dir: 'in' | 'out';
  session: number;
  systemId: string | null;
  command: string;
  sequence_number: number;
  command_status: number;
  note?: string;
}

export interface AccountState {
  account: SmscAccount;
  binds: number;
  bucket: TokenBucket | null;
  queue: DeliverQueue;
  /** Accepted submits whose response is still waiting on simulated latency. */
  outstanding: number;
}

export interface SmscContext {
  readonly cfg: SmscConfig;
  readonly clock: Clock;
  readonly rng: Rng;
  behaviour: BehaviourModel;
  readonly network: Network;
  readonly stats: GatewayStats;
  readonly log: RecentLog<PduLogEntry>;
  readonly store: MessageStore;
  readonly accounts: Map<string, AccountState>;
  nextMessageId(): string;
}

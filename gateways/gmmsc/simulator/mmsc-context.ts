// State shared by the MM7 endpoint and the handlers of one GMMSC simulator.
import type { BehaviourModel } from '../../kit/behaviour-model.ts';
import type { Clock } from '../../kit/clock.ts';
import type { GatewayStats } from '../../kit/gateway-stats.ts';
import type { RecentLog } from '../../kit/recent-log.ts';
import type { Rng } from '../../kit/rng.ts';
import type { TokenBucket } from '../../kit/token-bucket.ts';
import type { Network } from '../../network/create-network.ts';
import type { Mm7Response } from '../codec/mm7-message.ts';
import type { MessageStore } from './message-store.ts';
import type { MmscAccount, MmscConfig } from './mmsc-config.ts';
import type { VaspSender } from './vasp-sender.ts';

export interface Mm7LogEntry {
  at: number;
  dir: 'in' | 'out';
  /** SubmitReq, SubmitRsp, Fault, DeliveryReportReq, ... */
  op: string;
  vaspId: string | null;
  transactionId: string | null;
  status?: number;
  messageId?: string;
  note?: string;
}

export interface AccountState {
  account: MmscAccount;
  bucket: TokenBucket | null;
  /** Accepted requests whose response is still waiting on simulated latency (behaviour.limits.queue). */
  outstanding: number;
}

export interface MmscContext {
  readonly cfg: MmscConfig;
  readonly clock: Clock;
  readonly rng: Rng;
  behaviour: BehaviourModel;
  readonly network: Network;
  readonly stats: GatewayStats;
  readonly log: RecentLog<Mm7LogEntry>;
  readonly store: MessageStore;
  /** By HTTP Basic user name. */
  readonly accounts: Map<string, AccountState>;
  readonly sender: VaspSender;
  nextMessageId(): string;
  nextTransactionId(): string;
}

/** What a handler decided; the endpoint renders it (after `latencyMs` of simulated time). */
export type HandlerResult =
  | { kind: 'response'; message: Mm7Response; latencyMs: number; after?: () => void }
  | { kind: 'fault'; status: number; text?: string; details?: string; latencyMs: number }
  /** A behaviour fault: drop the connection, never answer, or answer garbage (`after` still runs). */
  | { kind: 'misbehave'; fault: 'drop-connection' | 'no-response' | 'corrupt'; latencyMs: number; after?: () => void };

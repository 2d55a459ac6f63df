// State shared by every session of one Xroshot simulator.
import type { BehaviourModel } from '../../kit/behaviour-model.ts';
import type { Clock } from '../../kit/clock.ts';
import type { GatewayStats } from '../../kit/gateway-stats.ts';
import type { RecentLog } from '../../kit/recent-log.ts';
import type { Rng } from '../../kit/rng.ts';
import type { Network } from '../../network/create-network.ts';
import type { ReportQueue } from './report-queue.ts';
import type { XroshotAccount, XroshotConfig } from './xroshot-config.ts';

export interface FrameLogEntry {
  at: number;
  dir: 'in' | 'out';
  session: number;
  serviceProviderId: string | null;
  method: string;
  result?: number;
  note?: string;
}

export interface AccountState {
  account: XroshotAccount;
  /** Requests whose responses still wait on simulated latency. */
  outstanding: number;
  /** Registered sessions now. */
  sessions: number;
  reports: ReportQueue;
}

export interface XroshotContext {
  readonly cfg: XroshotConfig;
  readonly clock: Clock;
  readonly rng: Rng;
  behaviour: BehaviourModel;
  readonly network: Network;
  readonly stats: GatewayStats;
  readonly log: RecentLog<FrameLogEntry>;
  readonly accounts: Map<string, AccountState>;
  /** JobID / GroupID: decimal digits, unique within the run. */
  nextId(): string;
}

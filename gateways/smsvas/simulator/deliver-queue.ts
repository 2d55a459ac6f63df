// deliver_sm toward one account's receiver binds (receipts and MO): round-robin over the bound
// receivers, a window of unacknowledged deliver_sm per session, redelivery when deliver_sm_resp
// never comes or carries a temporary error, and a bounded backlog while nobody is bound.
import type { Clock } from '../../kit/clock.ts';
import type { GatewayStats } from '../../kit/gateway-stats.ts';
import { createRedeliveryQueue } from '../../kit/redelivery-queue.ts';
import { COMMAND_STATUS } from '../codec/command-status.ts';

export interface OutboundItem {
  kind: 'receipt' | 'mo';
  /** deliver_sm body fields, already wire-ready. */
  fields: Record<string, unknown>;
  attempts: number;
}

export interface Receiver {
  readonly id: number;
  /** Writes a deliver_sm; returns its sequence_number, or null when the session cannot send now. */
  sendDeliver(fields: Record<string, unknown>): number | null;
}

export interface DeliverQueue {
  enqueue(item: OutboundItem): boolean;
  addReceiver(r: Receiver): void;
  removeReceiver(r: Receiver): void;
  acknowledge(r: Receiver, seq: number, status: number): void;
  depth(): number;
  inFlight(): number;
}

export interface DeliverQueueOptions {
  window: number;
  responseTimeout: number;
  retryDelay: number;
  maxAttempts: number;
  queueLimit: number;
  clock: Clock;
  stats: GatewayStats;
}

// A receiver's temporary application error asks for redelivery; the spec's permanent ones do not.
const PERMANENT = new Set<number>([COMMAND_STATUS.ESME_RX_P_APPN, COMMAND_STATUS.ESME_RX_R_APPN]);

export function createDeliverQueue(opts: DeliverQueueOptions): DeliverQueue {
  const { stats } = opts;
  const queue = createRedeliveryQueue<OutboundItem, number, Receiver>({
    ...opts,
    send: (r, item) => r.sendDeliver(item.fields),
    onTimeout: () => stats.inc('deliver_sm:timeout'),
    onAbandoned: (item) => stats.inc(`deliver_sm:abandoned:${item.kind}`),
  });

  return {
    enqueue(item) {
      if (queue.enqueue(item)) return true;
      stats.inc(`deliver_sm:dropped-queue-full:${item.kind}`);
      return false;
    },
    addReceiver: queue.addReceiver,
    removeReceiver: queue.removeReceiver,
    acknowledge(r, seq, status) {
      const ok = status === COMMAND_STATUS.ESME_ROK;
      const item = queue.acknowledge(r, seq, !ok && !PERMANENT.has(status));
      if (item && !ok) stats.inc(`deliver_sm_resp:error:${item.kind}`);
    },
    depth: queue.depth,
    inFlight: queue.inFlight,
  };
}

// deliver_sm toward one account's receiver binds (receipts and MO): round-robin over the bound
// receivers, a window of unacknowledged deliver_sm per session, redelivery when deliver_sm_resp
// never comes or carries a temporary error, and a bounded backlog while nobody is bound.
import type { Clock, Timer } from '../../kit/clock.ts';
import type { GatewayStats } from '../../kit/gateway-stats.ts';
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

interface InFlight {
  item: OutboundItem;
  timer: Timer;
}

// A receiver's temporary application error asks for redelivery; the spec's permanent ones do not.
const PERMANENT = new Set<number>([COMMAND_STATUS.ESME_RX_P_APPN, COMMAND_STATUS.ESME_RX_R_APPN]);

export function createDeliverQueue(opts: DeliverQueueOptions): DeliverQueue {
  let backlog: OutboundItem[] = [];
  let head = 0;
  const receivers: Receiver[] = [];
  const inflight = new Map<Receiver, Map<number, InFlight>>();
  let next = 0;
  let total = 0;

  const depth = () => backlog.length - head;

  function shift(): OutboundItem | undefined {
    if (head >= backlog.length) return undefined;
    const item = backlog[head++];
    if (head > 1024 && head * 2 > backlog.length) {
      backlog = backlog.slice(head);
      head = 0;
    }
    return item;
  }

  function requeueLater(item: OutboundItem): void {
    if (item.attempts >= opts.maxAttempts) {
      opts.stats.inc(`deliver_sm:abandoned:${item.kind}`);
      return;
    }
    opts.clock.setTimer(() => {
      backlog.push(item);
      pump();
    }, opts.retryDelay);
  }

  function pump(): void {
    if (receivers.length === 0) return;
    let idle = 0;
    while (depth() > 0 && idle < receivers.length) {
      const r = receivers[next % receivers.length];
      next++;
      const mine = inflight.get(r)!;
      if (mine.size >= opts.window) {
        idle++;
        continue;
      }
      const item = backlog[head];
      const seq = r.sendDeliver(item.fields);
      if (seq === null) {
        idle++;
        continue;
      }
      idle = 0;
      shift();
      item.attempts++;
      total++;
      const timer = opts.clock.setTimer(() => {
        if (mine.delete(seq)) {
          total--;
          opts.stats.inc('deliver_sm:timeout');
          requeueLater(item);
          pump();
        }
      }, opts.responseTimeout);
      mine.set(seq, { item, timer });
    }
  }

  return {
    enqueue(item) {
      if (depth() >= opts.queueLimit) {
        opts.stats.inc(`deliver_sm:dropped-queue-full:${item.kind}`);
        return false;
      }
      backlog.push(item);
      pump();
      return true;
    },
    addReceiver(r) {
      receivers.push(r);
      inflight.set(r, new Map());
      pump();
    },
    removeReceiver(r) {
      const i = receivers.indexOf(r);
      if (i >= 0) receivers.splice(i, 1);
      const mine = inflight.get(r);
      inflight.delete(r);
      if (mine) {
        // Unacknowledged deliveries go back to the front: the ESME never confirmed them.
        const orphaned = [...mine.values()];
        for (const f of orphaned) f.timer.cancel();
        total -= orphaned.length;
        backlog.splice(head, 0, ...orphaned.map((f) => f.item));
      }
      pump();
    },
    acknowledge(r, seq, status) {
      const mine = inflight.get(r);
      const f = mine?.get(seq);
      if (!mine || !f) return;
      mine.delete(seq);
      total--;
      f.timer.cancel();
      if (status !== COMMAND_STATUS.ESME_ROK) {
        opts.stats.inc(`deliver_sm_resp:error:${f.item.kind}`);
        if (!PERMANENT.has(status)) requeueLater(f.item);
      }
      pump();
    },
    depth,
    inFlight: () => total,
  };
}

// req_report toward one service provider's registered sessions: round-robin over them, a window of
// reports awaiting res_report per session, a resend when res_report never comes or carries a
// non-zero Result, and a bounded backlog while no session is registered. Reports are matched to
// res_report by JobID, which is unique per recipient.
import type { Clock } from '../../kit/clock.ts';
import type { GatewayStats } from '../../kit/gateway-stats.ts';
import { createRedeliveryQueue } from '../../kit/redelivery-queue.ts';
import type { ReqReport } from '../codec/mas-message.ts';

export interface ReportReceiver {
  readonly id: number;
  /** Writes the req_report; false when the session cannot send now. */
  sendReport(report: ReqReport): boolean;
}

export interface ReportQueue {
  enqueue(report: ReqReport): boolean;
  addReceiver(r: ReportReceiver): void;
  removeReceiver(r: ReportReceiver): void;
  acknowledge(r: ReportReceiver, jobId: string, result: number): void;
  depth(): number;
  inFlight(): number;
}

export interface ReportQueueOptions {
  window: number;
  responseTimeout: number;
  retryDelay: number;
  maxAttempts: number;
  queueLimit: number;
  clock: Clock;
  stats: GatewayStats;
}

interface Item {
  report: ReqReport;
  attempts: number;
}

export function createReportQueue(opts: ReportQueueOptions): ReportQueue {
  const { stats } = opts;
  const queue = createRedeliveryQueue<Item, string, ReportReceiver>({
    ...opts,
    keyOf: (item) => item.report.jobId,
    send: (r, item) => (r.sendReport(item.report) ? item.report.jobId : null),
    onTimeout: () => stats.inc('req_report:timeout'),
    onAbandoned: () => stats.inc('req_report:abandoned'),
  });

  return {
    enqueue(report) {
      if (queue.enqueue({ report, attempts: 0 })) return true;
      stats.inc('req_report:dropped-queue-full');
      return false;
    },
    addReceiver: queue.addReceiver,
    removeReceiver: queue.removeReceiver,
    acknowledge(r, jobId, result) {
      const item = queue.acknowledge(r, jobId, result !== 0);
      if (!item) stats.inc('res_report:unmatched');
      else if (result !== 0) stats.inc('res_report:error');
    },
    depth: queue.depth,
    inFlight: queue.inFlight,
  };
}

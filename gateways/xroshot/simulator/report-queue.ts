// req_report toward one service provider's registered sessions: round-robin over them, a window of
// reports awaiting res_report per session, a resend when res_report never comes or carries a
// non-zero Result, and a bounded backlog while no session is registered. Reports are matched to
// res_report by JobID, which is unique per recipient.
import type { Clock, Timer } from '../../kit/clock.ts';
import type { GatewayStats } from '../../kit/gateway-stats.ts';
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

interface InFlight {
  item: Item;
  timer: Timer;
}

export function createReportQueue(opts: ReportQueueOptions): ReportQueue {
  let backlog: Item[] = [];
  let head = 0;
  const receivers: ReportReceiver[] = [];
  const inflight = new Map<ReportReceiver, Map<string, InFlight>>();
  let next = 0;
  let total = 0;

  const depth = () => backlog.length - head;

  function shift(): void {
    head++;
    if (head > 1024 && head * 2 > backlog.length) {
      backlog = backlog.slice(head);
      head = 0;
    }
  }

  function retryLater(item: Item): void {
    if (item.attempts >= opts.maxAttempts) {
      opts.stats.inc('req_report:abandoned');
      return;
    }
    opts.clock.setTimer(() => {
      backlog.push(item);
      pump();
    }, opts.retryDelay);
  }

  function pump(): void {
    let idle = 0;
    while (depth() > 0 && receivers.length > 0 && idle < receivers.length) {
      const r = receivers[next++ % receivers.length];
      const mine = inflight.get(r)!;
      const item = backlog[head];
      // A JobID already awaiting res_report on this session would make the answer ambiguous.
      if (mine.size >= opts.window || mine.has(item.report.jobId) || !r.sendReport(item.report)) {
        idle++;
        continue;
      }
      idle = 0;
      shift();
      item.attempts++;
      total++;
      const jobId = item.report.jobId;
      const timer = opts.clock.setTimer(() => {
        if (!mine.delete(jobId)) return;
        total--;
        opts.stats.inc('req_report:timeout');
        retryLater(item);
        pump();
      }, opts.responseTimeout);
      mine.set(jobId, { item, timer });
    }
  }

  return {
    enqueue(report) {
      if (depth() >= opts.queueLimit) {
        opts.stats.inc('req_report:dropped-queue-full');
        return false;
      }
      backlog.push({ report, attempts: 0 });
      pump();
      return true;
    },
    addReceiver(r) {
      if (inflight.has(r)) return;
      receivers.push(r);
      inflight.set(r, new Map());
      pump();
    },
    removeReceiver(r) {
      const i = receivers.indexOf(r);
      if (i >= 0) receivers.splice(i, 1);
      const mine = inflight.get(r);
      inflight.delete(r);
      if (mine && mine.size > 0) {
        // Reports the lost session never confirmed go back to the front for the next session.
        const orphaned = [...mine.values()];
        for (const f of orphaned) f.timer.cancel();
        total -= orphaned.length;
        backlog.splice(head, 0, ...orphaned.map((f) => f.item));
      }
      pump();
    },
    acknowledge(r, jobId, result) {
      const mine = inflight.get(r);
      const f = mine?.get(jobId);
      if (!mine || !f) {
        opts.stats.inc('res_report:unmatched');
        return;
      }
      mine.delete(jobId);
      total--;
      f.timer.cancel();
      if (result !== 0) {
        opts.stats.inc('res_report:error');
        retryLater(f.item);
      }
      pump();
    },
    depth,
    inFlight: () => total,
  };
}

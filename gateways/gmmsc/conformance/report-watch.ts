// The suite's callback receiver: the client's receiver (it answers every DeliveryReportReq with
// DeliveryReportRsp 1000, echoing TransactionID and namespace), plus a log of every callback exchange
// so checks can wait for the report of one MessageID and judge its envelope.
import { createCallbackReceiver, type CallbackExchange } from '../client/callback-receiver.ts';
import type { DeliveryReportReq } from '../codec/mm7-message.ts';

export interface ReceivedReport {
  exchange: CallbackExchange;
  report: DeliveryReportReq;
  at: number;
}

export interface ReportWatch {
  /** Where the target must post reports. */
  readonly url: string;
  /** Every callback received so far, readable or not. */
  readonly exchanges: readonly CallbackExchange[];
  /** Resolves with the first DeliveryReportReq matching `pick` (already received or arriving within ms), else null. */
  waitFor(pick: (r: DeliveryReportReq) => boolean, ms: number): Promise<ReceivedReport | null>;
  close(): Promise<void>;
}

export interface ReportWatchOptions {
  host: string;
  port: number;
  path: string;
  publicUrl?: string;
}

export async function startReportWatch(o: ReportWatchOptions): Promise<ReportWatch> {
  const exchanges: CallbackExchange[] = [];
  const reports: ReceivedReport[] = [];
  const waiters = new Set<{ pick: (r: DeliveryReportReq) => boolean; resolve: (r: ReceivedReport) => void }>();
  const receiver = createCallbackReceiver({
    host: o.host,
    port: o.port,
    path: o.path,
    publicUrl: o.publicUrl,
    bodyLimit: 4 * 1024 * 1024,
    now: () => Date.now(),
    onReport: () => {},
    onMo: () => {},
    onExchange(e) {
      exchanges.push(e);
      const m = e.request?.message;
      if (m?.kind !== 'DeliveryReportReq') return;
      const r: ReceivedReport = { exchange: e, report: m, at: e.at };
      reports.push(r);
      for (const w of waiters) {
        if (w.pick(m)) {
          waiters.delete(w);
          w.resolve(r);
        }
      }
    },
  });
  const url = await receiver.listen();
  return {
    url,
    exchanges,
    waitFor(pick, ms) {
      const early = reports.find((r) => pick(r.report));
      if (early) return Promise.resolve(early);
      return new Promise((resolve) => {
        const w = { pick, resolve: (r: ReceivedReport | null) => {
          clearTimeout(timer);
          resolve(r);
        } };
        const timer = setTimeout(() => {
          waiters.delete(w);
          resolve(null);
        }, ms);
        waiters.add(w);
      });
    },
    close: () => receiver.close(),
  };
}

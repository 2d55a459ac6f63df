// Requests the relay sends to a VASP (DeliveryReportReq, ReadReplyReq, DeliverReq), POSTed to the
// account's callback URL. A VASP that fails (connection error, timeout, non-2xx, a Fault, anything but
// the matching response with a 1xxx status) is retried after retryDelay x backoff^n (simulated time),
// up to maxAttempts; each account has a bounded queue and a bounded number of POSTs in flight.
import { Agent, type Dispatcher } from 'undici';
import type { Clock, Timer } from '../../kit/clock.ts';
import type { GatewayStats } from '../../kit/gateway-stats.ts';
import type { RecentLog } from '../../kit/recent-log.ts';
import { decodeMm7Http } from '../codec/mm7-http.ts';
import type { Mm7ResponseKind } from '../codec/mm7-message.ts';
import { isSuccessStatus } from '../codec/mm7-status.ts';
import type { MmscAccount, MmscConfig } from './mmsc-config.ts';
import type { Mm7LogEntry } from './mmsc-context.ts';

export interface VaspDelivery {
  account: MmscAccount;
  op: 'DeliveryReportReq' | 'ReadReplyReq' | 'DeliverReq';
  expect: Mm7ResponseKind;
  transactionId: string;
  messageId?: string;
  http: { contentType: string; body: Buffer };
}

export interface VaspSender {
  /** Queues a request; false when the account has no callback URL or its queue is full. */
  send(d: VaspDelivery): boolean;
  /** Waiting, in flight or waiting to be retried. */
  pending(): number;
  close(): Promise<void>;
}

interface Item {
  d: VaspDelivery;
  attempts: number;
}

interface Lane {
  queue: Item[];
  inFlight: number;
  waiting: number;
}

const MAX_RESPONSE_BYTES = 256 * 1024;

export function createVaspSender(deps: { clock: Clock; cfg: MmscConfig['delivery']; stats: GatewayStats; log: RecentLog<Mm7LogEntry> }): VaspSender {
  const { clock, cfg, stats, log } = deps;
  const agent = new Agent({ connections: 64, keepAliveTimeout: 10_000 });
  const lanes = new Map<string, Lane>();
  const timers = new Set<Timer>();
  const inFlight = new Set<() => void>();
  let closed = false;

  const lane = (vaspId: string): Lane => {
    let l = lanes.get(vaspId);
    if (!l) lanes.set(vaspId, (l = { queue: [], inFlight: 0, waiting: 0 }));
    return l;
  };

  const pump = (l: Lane): void => {
    while (!closed && l.inFlight < cfg.concurrency && l.queue.length > 0) {
      const item = l.queue.shift() as Item;
      l.inFlight++;
      void attempt(item).then((ok) => {
        l.inFlight--;
        if (!ok) retryLater(l, item);
        pump(l);
      });
    }
  };

  const retryLater = (l: Lane, item: Item): void => {
    if (closed) return;
    if (item.attempts >= cfg.maxAttempts) {
      stats.inc(`callback:dropped:${item.d.op}`);
      log.push({ at: clock.now(), dir: 'out', op: item.d.op, vaspId: item.d.account.vaspId, transactionId: item.d.transactionId, messageId: item.d.messageId, note: `given up after ${item.attempts} attempts` });
      return;
    }
    const delay = Math.min(cfg.retryDelay * cfg.backoff ** (item.attempts - 1), cfg.maxRetryDelay);
    stats.inc(`callback:retry:${item.d.op}`);
    l.waiting++;
    const t = clock.setTimer(() => {
      timers.delete(t);
      l.waiting--;
      l.queue.push(item);
      pump(l);
    }, delay);
    timers.add(t);
  };

  const targets = new Map<string, { origin: string; path: string }>();
  const target = (url: string) => {
    let t = targets.get(url);
    if (!t) {
      const u = new URL(url);
      targets.set(url, (t = { origin: u.origin, path: `${u.pathname}${u.search}` }));
    }
    return t;
  };

  // One POST through the dispatcher API with a plain handler and one plain timer: no body stream and no
  // AbortSignal.any/timeout per report, which cost more than the report itself.
  const post = (d: VaspDelivery, headers: Record<string, string>): Promise<{ status: number; contentType: string | undefined; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const { origin, path } = target(d.account.callbackUrl as string);
      let controller: Dispatcher.DispatchController | null = null;
      let settled = false;
      let status = 0;
      let contentType: string | undefined;
      let size = 0;
      const chunks: Buffer[] = [];
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timeout);
        inFlight.delete(abort);
        controller?.abort(err);
        reject(err);
      };
      const abort = () => fail(new Error('the relay is closing'));
      const timeout = setTimeout(() => fail(new Error(`no response within ${cfg.responseTimeout} ms`)), cfg.responseTimeout);
      timeout.unref();
      inFlight.add(abort);
      agent.dispatch(
        { origin, path, method: 'POST', headers, body: d.http.body },
        {
          onRequestStart(c) {
            controller = c;
            if (settled) c.abort(new Error('aborted'));
          },
          onResponseStart(_c, statusCode, h) {
            status = statusCode;
            const ct = h['content-type'];
            contentType = Array.isArray(ct) ? ct[0] : ct;
          },
          onResponseData(_c, chunk) {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) fail(new Error(`response over ${MAX_RESPONSE_BYTES} bytes`));
            else chunks.push(chunk);
          },
          onResponseEnd() {
            if (settled) return;
            settled = true;
            clearTimeout(timeout);
            inFlight.delete(abort);
            resolve({ status, contentType, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
          },
          onResponseError(_c, err) {
            fail(err);
          },
        },
      );
    });

  const attempt = async (item: Item): Promise<boolean> => {
    const { d } = item;
    item.attempts++;
    const headers: Record<string, string> = { 'content-type': d.http.contentType, soapaction: '""' };
    if (d.account.callbackAuth) headers.authorization = 'Basic ' + Buffer.from(`${d.account.callbackAuth.username}:${d.account.callbackAuth.password}`).toString('base64');
    let note: string;
    try {
      const res = await post(d, headers);
      if (res.status < 200 || res.status > 299) note = `HTTP ${res.status}`;
      else {
        const { envelope } = decodeMm7Http(res.contentType, res.body);
        const m = envelope.message;
        if (m.kind === d.expect && 'status' in m && isSuccessStatus(m.status.code)) {
          stats.inc(`callback:ok:${d.op}`);
          log.push({ at: clock.now(), dir: 'out', op: d.op, vaspId: d.account.vaspId, transactionId: d.transactionId, messageId: d.messageId, status: m.status.code });
          return true;
        }
        note = m.kind === 'Fault' ? `Fault ${m.detail?.status.code ?? m.faultCode}` : `${m.kind}${'status' in m ? ' ' + m.status.code : ''}`;
      }
    } catch (e) {
      note = (e as Error).message;
    }
    stats.inc(`callback:failed:${d.op}`);
    log.push({ at: clock.now(), dir: 'out', op: d.op, vaspId: d.account.vaspId, transactionId: d.transactionId, messageId: d.messageId, note: `attempt ${item.attempts} failed: ${note.slice(0, 200)}` });
    return false;
  };

  return {
    send(d) {
      if (closed || !d.account.callbackUrl) {
        stats.inc(`callback:no-url:${d.op}`);
        return false;
      }
      const l = lane(d.account.vaspId);
      if (l.queue.length + l.waiting >= cfg.queueLimit) {
        stats.inc(`callback:queue-full:${d.op}`);
        return false;
      }
      l.queue.push({ d, attempts: 0 });
      pump(l);
      return true;
    },
    pending() {
      let n = 0;
      for (const l of lanes.values()) n += l.queue.length + l.inFlight + l.waiting;
      return n;
    },
    async close() {
      closed = true;
      for (const t of timers) t.cancel();
      timers.clear();
      for (const abort of [...inFlight]) abort();
      await agent.destroy();
    },
  };
}

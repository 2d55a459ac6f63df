// What a simulator sends toward the client and must see acknowledged (SMPP deliver_sm, Xroshot
// req_report): round-robin over the client's receiving sessions, a window of unacknowledged items per
// session, another attempt later when the answer never comes or asks for one, and a bounded backlog
// while no session can take them. Each gateway writes the item and reads the answer; this is the rest.
import type { Clock, Timer } from './clock.ts';

export interface RedeliveryItem {
  /** Attempts so far; the queue counts them. */
  attempts: number;
}

export interface RedeliveryQueueOptions<I extends RedeliveryItem, K, R> {
  window: number;
  responseTimeout: number;
  retryDelay: number;
  maxAttempts: number;
  queueLimit: number;
  clock: Clock;
  /** Writes the item on a session: the key its answer will carry, or null when the session cannot send now. */
  send(receiver: R, item: I): K | null;
  /** The key known before sending: an item whose key already awaits an answer on a session waits for another. */
  keyOf?(item: I): K;
  /** No answer within `responseTimeout`. */
  onTimeout?(item: I): void;
  /** Given up after `maxAttempts`. */
  onAbandoned?(item: I): void;
}

export interface RedeliveryQueue<I extends RedeliveryItem, K, R> {
  /** False (and nothing queued) when the backlog is at `queueLimit`. */
  enqueue(item: I): boolean;
  addReceiver(r: R): void;
  /** Items the session never confirmed go back to the front of the backlog. */
  removeReceiver(r: R): void;
  /** The item the answer names, or undefined when none awaits it on that session; `retry` sends it again later. */
  acknowledge(r: R, key: K, retry: boolean): I | undefined;
  depth(): number;
  inFlight(): number;
}

interface InFlight<I> {
  item: I;
  timer: Timer;
}

export function createRedeliveryQueue<I extends RedeliveryItem, K, R>(opts: RedeliveryQueueOptions<I, K, R>): RedeliveryQueue<I, K, R> {
  let backlog: I[] = [];
  let head = 0;
  const receivers: R[] = [];
  const inflight = new Map<R, Map<K, InFlight<I>>>();
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

  function retryLater(item: I): void {
    if (item.attempts >= opts.maxAttempts) {
      opts.onAbandoned?.(item);
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
      // A key already awaiting an answer on this session would make the answer ambiguous.
      const busy = mine.size >= opts.window || (opts.keyOf !== undefined && mine.has(opts.keyOf(item)));
      const key = busy ? null : opts.send(r, item);
      if (key === null) {
        idle++;
        continue;
      }
      idle = 0;
      shift();
      item.attempts++;
      total++;
      const timer = opts.clock.setTimer(() => {
        if (!mine.delete(key)) return;
        total--;
        opts.onTimeout?.(item);
        retryLater(item);
        pump();
      }, opts.responseTimeout);
      mine.set(key, { item, timer });
    }
  }

  return {
    enqueue(item) {
      if (depth() >= opts.queueLimit) return false;
      backlog.push(item);
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
        const orphaned = [...mine.values()];
        for (const f of orphaned) f.timer.cancel();
        total -= orphaned.length;
        backlog.splice(head, 0, ...orphaned.map((f) => f.item));
      }
      pump();
    },
    acknowledge(r, key, retry) {
      const mine = inflight.get(r);
      const f = mine?.get(key);
      if (!mine || !f) return undefined;
      mine.delete(key);
      total--;
      f.timer.cancel();
      if (retry) retryLater(f.item);
      pump();
      return f.item;
    },
    depth,
    inFlight: () => total,
  };
}

// Runs an accepted message's planned statuses on the simulator clock: each one updates the stored
// status and queues a messageStatus webhook to the bot's URL (keyed by message, so they stay in order).
// start() is called only once the send response has left, so no webhook can precede it. Two quirks
// play a flaky platform: some webhooks posted twice, and statuses posted out of order.
import type { Clock, Timer } from '../../kit/clock.ts';
import type { GatewayStats } from '../../kit/gateway-stats.ts';
import type { RecentLog } from '../../kit/recent-log.ts';
import type { Rng } from '../../kit/rng.ts';
import type { StoredMessage } from './message-store.ts';
import type { PlannedStatus } from './status-plan.ts';
import { renderStatusEvent } from './status-event.ts';
import type { WebhookDispatcher } from './webhook-dispatcher.ts';
import type { RcsLogEntry } from './rcs-context.ts';
import type { RcsQuirks } from './rcs-config.ts';

export interface MessageLifecycle {
  /** Schedules the plan; `webhookUrl()` is read when each status fires (a bot may register later). */
  start(m: StoredMessage, plan: PlannedStatus[], webhookUrl: () => string | null): void;
  /** Statuses not yet fired. */
  pending(): number;
  close(): void;
}

export function createMessageLifecycle(deps: {
  clock: Clock;
  stats: GatewayStats;
  log: RecentLog<RcsLogEntry>;
  webhooks: WebhookDispatcher;
  rng: Rng;
  /** Read at each status (the admin API may replace the config). */
  quirks: () => Pick<RcsQuirks, 'webhookShape' | 'webhookDuplicates' | 'webhookReorderMs'>;
}): MessageLifecycle {
  const live = new Set<Timer>();
  let waiting = 0;
  const { clock, stats } = deps;

  const fire = (m: StoredMessage, s: PlannedStatus, webhookUrl: () => string | null): void => {
    m.status = s.status;
    stats.inc(`status:${s.status}`);
    if (s.error) stats.inc(`status:failed:${s.error.code}`);
    const at = clock.now();
    deps.log.push({ at, op: 'status', botId: m.botId, msgId: m.msgId, status: s.status, code: s.error?.code });
    const url = webhookUrl();
    if (url === null) {
      stats.inc('webhook:no-url');
      return;
    }
    const q = deps.quirks();
    const event = renderStatusEvent(m, s.status, at, s.error, q.webhookShape);
    const copies = q.webhookDuplicates > 0 && deps.rng.next() < q.webhookDuplicates ? 2 : 1;
    if (copies === 2) stats.inc('webhook:duplicated');
    if (q.webhookReorderMs === 0) {
      for (let i = 0; i < copies; i++) deps.webhooks.enqueue(url, event, `msg:${m.botId}:${m.msgId}`);
      return;
    }
    // Each copy on its own key after its own wait: nothing keeps a message's statuses in order.
    for (let i = 0; i < copies; i++) {
      const t = clock.setTimer(() => {
        live.delete(t);
        waiting--;
        deps.webhooks.enqueue(url, event, `msg:${m.botId}:${m.msgId}:${s.status}:${i}`);
      }, deps.rng.int(0, q.webhookReorderMs));
      live.add(t);
      waiting++;
    }
  };

  return {
    start(m, plan, webhookUrl) {
      // Statuses due at the same moment (often 'sent' and the final one when nothing delays them)
      // share one timer and fire in plan order, as separate timers with equal delays would.
      for (let i = 0; i < plan.length; ) {
        let j = i + 1;
        while (j < plan.length && plan[j].afterMs === plan[i].afterMs) j++;
        const due = j - i === 1 ? [plan[i]] : plan.slice(i, j);
        const t = clock.setTimer(() => {
          live.delete(t);
          waiting -= due.length;
          for (const s of due) fire(m, s, webhookUrl);
        }, plan[i].afterMs);
        live.add(t);
        waiting += due.length;
        i = j;
      }
    },
    pending: () => waiting,
    close() {
      for (const t of live) t.cancel();
      live.clear();
      waiting = 0;
    },
  };
}

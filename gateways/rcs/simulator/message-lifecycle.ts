// Runs an accepted message's planned statuses on the simulator clock: each one updates the stored
// status and queues a messageStatus webhook to the bot's URL (keyed by message, so they stay in order).
// start() is called only once the send response has left, so no webhook can precede it.
import type { Clock, Timer } from '../../kit/clock.ts';
import type { GatewayStats } from '../../kit/gateway-stats.ts';
import type { RecentLog } from '../../kit/recent-log.ts';
import type { StoredMessage } from './message-store.ts';
import type { PlannedStatus } from './status-plan.ts';
import { renderStatusEvent } from './status-event.ts';
import type { WebhookDispatcher } from './webhook-dispatcher.ts';
import type { RcsLogEntry } from './rcs-context.ts';

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
  shape: () => 'maap' | 'malformed';
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
    deps.webhooks.enqueue(url, renderStatusEvent(m, s.status, at, s.error, deps.shape()), `msg:${m.botId}:${m.msgId}`);
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

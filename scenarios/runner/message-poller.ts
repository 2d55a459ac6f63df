// Follows the messages of a run against an external engine (no events reach the runner): polls
// GET /v1/messages/:id for every id not yet final, a bounded number at a time, and hands each answer
// to the observer as a timeline. The engine's clock is mapped onto the scenario clock through the
// first message: its createdAt is the offset at which the runner submitted it.
import { FINAL_STATES, type MessageState } from '../../engine/message.ts';
import type { EngineClient } from './engine-client.ts';
import { summaryOfView, timelineOfView, type MessageSummary } from './message-summary.ts';
import type { RunObserver } from './run-observer.ts';

export interface MessagePoller {
  /** An id the engine answered, with its intake state and the offset of the request. */
  track(id: string, state: MessageState, at: number): void;
  /** One round over the ids not yet final. */
  poll(): Promise<void>;
  summaries(): Map<string, MessageSummary | null>;
}

export function createMessagePoller(opts: { client: EngineClient; observer: RunObserver; concurrency?: number }): MessagePoller {
  const { client, observer } = opts;
  const concurrency = opts.concurrency ?? 16;
  const open = new Map<string, MessageState>();
  const summaries = new Map<string, MessageSummary | null>();
  let anchor: number | null = null;
  let firstAt = 0;

  const offset = (engineMs: number): number => engineMs - (anchor as number);

  async function fetchOne(id: string): Promise<void> {
    const view = await client.getMessage(id).catch(() => null);
    if (view === null) return;
    if (anchor === null) anchor = Date.parse(view.createdAt) - firstAt;
    summaries.set(id, summaryOfView(view));
    observer.replace(timelineOfView(view, open.get(id) ?? 'accepted', offset));
    if (FINAL_STATES.has(view.state)) open.delete(id);
  }

  return {
    track(id, state, at) {
      if (open.size === 0 && summaries.size === 0) firstAt = at;
      open.set(id, state);
      summaries.set(id, null);
      observer.noteAccepted(id, state, at);
    },
    async poll() {
      const ids = [...open.keys()];
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < ids.length) await fetchOne(ids[next++]);
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
    },
    summaries: () => summaries,
  };
}

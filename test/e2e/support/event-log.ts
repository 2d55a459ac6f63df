// Every engine event of a run, kept in order, and promises that settle when an event of interest
// arrives (or has already arrived). The timeout is a guard against a hung run, not part of any logic.
import type { Engine, EngineEvent } from '../../../engine/engine.ts';

export type FinalEvent = Extract<EngineEvent, { type: 'final' }>;

export interface EventLog {
  readonly events: readonly EngineEvent[];
  /** Events naming this message id, in order. */
  of(id: string): EngineEvent[];
  /** The first event (past or future) that matches. */
  waitFor<E extends EngineEvent>(match: (e: EngineEvent) => e is E, timeoutMs?: number, what?: string): Promise<E>;
  waitFor(match: (e: EngineEvent) => boolean, timeoutMs?: number, what?: string): Promise<EngineEvent>;
  /** The message's final event. */
  final(id: string, timeoutMs?: number): Promise<FinalEvent>;
  close(): void;
}

interface Waiter {
  match: (e: EngineEvent) => boolean;
  resolve: (e: EngineEvent) => void;
}

export function recordEvents(engine: Pick<Engine, 'on'>): EventLog {
  const events: EngineEvent[] = [];
  const byId = new Map<string, EngineEvent[]>();
  let waiters: Waiter[] = [];
  const off = engine.on('event', (e) => {
    events.push(e);
    if ('id' in e && e.id !== undefined) {
      let list = byId.get(e.id);
      if (list === undefined) byId.set(e.id, (list = []));
      list.push(e);
    }
    if (waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const w of waiters) {
      if (w.match(e)) w.resolve(e);
      else still.push(w);
    }
    waiters = still;
  });

  function waitFor(match: (e: EngineEvent) => boolean, timeoutMs = 20_000, what = 'an engine event'): Promise<EngineEvent> {
    const seen = events.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      };
      const timer = setTimeout(() => {
        waiters = waiters.filter((x) => x !== w);
        reject(new Error(`no ${what} within ${timeoutMs} ms; last events: ${JSON.stringify(events.slice(-8))}`));
      }, timeoutMs);
      waiters.push(w);
    });
  }

  return {
    events,
    of: (id) => [...(byId.get(id) ?? [])],
    waitFor: waitFor as EventLog['waitFor'],
    final: (id, timeoutMs) => waitFor((e) => e.type === 'final' && e.id === id, timeoutMs, `final event for ${id}`) as Promise<FinalEvent>,
    close: off,
  };
}

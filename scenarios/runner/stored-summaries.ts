// The engine's own record of every message of an in-process run, read from its store once the writes
// queued at the end have been committed, so "no message lost" checks what was persisted, not only
// what the events said.
import type { LocalStack } from '../local-stack.ts';
import { summaryOfRecord, type MessageSummary } from './message-summary.ts';

/** Longest real wait for queued writes before reading anyway. */
const FLUSH_WAIT_MS = 5000;

export async function readStoredSummaries(stack: LocalStack, ids: Iterable<string>): Promise<Map<string, MessageSummary | null>> {
  const out = new Map<string, MessageSummary | null>();
  const service = stack.engine;
  if (service === null) return out;
  const until = performance.now() + FLUSH_WAIT_MS;
  while (service.engine.snapshot().writesQueued > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
  // One more group-commit interval: a batch taken off the queue may still be committing.
  await new Promise((r) => setTimeout(r, 20));
  for (const id of ids) {
    const r = await service.store.get(id);
    out.set(id, r === null ? null : summaryOfRecord(r));
  }
  return out;
}

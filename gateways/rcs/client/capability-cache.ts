// Capability answers cached per contact with separate lifetimes for "capable" and "not capable":
// a user who installs RCS should be found soon, but a million iPhones must not cost a million
// queries per campaign. Failed queries are not cached. Concurrent lookups of one contact share a query.
import type { Clock } from '../../kit/clock.ts';

export type CapabilityAnswer =
  | { kind: 'capable'; features: string[]; cached: boolean }
  | { kind: 'not-capable'; code: number | string | null; cached: boolean }
  /** The query itself failed (timeout, 5xx, auth): nothing is known about the user. */
  | { kind: 'unknown'; why: string; cached: false };

export type FreshAnswer =
  | { kind: 'capable'; features: string[] }
  | { kind: 'not-capable'; code: number | string | null }
  | { kind: 'unknown'; why: string };

export interface CapabilityCacheOptions {
  clock: Clock;
  query(contact: string): Promise<FreshAnswer>;
  positiveTtlMs: number;
  negativeTtlMs: number;
  /** Oldest entries are dropped beyond this many (default 100 000). */
  maxEntries?: number;
}

export interface CapabilityCacheStats {
  hits: number;
  misses: number;
  queries: number;
  entries: number;
}

export interface CapabilityCache {
  get(contact: string): Promise<CapabilityAnswer>;
  forget(contact: string): void;
  stats(): CapabilityCacheStats;
}

interface Entry {
  answer: FreshAnswer & { kind: 'capable' | 'not-capable' };
  until: number;
}

export function createCapabilityCache(opts: CapabilityCacheOptions): CapabilityCache {
  const maxEntries = opts.maxEntries ?? 100_000;
  // Map keeps insertion order, so the first key is the oldest entry.
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<CapabilityAnswer>>();
  const counts = { hits: 0, misses: 0, queries: 0 };

  function store(contact: string, answer: Entry['answer']): void {
    const ttl = answer.kind === 'capable' ? opts.positiveTtlMs : opts.negativeTtlMs;
    if (ttl <= 0) return;
    entries.delete(contact);
    entries.set(contact, { answer, until: opts.clock.now() + ttl });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  }

  return {
    get(contact) {
      const hit = entries.get(contact);
      if (hit && opts.clock.now() < hit.until) {
        counts.hits++;
        return Promise.resolve({ ...hit.answer, cached: true } as CapabilityAnswer);
      }
      if (hit) entries.delete(contact);
      counts.misses++;
      const waiting = pending.get(contact);
      if (waiting) return waiting;
      counts.queries++;
      const p = opts.query(contact).then(
        (answer): CapabilityAnswer => {
          if (answer.kind === 'unknown') return { ...answer, cached: false };
          store(contact, answer);
          return { ...answer, cached: false } as CapabilityAnswer;
        },
        (err: unknown): CapabilityAnswer => ({ kind: 'unknown', why: (err as Error).message, cached: false }),
      );
      pending.set(contact, p);
      void p.finally(() => pending.delete(contact));
      return p;
    },
    forget(contact) {
      entries.delete(contact);
    },
    stats: () => ({ ...counts, entries: entries.size }),
  };
}

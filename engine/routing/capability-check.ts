// Whether a recipient can take RCS, asked of the RCS gateway (the MaaP capability query) before an RCS
// leg. The engine keeps its own short memory so it does not depend on whether a channel caches, and
// a burst of messages to one number asks once.
import type { Clock } from '../../gateways/kit/clock.ts';
import type { Capability, Channel } from '../channel.ts';

export interface CapabilityCheckOptions {
  channel: Channel;
  /** How long a 'capable' / 'not-capable' answer is trusted ('unknown' is never kept). */
  ttlMs: number;
  clock: Clock;
  /** Most numbers remembered; past it the oldest answer is dropped first (default 200,000). */
  maxEntries?: number;
}

export interface CapabilityCheckStats {
  /** Answers from memory. */
  hits: number;
  /** Queries sent to the channel. */
  queries: number;
  /** Queries that failed or answered 'unknown'. */
  unknown: number;
}

export interface CapabilityCheck {
  /**
   * 'unknown' when the channel has no capability query, or the query failed: the caller sends RCS
   * anyway and lets the delivery report decide (not-capable then triggers the fallback).
   */
  check(msisdn: string): Promise<Capability>;
  stats(): CapabilityCheckStats;
}

export function createCapabilityCheck(opts: CapabilityCheckOptions): CapabilityCheck {
  const { channel, ttlMs, clock } = opts;
  const maxEntries = opts.maxEntries ?? 200_000;
  const known = new Map<string, { capability: Capability; expiresAt: number }>();
  const asking = new Map<string, Promise<Capability>>();
  const stats: CapabilityCheckStats = { hits: 0, queries: 0, unknown: 0 };

  async function ask(msisdn: string): Promise<Capability> {
    stats.queries++;
    let capability: Capability;
    try {
      capability = await channel.capability!(msisdn);
    } catch {
      capability = 'unknown';
    }
    if (capability === 'unknown') {
      stats.unknown++;
    } else {
      known.delete(msisdn); // re-inserted last, so the oldest answer is the first key
      known.set(msisdn, { capability, expiresAt: clock.now() + ttlMs });
      if (known.size > maxEntries) known.delete(known.keys().next().value!);
    }
    return capability;
  }

  return {
    check(msisdn) {
      if (channel.capability === undefined) return Promise.resolve('unknown');
      const entry = known.get(msisdn);
      if (entry !== undefined) {
        if (entry.expiresAt > clock.now()) {
          stats.hits++;
          return Promise.resolve(entry.capability);
        }
        known.delete(msisdn);
      }
      let pending = asking.get(msisdn);
      if (pending === undefined) {
        pending = ask(msisdn).finally(() => asking.delete(msisdn));
        asking.set(msisdn, pending);
      }
      return pending;
    },
    stats: () => ({ ...stats }),
  };
}

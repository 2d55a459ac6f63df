// Recipients for generated traffic: never the same number twice in a run (until a range is used up), in
// a seeded order, with the asked-for share of own-network numbers. The share is judged on the simulated
// network the simulators read (the default one unless given): the load generator is a test harness and
// may know the subscriber directory; the engine under test still learns carriers only by NP lookup.
import type { Network } from '../gateways/network/create-network.ts';
import type { Rng } from '../gateways/kit/rng.ts';
import type { RecipientsSpec } from './load-profile-schema.ts';

export interface RecipientSource {
  next(): string;
  /** Numbers handed out so far, split by the network's own-network judgement (range: counted the same way). */
  drawn(): { onNet: number; offNet: number };
}

const MOBILE_SPACE = 100_000_000; // 010 + 8 digits
/** Candidates of the other kind kept while looking for one kind; the rest are skipped (still never reused). */
const SPARE_LIMIT = 100_000;

/**
 * A stride coprime to `size` walks 0..size-1 once each: (offset + i * stride) mod size. Any prime
 * that does not divide `size` will do; the rng picks among a few so seeds give different orders.
 */
function strideFor(size: number, rng: Rng): number {
  const primes = [1_000_003, 2_000_003, 3_000_017, 4_000_037, 7_368_787, 9_999_991, 15_485_863, 32_452_843];
  const usable = primes.filter((p) => size % p !== 0 && p % size !== 0);
  if (size <= 2 || usable.length === 0) return 1;
  return usable[rng.int(0, usable.length - 1)] % size || 1;
}

function createWalk(size: number, rng: Rng): () => number {
  const stride = strideFor(size, rng);
  let at = rng.int(0, size - 1);
  return () => {
    const v = at;
    at = (at + stride) % size;
    return v;
  };
}

export function createRecipientSource(spec: RecipientsSpec, opts: { rng: Rng; network: Network }): RecipientSource {
  const { network, rng } = opts;
  const onNetOf = (msisdn: string): boolean => network.lookup(msisdn)?.carrier === network.ownCarrier;
  const counts = { onNet: 0, offNet: 0 };
  const count = (msisdn: string, onNet: boolean): string => {
    counts[onNet ? 'onNet' : 'offNet']++;
    return msisdn;
  };

  if ('range' in spec) {
    const { from, to } = spec.range;
    const first = Number(from);
    const size = Number(to) - first + 1;
    const width = from.length;
    const walk = createWalk(size, rng);
    return {
      next: () => {
        const msisdn = String(first + walk()).padStart(width, '0');
        return count(msisdn, onNetOf(msisdn));
      },
      drawn: () => ({ ...counts }),
    };
  }

  const walk = createWalk(MOBILE_SPACE, rng);
  const spare: Record<'on' | 'off', string[]> = { on: [], off: [] };
  const candidate = (): { msisdn: string; onNet: boolean } | null => {
    const msisdn = `010${String(walk()).padStart(8, '0')}`;
    const s = network.lookup(msisdn);
    if (s === null) return null;
    if (spec.reachableOnly && s.reachability !== 'on' && s.reachability !== 'ported') return null;
    return { msisdn, onNet: s.carrier === network.ownCarrier };
  };
  const take = (onNet: boolean): string => {
    const want = onNet ? spare.on : spare.off;
    const other = onNet ? spare.off : spare.on;
    if (want.length > 0) return want.pop()!;
    for (let tries = 0; tries < MOBILE_SPACE; tries++) {
      const c = candidate();
      if (c === null) continue;
      if (c.onNet === onNet) return c.msisdn;
      if (other.length < SPARE_LIMIT) other.push(c.msisdn);
    }
    throw new Error(`the network has no ${onNet ? 'own-network' : 'other-carrier'} number${spec.reachableOnly ? ' that is reachable' : ''}`);
  };
  return {
    next: () => {
      const onNet = spec.onNet >= 1 || (spec.onNet > 0 && rng.next() < spec.onNet);
      return count(take(onNet), onNet);
    },
    drawn: () => ({ ...counts }),
  };
}

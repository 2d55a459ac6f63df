// Recipients for a `{ count, mix }` batch or a stream: a weighted list of selectors, each a
// well-known subscriber or attributes of the simulated network (carrier, device, rcs, language,
// reachability). A selector is picked by weight, then 010 numbers are drawn (seeded) and looked up in
// the network until one has the wanted attributes, so every number resolves to its class in every
// simulator and in the NP API.
import type { Rng } from '../../gateways/kit/rng.ts';
import type { Network } from '../../gateways/network/create-network.ts';
import { KNOWN_SUBSCRIBERS } from '../../gateways/network/known-subscribers.ts';
import type { Subscriber } from '../../gateways/network/subscriber.ts';
import type { RecipientSelector } from '../scenario-traffic-schema.ts';
import { RunError } from './run-errors.ts';

export interface RecipientPicker {
  /** The next recipient (national form). Throws RUN_ERR_NO_RECIPIENT when a selector matches nobody. */
  next(): string;
}

/** Draws tried per number before a selector is judged to match nobody (~1 in 20,000 numbers or rarer). */
export const MAX_DRAWS = 20_000;

const ATTRS = ['carrier', 'device', 'rcs', 'language', 'reachability'] as const;

export function selectorMatches(sub: Subscriber, sel: RecipientSelector): boolean {
  if (sel.subscriber !== undefined) return sub.msisdn === KNOWN_SUBSCRIBERS[sel.subscriber];
  for (const a of ATTRS) if (sel[a] !== undefined && sub[a] !== sel[a]) return false;
  return true;
}

export function describeSelector(sel: RecipientSelector): string {
  if (sel.subscriber !== undefined) return sel.subscriber;
  const parts = ATTRS.filter((a) => sel[a] !== undefined).map((a) => `${a} ${String(sel[a])}`);
  return parts.length === 0 ? 'anyone' : parts.join(', ');
}

/** A random 010 mobile number (national form). */
export function drawMobileNumber(rng: Rng): string {
  return `010${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

export function createRecipientPicker(opts: { network: Network; mix: readonly RecipientSelector[]; rng: Rng; maxDraws?: number }): RecipientPicker {
  const { network, rng } = opts;
  const maxDraws = opts.maxDraws ?? MAX_DRAWS;
  const mix = opts.mix.length === 0 ? [{ weight: 1 }] : opts.mix;
  const total = mix.reduce((s, m) => s + m.weight, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const m of mix) cumulative.push((acc += m.weight / total));

  const pick = (): RecipientSelector => {
    const u = rng.next();
    for (let i = 0; i < mix.length - 1; i++) if (u < cumulative[i]) return mix[i];
    return mix[mix.length - 1];
  };

  return {
    next() {
      const sel = pick();
      if (sel.subscriber !== undefined) return KNOWN_SUBSCRIBERS[sel.subscriber];
      for (let i = 0; i < maxDraws; i++) {
        const n = drawMobileNumber(rng);
        const sub = network.lookup(n);
        if (sub !== null && selectorMatches(sub, sel)) return n;
      }
      throw new RunError('RUN_ERR_NO_RECIPIENT', `no number of the simulated network matches { ${describeSelector(sel)} } (${maxDraws} numbers drawn)`);
    },
  };
}

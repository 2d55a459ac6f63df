// Which route plan a message follows, from its content kind and whether the number-portability lookup
// put the recipient on the own network. Plans are read in order and the first match wins, so a
// specific plan placed before a broad one ('any' network) overrides it.
import type { RoutePlan } from '../engine-config.ts';
import type { ContentKind } from '../message.ts';

export interface RouteTable {
  /** The first plan whose network ('on-net', 'off-net' or 'any') and kinds match; null = no route. */
  planFor(kind: ContentKind, onNet: boolean): RoutePlan | null;
}

const KINDS: readonly ContentKind[] = ['sms', 'lms', 'mms', 'rcs'];

export function createRouteTable(plans: readonly RoutePlan[]): RouteTable {
  // Eight answers in all: resolved once, so routing a message is one map read.
  const table = new Map<string, RoutePlan | null>();
  for (const kind of KINDS) {
    for (const onNet of [true, false]) {
      const network = onNet ? 'on-net' : 'off-net';
      const plan = plans.find((p) => (p.network === 'any' || p.network === network) && p.kinds.includes(kind)) ?? null;
      table.set(key(kind, onNet), plan);
    }
  }
  return { planFor: (kind, onNet) => table.get(key(kind, onNet)) ?? null };
}

function key(kind: ContentKind, onNet: boolean): string {
  return onNet ? `${kind}+` : kind;
}

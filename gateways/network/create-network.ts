// The simulated mobile network: the one truth every gateway simulator reads about a number.
import type { Carrier, Subscriber } from './subscriber.ts';
import { normalizeMsisdn } from './normalize-msisdn.ts';
import { fixedAttributesSchema, parseNetworkSpec } from './network-schema.ts';
import type { FixedAttributes, NetworkSpecInput } from './network-schema.ts';
import { createSubscriberResolver } from './subscriber-resolver.ts';
import { describeSpecIssues } from './describe-spec-issues.ts';
import { NetworkError } from './network-errors.ts';

/** Attributes to pin on one number; the rest still come from the rules (and follow what is pinned). */
export type SubscriberPatch = Partial<Omit<Subscriber, 'msisdn'>>;

export interface Network {
  /** The operator msgsim models (KT by default): RCS wholesale and Xroshot are its platforms. */
  readonly ownCarrier: Carrier;
  /** The subscriber behind a Korean mobile number (any accepted spelling), or null if it is not one. */
  lookup(msisdn: string): Subscriber | null;
  /**
   * Pin attributes on one number until clearOverrides(). Overrides stack on the file's pinned entries
   * and on earlier overrides of the same number. Throws NETWORK_ERR_BAD_MSISDN / NETWORK_ERR_BAD_OVERRIDE.
   */
  override(msisdn: string, patch: SubscriberPatch): void;
  /** Drop every override (the file's pinned numbers stay). */
  clearOverrides(): void;
}

/** Build a network from a spec (validated here, so a raw object from JSON or a scenario is fine). */
export function createNetwork(specInput: NetworkSpecInput): Network {
  const spec = parseNetworkSpec(specInput);
  const resolve = createSubscriberResolver(spec);

  const pinnedAttrs = new Map<string, FixedAttributes>();
  for (const [key, attrs] of Object.entries(spec.pinned)) pinnedAttrs.set(normalizeMsisdn(key)!, attrs);

  // Pinned and overridden numbers are resolved once; the map only grows with explicit pins.
  const fixedAttrs = new Map<string, FixedAttributes>();
  const resolved = new Map<string, Subscriber>();
  function rebuild(): void {
    resolved.clear();
    for (const [n, attrs] of pinnedAttrs) if (!fixedAttrs.has(n)) resolved.set(n, resolve(n, attrs));
    for (const [n, attrs] of fixedAttrs) resolved.set(n, resolve(n, attrs));
  }
  rebuild();

  return {
    ownCarrier: spec.ownCarrier,
    lookup(msisdn) {
      const national = normalizeMsisdn(msisdn);
      if (national === null) return null;
      const pinned = resolved.get(national);
      return pinned !== undefined ? { ...pinned } : resolve(national);
    },
    override(msisdn, patch) {
      const national = normalizeMsisdn(msisdn);
      if (national === null) throw new NetworkError('NETWORK_ERR_BAD_MSISDN', `override: '${msisdn}' is not a Korean mobile number`);
      const parsed = fixedAttributesSchema.safeParse(patch);
      if (!parsed.success) {
        const issues = describeSpecIssues(parsed.error.issues);
        throw new NetworkError('NETWORK_ERR_BAD_OVERRIDE', `override ${national}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
      }
      const merged = mergePatch({ ...pinnedAttrs.get(national), ...fixedAttrs.get(national) }, parsed.data);
      const problem = portingProblem(merged);
      if (problem !== null) throw new NetworkError('NETWORK_ERR_BAD_OVERRIDE', `override ${national}: ${problem}`);
      fixedAttrs.set(national, merged);
      resolved.set(national, resolve(national, merged));
    },
    clearOverrides() {
      fixedAttrs.clear();
      rebuild();
    },
  };
}

/**
 * A later patch that moves a number out of 'ported' drops an inherited previous carrier, and one that
 * names a previous carrier without a reachability makes the number ported: the pair must agree.
 */
function mergePatch(base: FixedAttributes, patch: FixedAttributes): FixedAttributes {
  const merged: FixedAttributes = { ...base, ...patch };
  if (patch.reachability !== undefined && patch.reachability !== 'ported' && patch.portedFrom === undefined) merged.portedFrom = null;
  if (patch.portedFrom != null && patch.reachability === undefined) merged.reachability = 'ported';
  return merged;
}

function portingProblem(a: FixedAttributes): string | null {
  if (a.portedFrom == null) return null;
  if (a.reachability !== undefined && a.reachability !== 'ported') return `portedFrom needs reachability 'ported' (got '${a.reachability}')`;
  if (a.carrier !== undefined && a.portedFrom === a.carrier) return `cannot be ported from ${a.carrier}, the carrier that serves it`;
  return null;
}

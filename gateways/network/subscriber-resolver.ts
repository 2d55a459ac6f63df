// Compiles a network spec into one function: national number (+ fixed attributes) -> Subscriber.
// Every draw is a pure function of the number and the spec's seed, so the same number is the same
// subscriber in every run and every process, and the population still follows the rule weights.
import { fmix32, unitHash } from '../kit/rng.ts';
import { CARRIERS } from './subscriber.ts';
import type { Carrier, Device, Language, Reachability, Subscriber } from './subscriber.ts';
import { compileMsisdnPatterns } from './msisdn-pattern.ts';
import type { FixedAttributes, NetworkRule, NetworkSpec } from './network-schema.ts';

export type SubscriberResolver = (national: string, fixed?: FixedAttributes) => Subscriber;

/** What a number gets when no rule defines an attribute. */
export const ATTRIBUTE_DEFAULTS = {
  mvno: null,
  device: 'android',
  rcs: false,
  mms: true,
  reachability: 'on',
  language: 'ko',
} as const;

type Draw<T> = (u: number) => T;
type DeviceDraw<T> = (u: number, device: Device) => T;
/** Indexed by carrier (CARRIERS order); undefined where the rule says nothing for that carrier. */
type PerCarrier<T> = readonly (T | undefined)[];

interface CompiledRule {
  carrier?: Draw<Carrier>;
  mvno?: PerCarrier<Draw<string | null>>;
  device?: PerCarrier<Draw<Device>>;
  rcs?: PerCarrier<DeviceDraw<boolean>>;
  mms?: PerCarrier<DeviceDraw<boolean>>;
  reachability?: Draw<Reachability>;
  portedFrom?: PerCarrier<Draw<Carrier | null>>;
  language?: Draw<Language>;
}

const TWO_POW_32 = 4294967296;
const SLOT_ATTRIBUTES = ['carrier', 'mvno', 'device', 'rcs', 'mms', 'reachability', 'portedFrom', 'language'] as const;
const [CARRIER, MVNO, DEVICE, RCS, MMS, REACHABILITY, PORTED_FROM, LANGUAGE] = SLOT_ATTRIBUTES.map((_, i) => i);
const NO_FIXED: FixedAttributes = Object.freeze({});

// Lookups must stay above a million per second, so each rule is flattened to one array of draws:
// slot = attribute * 3 + carrier index (carrier-independent attributes fill all three).
type AnyDraw = (u: number, device: Device) => unknown;
type Slots = readonly (AnyDraw | undefined)[];

export function createSubscriberResolver(spec: NetworkSpec): SubscriberResolver {
  const rules = spec.rules.map((r) => ({ matches: compileMsisdnPatterns(r.match), slots: toSlots(compileRule(r)) }));
  const own = spec.ownCarrier;
  const seed = spec.seed;
  // One kit hash per lookup; each attribute then takes an independent-looking 32-bit variate mixed from
  // it with a per-attribute constant (kit's hash per attribute would cost ~8x more per lookup).
  const salt = SLOT_ATTRIBUTES.map((a) => toUint32(unitHash(a, seed)));
  const matched: Slots[] = new Array(rules.length);
  let matchedCount = 0;

  function draw(attribute: number, ci: number, base: number, device: Device): unknown {
    const slot = attribute * 3 + ci;
    for (let i = 0; i < matchedCount; i++) {
      const d = matched[i][slot];
      if (d !== undefined) return d(fmix32((base ^ salt[attribute]) >>> 0) / TWO_POW_32, device);
    }
    return undefined;
  }

  return (national, fixed = NO_FIXED) => {
    matchedCount = 0;
    for (let i = 0; i < rules.length; i++) if (rules[i].matches(national)) matched[matchedCount++] = rules[i].slots;
    const base = toUint32(unitHash(national, seed));

    const carrier = fixed.carrier ?? (draw(CARRIER, 0, base, 'android') as Carrier | undefined) ?? own;
    const ci = carrier === 'KT' ? 0 : carrier === 'SKT' ? 1 : 2;
    const mvno = fixed.mvno !== undefined ? fixed.mvno : ((draw(MVNO, ci, base, 'android') as string | null | undefined) ?? ATTRIBUTE_DEFAULTS.mvno);
    const device = fixed.device ?? (draw(DEVICE, ci, base, 'android') as Device | undefined) ?? ATTRIBUTE_DEFAULTS.device;
    const rcs = fixed.rcs ?? (draw(RCS, ci, base, device) as boolean | undefined) ?? ATTRIBUTE_DEFAULTS.rcs;
    const mms = fixed.mms ?? (draw(MMS, ci, base, device) as boolean | undefined) ?? ATTRIBUTE_DEFAULTS.mms;
    const reachability =
      fixed.reachability ??
      (fixed.portedFrom != null ? 'ported' : undefined) ??
      (draw(REACHABILITY, ci, base, device) as Reachability | undefined) ??
      ATTRIBUTE_DEFAULTS.reachability;
    let portedFrom: Carrier | null = null;
    if (reachability === 'ported') {
      portedFrom = fixed.portedFrom ?? (draw(PORTED_FROM, ci, base, device) as Carrier | null | undefined) ?? null;
      // A rule may fix a previous carrier that happens to be the current one; porting needs a change.
      if (portedFrom === null || portedFrom === carrier) portedFrom = otherCarrier(carrier, fmix32((base ^ salt[PORTED_FROM]) >>> 0) / TWO_POW_32);
    }
    const language = fixed.language ?? (draw(LANGUAGE, ci, base, device) as Language | undefined) ?? ATTRIBUTE_DEFAULTS.language;
    return { msisdn: national, carrier, mvno, device, rcs, mms, reachability, portedFrom, language };
  };
}

function toSlots(rule: CompiledRule): Slots {
  const slots: (AnyDraw | undefined)[] = new Array(SLOT_ATTRIBUTES.length * 3).fill(undefined);
  SLOT_ATTRIBUTES.forEach((attribute, a) => {
    const value = rule[attribute];
    for (let ci = 0; ci < CARRIERS.length; ci++) {
      slots[a * 3 + ci] = (Array.isArray(value) ? value[ci] : value) as AnyDraw | undefined;
    }
  });
  return slots;
}

function compileRule(rule: NetworkRule): CompiledRule {
  const out: CompiledRule = {};
  const set = rule.set ?? {};
  const everyCarrier = <T>(v: T): PerCarrier<T> => CARRIERS.map(() => v);

  if (set.carrier !== undefined) out.carrier = constant(set.carrier);
  else if (rule.carrier) out.carrier = picker(rule.carrier);

  if (set.mvno !== undefined) out.mvno = everyCarrier(constant(set.mvno));
  else if (rule.mvno) {
    const { share, brands } = rule.mvno;
    out.mvno = CARRIERS.map((c) => {
      const s = typeof share === 'number' ? share : (share[c] ?? 0);
      const list = brands?.[c];
      if (s <= 0 || list === undefined) return constant(null);
      const brand = picker(Array.isArray(list) ? Object.fromEntries(list.map((b) => [b, 1])) : list);
      // Below the share the number is an MVNO line; the same variate, rescaled, picks the brand.
      return (u: number) => (u < s ? brand(u / s) : null);
    });
  }

  if (set.device !== undefined) out.device = everyCarrier(constant(set.device));
  else if (rule.device) out.device = perCarrierOrFlat(rule.device, (w) => picker(w as Record<Device, number>));

  for (const key of ['rcs', 'mms'] as const) {
    const fixedValue = set[key];
    const shares = rule[key];
    if (fixedValue !== undefined) out[key] = everyCarrier(() => fixedValue);
    else if (shares) out[key] = perCarrierOrFlat(shares, (s) => (u: number, d: Device) => u < (s as Record<Device, number>)[d]);
  }

  if (set.reachability !== undefined) out.reachability = constant(set.reachability);
  else if (rule.reachability) out.reachability = picker(rule.reachability);

  if (set.portedFrom !== undefined) out.portedFrom = everyCarrier(constant(set.portedFrom));
  else if (rule.portedFrom) {
    const weights = rule.portedFrom;
    out.portedFrom = CARRIERS.map((current) => {
      const others = CARRIERS.filter((c) => c !== current && (weights[c] ?? 0) > 0);
      if (others.length === 0) return undefined;
      return picker(Object.fromEntries(others.map((c) => [c, weights[c]!])) as Record<Carrier, number>);
    });
  }

  if (set.language !== undefined) out.language = constant(set.language);
  else if (rule.language) out.language = picker(rule.language);
  return out;
}

/** `value` either has carrier keys (per-carrier form) or is itself the flat form for every carrier. */
function perCarrierOrFlat<T>(value: object, build: (flat: object) => T): PerCarrier<T> {
  const byCarrier = value as Partial<Record<Carrier, object>>;
  const isPerCarrier = CARRIERS.some((c) => byCarrier[c] !== undefined);
  if (!isPerCarrier) {
    const built = build(value);
    return CARRIERS.map(() => built);
  }
  return CARRIERS.map((c) => (byCarrier[c] === undefined ? undefined : build(byCarrier[c]!)));
}

function constant<T>(v: T): Draw<T> {
  return () => v;
}

/** Weighted choice from relative weights; u in [0,1). */
export function picker<K extends string>(weights: Partial<Record<K, number>>): Draw<K> {
  const entries = (Object.entries(weights) as [K, number | undefined][]).filter(([, w]) => (w ?? 0) > 0) as [K, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const values = entries.map(([k]) => k);
  const cum: number[] = [];
  let acc = 0;
  for (const [, w] of entries) cum.push((acc += w / total));
  const last = values.length - 1;
  return (u) => {
    for (let i = 0; i < last; i++) if (u < cum[i]) return values[i];
    return values[last];
  };
}

function otherCarrier(carrier: Carrier, u: number): Carrier {
  const others = CARRIERS.filter((c) => c !== carrier);
  return others[Math.min(others.length - 1, Math.floor(u * others.length))];
}

function toUint32(unit: number): number {
  return Math.floor(unit * TWO_POW_32) >>> 0;
}


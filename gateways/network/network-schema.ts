// The network file: which carrier is ours, pinned subscribers, and ordered rules that give every other
// number its attributes. Validation is strict (unknown fields are errors) because users write these by
// hand and scenarios embed them; the schema stays free of transforms so it exports to JSON Schema.
import { z } from 'zod';
import { parseDocument } from 'yaml';
import { CARRIERS, DEVICES, LANGUAGES, REACHABILITIES } from './subscriber.ts';
import { msisdnPatternProblem } from './msisdn-pattern.ts';
import { normalizeMsisdn } from './normalize-msisdn.ts';
import { describeSpecIssues, lineOfYamlError } from './describe-spec-issues.ts';
import type { SpecIssue } from './describe-spec-issues.ts';
import { NetworkError } from './network-errors.ts';

export const ATTRIBUTES = ['carrier', 'mvno', 'device', 'rcs', 'mms', 'reachability', 'portedFrom', 'language'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

const weight = z.number().min(0).finite();
const probability = z.number().min(0).max(1);

type Weights<K extends string> = Partial<Record<K, number>>;

/** Relative weights (need not sum to 1; they are normalised) over a fixed set of values. */
function weightsOf<const K extends string>(keys: readonly K[]) {
  const shape = Object.fromEntries(keys.map((k) => [k, weight.optional()]));
  return z
    .strictObject(shape as Record<K, z.ZodOptional<typeof weight>>)
    .refine((w) => Object.values(w as Record<string, number | undefined>).some((v) => (v ?? 0) > 0), {
      message: `at least one weight must be > 0 (keys: ${keys.join(', ')})`,
    });
}

const carrierWeights = weightsOf(CARRIERS);
const deviceWeights = weightsOf(DEVICES);
const reachabilityWeights = weightsOf(REACHABILITIES);
const languageWeights = weightsOf(LANGUAGES);

const shareByDevice = z.strictObject({ android: probability, ios: probability, feature: probability });

function perCarrier<T extends z.ZodType>(inner: T) {
  return { KT: inner.optional(), SKT: inner.optional(), 'LGU+': inner.optional() };
}

/** Keys of `value` that name a carrier, and those that do not (used to forbid mixing the two forms). */
function splitCarrierKeys(value: object): { carriers: string[]; others: string[] } {
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  return {
    carriers: keys.filter((k) => (CARRIERS as readonly string[]).includes(k)),
    others: keys.filter((k) => !(CARRIERS as readonly string[]).includes(k)),
  };
}

const mixedFormsMessage = 'use either the flat form (keys are values) or the per-carrier form (keys KT, SKT, LGU+), not both';

/** Device weights, flat (`{android, ios, feature}`) or per carrier (`{KT: {...}, SKT: {...}}`). */
const deviceSpec = z
  .strictObject({ android: weight.optional(), ios: weight.optional(), feature: weight.optional(), ...perCarrier(deviceWeights) })
  .superRefine((v, ctx) => {
    const { carriers, others } = splitCarrierKeys(v);
    if (carriers.length > 0 && others.length > 0) ctx.addIssue({ code: 'custom', message: mixedFormsMessage });
    else if (carriers.length === 0 && !others.some((k) => (v as Weights<string>)[k]! > 0)) {
      ctx.addIssue({ code: 'custom', message: 'at least one weight must be > 0 (keys: android, ios, feature)' });
    }
  });

/** Share of handsets with a capability by device, flat or per carrier. */
const capabilitySpec = z
  .strictObject({ android: probability.optional(), ios: probability.optional(), feature: probability.optional(), ...perCarrier(shareByDevice) })
  .superRefine((v, ctx) => {
    const { carriers, others } = splitCarrierKeys(v);
    if (carriers.length > 0 && others.length > 0) ctx.addIssue({ code: 'custom', message: mixedFormsMessage });
    else if (carriers.length === 0) {
      for (const d of DEVICES) {
        if (v[d] === undefined) ctx.addIssue({ code: 'custom', path: [d], message: `share for '${d}' is required (0..1)` });
      }
    }
  });

const brandList = z.union([
  z.array(z.string().min(1)).min(1),
  z.record(z.string().min(1), weight).refine((w) => Object.values(w).some((v) => v > 0), { message: 'at least one brand weight must be > 0' }),
]);

const mvnoSpec = z
  .strictObject({
    /** Chance that a subscriber of the carrier is on one of its MVNO brands (one number, or per carrier). */
    share: z.union([probability, z.strictObject(perCarrier(probability))]),
    brands: z.strictObject(perCarrier(brandList)).optional(),
  })
  .superRefine((v, ctx) => {
    for (const c of CARRIERS) {
      const share = typeof v.share === 'number' ? v.share : (v.share?.[c] ?? 0);
      if (share > 0 && v.brands?.[c] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['brands', c], message: `${c} has an MVNO share > 0, so it needs brands` });
      }
    }
  });

/** Attribute values given outright: a rule's `set`, a pinned number, an override. */
export const fixedAttributesSchema = z.strictObject({
  carrier: z.enum(CARRIERS).optional(),
  mvno: z.string().min(1).nullable().optional(),
  device: z.enum(DEVICES).optional(),
  rcs: z.boolean().optional(),
  mms: z.boolean().optional(),
  reachability: z.enum(REACHABILITIES).optional(),
  portedFrom: z.enum(CARRIERS).nullable().optional(),
  language: z.enum(LANGUAGES).optional(),
});
export type FixedAttributes = z.infer<typeof fixedAttributesSchema>;

function checkPorting(v: FixedAttributes, ctx: z.RefinementCtx, path: (string | number)[]): void {
  if (v.portedFrom != null && v.carrier !== undefined && v.portedFrom === v.carrier) {
    ctx.addIssue({ code: 'custom', path: [...path, 'portedFrom'], message: `a number cannot be ported from the carrier that serves it (${v.carrier})` });
  }
  if (v.portedFrom != null && v.reachability !== undefined && v.reachability !== 'ported') {
    ctx.addIssue({ code: 'custom', path: [...path, 'portedFrom'], message: `portedFrom needs reachability 'ported' (got '${v.reachability}')` });
  }
}

const msisdnPattern = z.string().superRefine((p, ctx) => {
  const problem = msisdnPatternProblem(p);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

const networkRule = z
  .strictObject({
    match: z.union([msisdnPattern, z.array(msisdnPattern).min(1)]),
    /** Free text shown in tooling; no effect. */
    note: z.string().optional(),
    set: fixedAttributesSchema.optional(),
    carrier: carrierWeights.optional(),
    mvno: mvnoSpec.optional(),
    device: deviceSpec.optional(),
    rcs: capabilitySpec.optional(),
    mms: capabilitySpec.optional(),
    reachability: reachabilityWeights.optional(),
    /** Weights over the previous carrier of a ported number; the current carrier is left out. */
    portedFrom: carrierWeights.optional(),
    language: languageWeights.optional(),
  })
  .superRefine((rule, ctx) => {
    let defines = 0;
    for (const a of ATTRIBUTES) {
      const fixed = rule.set?.[a] !== undefined;
      if (fixed || rule[a] !== undefined) defines++;
      if (fixed && rule[a] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [a], message: `'${a}' is both fixed in 'set' and weighted here; keep one` });
      }
    }
    if (defines === 0) ctx.addIssue({ code: 'custom', message: 'rule defines no attribute (give set: {...} or weights)' });
    if (rule.set !== undefined) checkPorting(rule.set, ctx, ['set']);
  });
export type NetworkRule = z.infer<typeof networkRule>;

export const networkSpecSchema = z
  .strictObject({
    version: z.literal(1),
    /** The operator whose platform msgsim models; its RCS and gateways reach only its own subscribers. */
    ownCarrier: z.enum(CARRIERS).default('KT'),
    /** Salt for the per-number hash: another seed draws another population from the same weights. */
    seed: z.string().default('msgsim'),
    /** Numbers with fixed attributes, keyed by number (any accepted spelling); beat every rule. */
    pinned: z.record(z.string(), fixedAttributesSchema).default({}),
    /** Ordered; for each attribute the first matching rule that defines it wins. */
    rules: z.array(networkRule).default([]),
  })
  .superRefine((spec, ctx) => {
    const seen = new Map<string, string>();
    for (const [key, attrs] of Object.entries(spec.pinned)) {
      const national = normalizeMsisdn(key);
      if (national === null) {
        ctx.addIssue({ code: 'custom', path: ['pinned', key], message: `'${key}' is not a Korean mobile number` });
        continue;
      }
      const dup = seen.get(national);
      if (dup !== undefined) ctx.addIssue({ code: 'custom', path: ['pinned', key], message: `same number as '${dup}'` });
      seen.set(national, key);
      checkPorting(attrs, ctx, ['pinned', key]);
    }
  });

export type NetworkSpecInput = z.input<typeof networkSpecSchema>;
export type NetworkSpec = z.output<typeof networkSpecSchema>;

/** Validate a spec already in memory (e.g. embedded in a scenario); throws NETWORK_ERR_INVALID. */
export function parseNetworkSpec(value: unknown, source = 'network spec'): NetworkSpec {
  return validate(value, source, (issues) => describeSpecIssues(issues));
}

/** Parse and validate network YAML; issues carry the YAML line. Throws NETWORK_ERR_YAML / NETWORK_ERR_INVALID. */
export function parseNetworkYaml(text: string, source = 'network file'): NetworkSpec {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = lineOfYamlError(first);
    const where = line === undefined ? '' : ` (line ${line})`;
    throw new NetworkError('NETWORK_ERR_YAML', `${source}: not valid YAML${where}: ${first.message.split('\n')[0]}`, {
      issues: [{ path: '', message: first.message, ...(line === undefined ? {} : { line }) }],
    });
  }
  return validate(doc.toJS(), source, (issues) => describeSpecIssues(issues, doc, text));
}

function validate(value: unknown, source: string, describe: (issues: z.core.$ZodIssue[]) => SpecIssue[]): NetworkSpec {
  const result = networkSpecSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = describe(result.error.issues);
  const lines = issues.map((i) => `  ${i.path || '(root)'}${i.line === undefined ? '' : ` (line ${i.line})`}: ${i.message}`);
  throw new NetworkError('NETWORK_ERR_INVALID', `${source} is invalid:\n${lines.join('\n')}`, { issues });
}

// The ONE schema for every simulator's behaviour file. Output is normalised (defaults filled, durations
// in ms, `tps` as { rate, burst }, outage `duration` folded into `end`) and is itself valid input, so a
// parsed Behaviour can be re-parsed, served back by the admin API or written out again.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { REJECT_REASONS, REPORT_OUTCOMES } from './canonical-reason.ts';
import { CARRIERS, DEVICES, LANGUAGES, REACHABILITIES } from '../network/subscriber.ts';
import { parseDuration } from './duration.ts';
import { KitError } from './kit-errors.ts';
import { parseBehaviourText, validationError } from './behaviour-issues.ts';
import { isRegexLiteral, parseRegexLiteral } from './pattern.ts';

export const FAULTS = ['drop-connection', 'no-response', 'corrupt', 'silent'] as const;
export const OUTAGE_MODES = ['refuse', 'blackhole', 'slow'] as const;

const ms = z.number().nonnegative();

export const latencySchema = z.union(
  [
    ms,
    z.strictObject({ fixed: ms }),
    z.strictObject({
      uniform: z.strictObject({ min: ms, max: ms }).refine((u) => u.min <= u.max, { message: 'min must be <= max', path: ['max'] }),
    }),
    z.strictObject({ normal: z.strictObject({ mean: ms, sd: ms }) }),
    z.strictObject({
      lognormal: z
        .strictObject({ median: z.number().positive(), p99: z.number().positive(), max: z.number().positive().optional() })
        .refine((l) => l.p99 >= l.median, { message: 'p99 must be >= median', path: ['p99'] })
        .refine((l) => l.max === undefined || l.max >= l.p99, { message: 'max must be >= p99', path: ['max'] }),
    }),
  ],
  { error: 'expected latency in ms: a number or one of { fixed }, { uniform: { min, max } }, { normal: { mean, sd } }, { lognormal: { median, p99, max? } }' },
);

const durationSchema = z.union([z.number(), z.string()], { error: "expected a duration such as '90s', '10m', '24h' or a number of ms" }).transform((v, ctx) => {
  try {
    return parseDuration(v);
  } catch (e) {
    ctx.issues.push({ code: 'custom', message: (e as Error).message, input: v });
    return z.NEVER;
  }
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A duration (offset from model creation, output as ms) or an ISO instant with offset (kept as text). */
const momentSchema = z.union([z.number(), z.string()], { error: "expected an offset such as '10m' or an ISO timestamp with offset" }).transform((v, ctx) => {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) {
    if (ISO_INSTANT.test(v) && Number.isFinite(Date.parse(v))) return v;
    ctx.issues.push({ code: 'custom', message: `bad timestamp '${v}': use ISO 8601 with an offset, e.g. 2026-11-20T12:00:00+09:00`, input: v });
    return z.NEVER;
  }
  try {
    return parseDuration(v);
  } catch (e) {
    ctx.issues.push({ code: 'custom', message: (e as Error).message, input: v });
    return z.NEVER;
  }
});

const patternText = (what: 'glob' | 'regex') =>
  z
    .string({
      error: (iss) =>
        typeof iss.input === 'number'
          ? 'quote number patterns: YAML reads an unquoted 0109999 as a number and drops the leading 0'
          : `expected a ${what === 'glob' ? "glob ('0109*') or /regex/" : 'regex'} string`,
    })
    .min(1)
    .superRefine((p, ctx) => {
      if (what === 'glob' && !isRegexLiteral(p)) return;
      try {
        parseRegexLiteral(p);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: `bad regex ${p}: ${(e as Error).message}` });
      }
    });

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const clockTime = z.string().regex(HH_MM, { message: "expected a time of day 'HH:MM' (00:00-23:59)" });

const subscriberPredicate = z.strictObject({
  known: z.boolean().optional(),
  carrier: oneOrMany(z.enum(CARRIERS)).optional(),
  mvno: oneOrMany(z.string().nullable()).optional(),
  device: oneOrMany(z.enum(DEVICES)).optional(),
  rcs: z.boolean().optional(),
  mms: z.boolean().optional(),
  reachability: oneOrMany(z.enum(REACHABILITIES)).optional(),
  language: oneOrMany(z.enum(LANGUAGES)).optional(),
});

export const whenSchema = z.strictObject({
  operation: oneOrMany(z.string().min(1)).optional(),
  account: oneOrMany(patternText('glob')).optional(),
  source: oneOrMany(patternText('glob')).optional(),
  destination: oneOrMany(patternText('glob')).optional(),
  content: oneOrMany(patternText('regex')).optional(),
  subscriber: subscriberPredicate.optional(),
  time: z
    .strictObject({ from: clockTime, to: clockTime })
    .refine((t) => t.from !== t.to, { message: 'from and to must differ (an empty or whole-day window is ambiguous)', path: ['to'] })
    .optional(),
  probability: z.number().min(0).max(1).optional(),
});

export const thenSchema = z.union(
  [z.literal('accept', { error: "expected 'accept', { reject: <reason> } or { fault: drop-connection|no-response|corrupt|silent }" }), z.strictObject({ reject: z.enum(REJECT_REASONS) }), z.strictObject({ fault: z.enum(FAULTS) })],
  { error: "expected 'accept', { reject: <reason> } or { fault: drop-connection|no-response|corrupt|silent }" },
);

const outcomeWeights = z
  .strictObject(Object.fromEntries(REPORT_OUTCOMES.map((o) => [o, z.number().nonnegative().optional()])) as Record<(typeof REPORT_OUTCOMES)[number], z.ZodOptional<z.ZodNumber>>)
  .refine((w) => Object.values(w).some((v) => (v ?? 0) > 0), { message: 'at least one outcome needs a weight > 0' });

const perOutcomeDelay = z.strictObject(
  Object.fromEntries([...REPORT_OUTCOMES, 'default'].map((o) => [o, latencySchema.optional()])) as Record<(typeof REPORT_OUTCOMES)[number] | 'default', z.ZodOptional<typeof latencySchema>>,
);

const reportDelay = z.union([latencySchema, perOutcomeDelay], {
  error: 'expected a latency spec or a map of outcome -> latency spec (delivered, undeliverable, expired, rejected, unknown, default)',
});

export const DEFAULT_REPORT_DELAY = { lognormal: { median: 3000, p99: 30000 } } as const;

const reportPlan = z.strictObject({
  outcomes: outcomeWeights.prefault({ delivered: 1 }),
  delay: reportDelay.prefault(DEFAULT_REPORT_DELAY),
  defaultValidity: durationSchema.prefault('24h'),
});

const reportOverride = z.union([z.literal(false), z.strictObject({ outcomes: outcomeWeights.optional(), delay: reportDelay.optional(), defaultValidity: durationSchema.optional() })], {
  error: 'expected false (no report) or { outcomes?, delay?, defaultValidity? }',
});

export const ruleSchema = z.strictObject({
  name: z.string().min(1).optional(),
  when: whenSchema.optional(),
  then: thenSchema.default('accept'),
  latency: latencySchema.optional(),
  reports: reportOverride.optional(),
});

const positiveInt = z.number().int().positive();

const limitsSchema = z.strictObject({
  tps: z
    .union([z.number().positive(), z.strictObject({ rate: z.number().positive(), burst: z.number().min(1).optional() })], {
      error: 'expected a rate per second or { rate, burst }',
    })
    .transform((t) => (typeof t === 'number' ? { rate: t } : t))
    .optional(),
  window: positiveInt.optional(),
  sessionsPerAccount: positiveInt.optional(),
  queue: z.number().int().nonnegative().optional(),
});

const outageSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    start: momentSchema,
    end: momentSchema.optional(),
    duration: durationSchema.optional(),
    mode: z.enum(OUTAGE_MODES),
    latency: latencySchema.optional(),
  })
  .superRefine((o, ctx) => {
    if (o.end !== undefined && o.duration !== undefined) ctx.addIssue({ code: 'custom', message: 'give end or duration, not both', path: ['duration'] });
    if (o.mode === 'slow' && o.latency === undefined) ctx.addIssue({ code: 'custom', message: "mode 'slow' needs a latency", path: ['latency'] });
    if (o.mode !== 'slow' && o.latency !== undefined) ctx.addIssue({ code: 'custom', message: "latency only applies to mode 'slow'", path: ['latency'] });
    if (o.end !== undefined && typeof o.start === typeof o.end) {
      const a = typeof o.start === 'number' ? o.start : Date.parse(o.start);
      const b = typeof o.end === 'number' ? o.end : Date.parse(o.end);
      if (b <= a) ctx.addIssue({ code: 'custom', message: 'end must be after start', path: ['end'] });
    }
  })
  .transform(({ duration, ...o }) => {
    if (duration === undefined) return o;
    const end = typeof o.start === 'number' ? o.start + duration : shiftInstant(o.start, duration);
    return { ...o, end };
  });

/** `iso` moved by `ms`, written with the same UTC offset as `iso` so the file still reads naturally. */
function shiftInstant(iso: string, ms: number): string {
  const offset = /(Z|[+-]\d{2}:?\d{2})$/.exec(iso)?.[1] ?? 'Z';
  const offsetMin = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2)));
  const local = new Date(Date.parse(iso) + ms + offsetMin * 60_000).toISOString().replace(/\.000Z$|Z$/, '');
  return local + offset;
}

const timezoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'unknown IANA time zone (e.g. Asia/Seoul, UTC)' },
);

export const behaviourSchema = z.strictObject({
  version: z.literal(1, { error: 'version must be 1' }),
  name: z.string().optional(),
  description: z.string().optional(),
  timezone: timezoneSchema.default('Asia/Seoul'),
  latency: latencySchema.default(0),
  rules: z
    .array(ruleSchema)
    .default([])
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.forEach((r, i) => {
        if (r.name === undefined) return;
        if (seen.has(r.name)) ctx.addIssue({ code: 'custom', message: `duplicate rule name '${r.name}'`, path: [i, 'name'] });
        seen.add(r.name);
      });
    }),
  reports: reportPlan.prefault({}),
  limits: limitsSchema.prefault({}),
  outages: z.array(outageSchema).default([]),
});

export type Behaviour = z.infer<typeof behaviourSchema>;
export type BehaviourRule = Behaviour['rules'][number];
export type ReportPlanSpec = Behaviour['reports'];
export type ScheduledOutageSpec = Behaviour['outages'][number];

/** Validates a behaviour: a string is YAML (or JSON) text, anything else an already-parsed value. */
export function parseBehaviour(input: string | unknown, source = 'behaviour'): Behaviour {
  const doc = typeof input === 'string' ? parseBehaviourText(input, source) : { value: input, locate: undefined };
  const result = behaviourSchema.safeParse(doc.value);
  if (!result.success) throw validationError(result.error.issues, doc.value, source, doc.locate);
  return result.data;
}

export function loadBehaviourFile(path: string): Behaviour {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new KitError('KIT_ERR_BEHAVIOUR_FILE', `cannot read behaviour file ${path}: ${(e as Error).message}`, { cause: e });
  }
  return parseBehaviour(text, path);
}

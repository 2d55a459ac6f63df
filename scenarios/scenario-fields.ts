// The small field types every scenario section uses: durations and offsets on the scenario clock, ISO
// instants, recipients (a number or a well-known subscriber's name), sizes, strict objects whose
// unknown-key message lists what is allowed. Input shapes stay JSON-Schema friendly (strings with
// patterns, enums); outputs are normalised (ms, epoch ms, national numbers).
import { z } from 'zod';
import { parseDuration } from '../gateways/kit/duration.ts';
import { KNOWN_SUBSCRIBERS } from '../gateways/network/known-subscribers.ts';
import type { KnownSubscriberName } from '../gateways/network/known-subscribers.ts';
import { UNKNOWN_KEY } from './scenario-issues.ts';

/** A strict object whose unknown-key error names the key and the fields it takes. */
export function strictShape<T extends z.core.$ZodLooseShape>(shape: T, what = 'field') {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown ${what} '${UNKNOWN_KEY}' (expected one of: ${allowed})` : undefined),
  });
}

const DURATION_TEXT = /^\s*(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+\s*$/;

/** A span of time with a unit ('250ms', '90s', '5m', '1h30m', '1d'); output ms. */
export const durationField = z
  .string({
    error: (iss) =>
      typeof iss.input === 'number'
        ? `write a duration with its unit, e.g. '${iss.input}s' or '${iss.input}ms' (a bare number is ambiguous)`
        : "expected a duration such as '90s', '5m' or '1h30m'",
  })
  .regex(DURATION_TEXT, { error: (iss) => `bad duration '${String(iss.input)}': expected e.g. '250ms', '90s', '10m', '2h', '1d', '1h30m'` })
  .transform((v) => parseDuration(v.trim()))
  .meta({ id: 'ScenarioDuration' });

/** A moment on the scenario clock, as an offset from its start ('0s', '5m'); output ms. */
export const offsetField = durationField;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const isoText = z
  .string({ error: 'expected an ISO 8601 time with its UTC offset, e.g. 2026-11-20T20:50:00+09:00' })
  .regex(ISO_WITH_OFFSET, {
    error: (iss) => `bad time '${String(iss.input)}': expected ISO 8601 with its UTC offset, e.g. 2026-11-20T20:50:00+09:00`,
  })
  .refine((v) => Number.isFinite(Date.parse(v)), { error: (iss) => `bad time '${String(iss.input)}': no such date or time` });

/** An absolute instant with its UTC offset; output epoch ms. */
export const instantField = isoText.transform((v) => Date.parse(v));

export type When = { offset: number } | { instant: number };

/** An offset on the scenario clock or an absolute instant. */
export const whenField = z.union([durationField.transform((offset): When => ({ offset })), isoText.transform((v): When => ({ instant: Date.parse(v) }))], {
  error: "expected an offset such as '10m' or an ISO time with its UTC offset, e.g. 2026-11-20T21:30:00+09:00",
});

const KNOWN_NAMES = Object.keys(KNOWN_SUBSCRIBERS) as [KnownSubscriberName, ...KnownSubscriberName[]];
const NUMBER_TEXT = /^\+?\d[\d .-]*$/;

/** A recipient: a number as a sender writes it, or a well-known subscriber's name; output the number. */
export const recipientField = z.union(
  [
    z.enum(KNOWN_NAMES).transform((name) => KNOWN_SUBSCRIBERS[name] as string),
    z.string().regex(NUMBER_TEXT, {
      error: (iss) => `'${String(iss.input)}' is neither a phone number nor a known subscriber (${KNOWN_NAMES.join(', ')})`,
    }),
  ],
  {
    error: (iss) =>
      typeof iss.input === 'number'
        ? "quote numbers: YAML reads an unquoted 01012340001 as a number and drops the leading 0"
        : `expected a phone number ('01012340001') or a known subscriber (${KNOWN_NAMES.join(', ')})`,
  },
).meta({ id: 'ScenarioRecipient' });

export const knownSubscriberField = z.enum(KNOWN_NAMES, {
  error: (iss) => `unknown subscriber '${String(iss.input)}' (known: ${KNOWN_NAMES.join(', ')})`,
});

/** A sender (callback) number; quoted, as YAML would drop its leading 0. */
export const senderField = z
  .string({ error: (iss) => (typeof iss.input === 'number' ? "quote numbers: YAML reads an unquoted 0212345678 as a number and drops the leading 0" : 'expected a sender number') })
  .regex(NUMBER_TEXT, { error: (iss) => `'${String(iss.input)}' is not a phone number` });

const SIZE_TEXT = /^\s*\d+(\.\d+)?\s*(B|KB|MB)\s*$/i;
const SIZE_UNIT: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** A byte size: an integer or '300KB' / '1.5MB' (1 KB = 1024 bytes); output bytes. */
export const sizeField = z
  .union([z.int().positive(), z.string().regex(SIZE_TEXT)], { error: "expected a size: bytes, or e.g. '300KB', '1MB'" })
  .transform((v) => {
    if (typeof v === 'number') return v;
    const m = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB)\s*$/i.exec(v) as RegExpExecArray;
    return Math.round(Number(m[1]) * SIZE_UNIT[m[2].toLowerCase()]);
  });

export const positiveInt = z.int({ error: 'expected a positive integer' }).positive({ error: 'expected a positive integer' });
export const nonNegativeInt = z.int({ error: 'expected an integer >= 0' }).nonnegative({ error: 'expected an integer >= 0' });
export const share = z.number({ error: 'expected a share between 0 and 1' }).min(0, { error: 'expected a share between 0 and 1' }).max(1, { error: 'expected a share between 0 and 1' });
export const weightField = z.number({ error: 'expected a weight > 0' }).positive({ error: 'expected a weight > 0' });

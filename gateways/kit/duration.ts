// Durations as people write them in behaviour files and admin requests.

import { KitError } from './kit-errors.ts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
// One or more <number><unit> parts, e.g. '90s', '1h30m', '1.5s'.
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/** Milliseconds for '250ms', '90s', '10m', '2h', '1d', '1h30m'; a number is already ms. */
export function parseDuration(v: string | number): number {
  if (typeof v === 'number') {
    if (Number.isFinite(v) && v >= 0) return v;
    throw new KitError('KIT_ERR_BAD_DURATION', `duration must be a non-negative number of ms, got ${v}`);
  }
  if (typeof v !== 'string') {
    throw new KitError('KIT_ERR_BAD_DURATION', `duration must be a string or a number, got ${typeof v}`);
  }
  const text = v.trim();
  if (!WHOLE.test(text)) {
    const hint = /^\d+(\.\d+)?$/.test(text) ? ' (a string needs a unit; write a bare number for ms)' : '';
    throw new KitError(
      'KIT_ERR_BAD_DURATION',
      `bad duration '${v}': expected e.g. '250ms', '90s', '10m', '2h', '1d'${hint}`,
    );
  }
  let total = 0;
  for (const m of text.matchAll(PART)) total += Number(m[1]) * UNIT_MS[m[2]];
  return total;
}

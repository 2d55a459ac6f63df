// Wall-clock time in an IANA zone (receipt dates are rendered in the SMSC's zone, Asia/Seoul by default).
// Intl is slow enough to matter at receipt rates, so the zone offset is cached per zone and hour.

export interface WallClock { year: number; month: number; day: number; hour: number; minute: number; second: number }

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();
const HOUR = 3_600_000;

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of the zone from UTC at an instant, in ms (Asia/Seoul: +9h). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  // Offsets change only on whole hours in every zone we care about, so an hour bucket is a safe key.
  const key = `${timeZone}|${Math.floor(epochMs / HOUR)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offset = asUtc - Math.floor(epochMs / 1000) * 1000;
  if (offsetCache.size > 10_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

export function zonedWallClock(epochMs: number, timeZone: string): WallClock {
  const d = new Date(epochMs + zoneOffsetMs(epochMs, timeZone));
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
  };
}

/** The instant a wall-clock time names in the zone (the earlier one if a DST change makes it ambiguous). */
export function zonedTimeToEpoch(w: WallClock, timeZone: string): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  let at = asUtc - zoneOffsetMs(asUtc, timeZone);
  at = asUtc - zoneOffsetMs(at, timeZone);
  return at;
}

// SMPP 3.4 time fields (§7.1.1): absolute 'YYMMDDhhmmsstnnp' (t tenths, nn quarter-hours from UTC,
// p '+' ahead of / '-' behind UTC) and relative 'YYMMDDhhmmss000R'. Empty means "not set".

export type SmppTime =
  | { kind: 'absolute'; at: number }
  | { kind: 'relative'; ms: number; at: number }
  | { kind: 'none' }
  | { kind: 'invalid' };

const SHAPE = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d)(\d{2})([-+R])$/;
const QUARTER_HOUR = 15 * 60_000;

/** Parses a time field; relative times are resolved against `now` (epoch ms). Years are read as 20YY. */
export function parseSmppTime(s: string, now: number): SmppTime {
  if (s === '') return { kind: 'none' };
  const m = SHAPE.exec(s);
  if (!m) return { kind: 'invalid' };
  const [yy, mo, dd, hh, mi, ss, t, nn] = m.slice(1, 9).map(Number);
  const p = m[9];
  if (p === 'R') {
    // Relative fields are durations, so month 00 and day 31 are both fine; 'tnn' is 000 by definition.
    if (t !== 0 || nn !== 0) return { kind: 'invalid' };
    const base = new Date(now);
    const at = Date.UTC(
      base.getUTCFullYear() + yy, base.getUTCMonth() + mo, base.getUTCDate() + dd,
      base.getUTCHours() + hh, base.getUTCMinutes() + mi, base.getUTCSeconds() + ss, base.getUTCMilliseconds(),
    );
    return { kind: 'relative', ms: at - now, at };
  }
  const year = 2000 + yy;
  const daysInMonth = new Date(Date.UTC(year, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || dd < 1 || dd > daysInMonth || hh > 23 || mi > 59 || ss > 59 || nn > 48) return { kind: 'invalid' };
  const local = Date.UTC(year, mo - 1, dd, hh, mi, ss, t * 100);
  const offset = nn * QUARTER_HOUR * (p === '+' ? 1 : -1);
  return { kind: 'absolute', at: local - offset };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Absolute time in the given offset (quarter hours east of UTC, -48..48; Korea is +36). */
export function formatSmppAbsolute(epochMs: number, tzQuarterHours = 0): string {
  if (!Number.isInteger(tzQuarterHours) || Math.abs(tzQuarterHours) > 48) throw new RangeError(`tzQuarterHours ${tzQuarterHours} is not -48..48`);
  const d = new Date(epochMs + tzQuarterHours * QUARTER_HOUR);
  return (
    pad2(d.getUTCFullYear() % 100) + pad2(d.getUTCMonth() + 1) + pad2(d.getUTCDate()) +
    pad2(d.getUTCHours()) + pad2(d.getUTCMinutes()) + pad2(d.getUTCSeconds()) +
    String(Math.floor(d.getUTCMilliseconds() / 100)) + pad2(Math.abs(tzQuarterHours)) + (tzQuarterHours < 0 ? '-' : '+')
  );
}

/** Relative time 'YYMMDDhhmmss000R' for a duration, expressed in days/hours/minutes/seconds (no months/years). */
export function formatSmppRelative(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`relative time ${ms} must be a non-negative number of ms`);
  let s = Math.floor(ms / 1000);
  const days = Math.floor(s / 86_400);
  if (days > 99) throw new RangeError('relative time over 99 days does not fit the DD field');
  s -= days * 86_400;
  const hh = Math.floor(s / 3600);
  const mi = Math.floor((s % 3600) / 60);
  return `0000${pad2(days)}${pad2(hh)}${pad2(mi)}${pad2(s % 60)}000R`;
}

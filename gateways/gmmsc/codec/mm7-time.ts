// MM7 time values (ExpiryDate, EarliestDeliveryTime, ReplyDeadline): an xs:dateTime, or a relative
// xs:duration such as P1D or PT30M counted from now. A dateTime without a zone is read as UTC.

const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** Epoch ms the value names, or null when it is neither an xs:dateTime nor an xs:duration. */
export function parseMm7Time(value: string, now: number): number | null {
  const v = value.trim();
  const d = DURATION.exec(v);
  if (d) {
    const n = (i: number) => Number(d[i] ?? 0);
    // Years and months are taken as 365 and 30 days: exact calendars do not matter for validity.
    const days = n(1) * 365 + n(2) * 30 + n(3) * 7 + n(4);
    return now + ((days * 24 + n(5)) * 60 + n(6)) * 60_000 + Math.round(n(7) * 1000);
  }
  if (DATE_TIME.test(v)) {
    const at = Date.parse(/Z|[+-]\d{2}:\d{2}$/.test(v) ? v : v + 'Z');
    return Number.isFinite(at) ? at : null;
  }
  return null;
}

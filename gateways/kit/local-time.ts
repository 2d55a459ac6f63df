// Minute of the day in a time zone, for time-window rules ('21:00'-'08:00' in Asia/Seoul).
// Intl formatting costs microseconds, so the answer is cached per epoch minute: zone offsets only
// change on minute boundaries, which makes the cache exact.

export type MinuteOfDay = (epochMs: number) => number;

export function createMinuteOfDay(timeZone: string): MinuteOfDay {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
  let cachedMinute = Number.NaN;
  let cachedValue = 0;
  return (epochMs) => {
    const minute = Math.floor(epochMs / 60_000);
    if (minute !== cachedMinute) {
      let h = 0;
      let m = 0;
      for (const part of fmt.formatToParts(epochMs)) {
        if (part.type === 'hour') h = Number(part.value) % 24;
        else if (part.type === 'minute') m = Number(part.value);
      }
      cachedMinute = minute;
      cachedValue = h * 60 + m;
    }
    return cachedValue;
  };
}

/** 'HH:MM' -> minutes since midnight. */
export function parseClockTime(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** [from, to) in minutes of the day; wraps midnight when from > to. */
export function inWindow(minute: number, from: number, to: number): boolean {
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

// The Korean night rule for advertisements (정보통신망법 제50조; protocols.md §5.3): an ad sent between
// 21:00 and 08:00 needs a separate prior consent the engine cannot know about, so an ad that would be
// sent inside the window is held until the window ends (or blocked, per config). Non-ads always send.
// A scheduled message is judged at the time it will be sent, not when it was accepted.
//
// Korea has one zone and no daylight saving: KST is UTC+9 all year, so Asia/Seoul needs no time-zone
// database and does not depend on the machine's TZ. Another zone (for tests of foreign setups) is read
// through Intl, with the zone offset taken at the send time.
import type { EngineConfig } from '../engine-config.ts';
import { EngineError } from '../engine-errors.ts';
import type { MessageRequest } from '../message.ts';

export type AdDecision = { action: 'send' } | { action: 'hold'; until: number } | { action: 'block'; code: 'ENGINE_ERR_AD_BLOCKED' };

export interface AdPolicy {
  /** What to do with `req` if it were sent at `now` (or at its sendAt when that is later). */
  check(req: Pick<MessageRequest, 'ad' | 'priority' | 'sendAt'>, now: number): AdDecision;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const KST_OFFSET = 9 * 3_600_000;
const KST_ZONES: ReadonlySet<string> = new Set(['Asia/Seoul', 'KST', 'ROK', 'UTC+9', 'UTC+09:00', '+09:00']);
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const SEND: AdDecision = Object.freeze({ action: 'send' });
const BLOCK: AdDecision = Object.freeze({ action: 'block', code: 'ENGINE_ERR_AD_BLOCKED' });

function minutes(value: string, field: string): number {
  const m = HHMM.exec(value);
  if (m === null) throw new EngineError('ENGINE_ERR_CONFIG', `compliance.adNightWindow.${field} must be HH:MM (00:00-23:59), got ${JSON.stringify(value)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function zoneOffset(timeZone: string): (at: number) => number {
  if (KST_ZONES.has(timeZone)) return () => KST_OFFSET;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  } catch (e) {
    throw new EngineError('ENGINE_ERR_CONFIG', `compliance.timezone ${JSON.stringify(timeZone)} is not a time zone`, { cause: e });
  }
  return (at) => {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
    return wall - (at - (at % 1000));
  };
}

export function createAdPolicy(config: EngineConfig['compliance']): AdPolicy {
  const start = minutes(config.adNightWindow.start, 'start') * MINUTE;
  const end = minutes(config.adNightWindow.end, 'end') * MINUTE;
  const block = config.adNightWindow.action === 'block';
  const offsetAt = zoneOffset(config.timezone);

  const inWindow = (msOfDay: number): boolean => (start < end ? msOfDay >= start && msOfDay < end : msOfDay >= start || msOfDay < end);

  return {
    check(req, now) {
      if (req.ad !== true || start === end) return SEND;
      const sendAt = req.priority === 'scheduled' && typeof req.sendAt === 'number' && Number.isFinite(req.sendAt) && req.sendAt > now ? req.sendAt : now;
      const offset = offsetAt(sendAt);
      const local = sendAt + offset;
      const msOfDay = ((local % DAY) + DAY) % DAY;
      if (!inWindow(msOfDay)) return SEND;
      if (block) return BLOCK;
      // The end of this window: today's end time when it is still ahead, else tomorrow's.
      let untilLocal = local - msOfDay + end;
      if (untilLocal <= local) untilLocal += DAY;
      return { action: 'hold', until: untilLocal - offset };
    },
  };
}

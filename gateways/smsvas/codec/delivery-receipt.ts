// SMSC delivery receipt text (SMPP 3.4 Appendix B; protocols.md §1.4) and the message_state values.
// The spec calls the format vendor-specific; this is the "typical" form nearly every ESME parses:
// id:IIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:EEE text:...
import { zonedTimeToEpoch, zonedWallClock } from './zoned-time.ts';

export const MESSAGE_STATE = {
  ENROUTE: 1,
  DELIVERED: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIVERABLE: 5,
  ACCEPTED: 6,
  UNKNOWN: 7,
  REJECTED: 8,
} as const;

export const RECEIPT_STATS = ['ENROUTE', 'DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'ACCEPTD', 'UNKNOWN', 'REJECTD'] as const;
export type ReceiptStat = (typeof RECEIPT_STATS)[number];

/** stat text for a message_state; an undefined state reads as 'UNKNOWN'. */
export function statForState(state: number): ReceiptStat {
  return RECEIPT_STATS[state - 1] ?? 'UNKNOWN';
}

/** message_state for a stat text; an unrecognised stat maps to UNKNOWN (7). */
export function stateForStat(stat: string): number {
  const i = RECEIPT_STATS.indexOf(stat as ReceiptStat);
  return i === -1 ? MESSAGE_STATE.UNKNOWN : i + 1;
}

export interface ReceiptFields {
  id: string;
  sub: number;
  dlvrd: number;
  submitDate: Date | number;
  doneDate: Date | number;
  stat: ReceiptStat;
  /** Network-specific error, 3 characters; shorter numeric values are zero-padded. */
  err: string;
  /** The first 20 characters of the original message (longer input is cut). */
  text: string;
}

export const DEFAULT_RECEIPT_TIMEZONE = 'Asia/Seoul';
const TEXT_MAX = 20;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function receiptDate(d: Date | number, timezone: string): string {
  const w = zonedWallClock(typeof d === 'number' ? d : d.getTime(), timezone);
  return pad(w.year % 100, 2) + pad(w.month, 2) + pad(w.day, 2) + pad(w.hour, 2) + pad(w.minute, 2);
}

export function formatReceiptText(f: ReceiptFields, opts?: { timezone?: string }): string {
  const tz = opts?.timezone ?? DEFAULT_RECEIPT_TIMEZONE;
  const count = (n: number) => pad(Math.min(999, Math.max(0, Math.trunc(n))), 3);
  const err = /^\d{1,2}$/.test(f.err) ? f.err.padStart(3, '0') : f.err;
  const text = Array.from(f.text).slice(0, TEXT_MAX).join('');
  return (
    `id:${f.id} sub:${count(f.sub)} dlvrd:${count(f.dlvrd)} ` +
    `submit date:${receiptDate(f.submitDate, tz)} done date:${receiptDate(f.doneDate, tz)} ` +
    `stat:${f.stat} err:${err} text:${text}`
  );
}

export interface ParsedReceipt {
  id: string;
  sub: number;
  dlvrd: number;
  /** Raw YYMMDDhhmm (or YYMMDDhhmmss) as sent. */
  submitDate: string;
  doneDate: string;
  /** The dates read in the given timezone (default Asia/Seoul). */
  submitAt: number;
  doneAt: number;
  stat: ReceiptStat;
  err: string;
  text: string;
}

export type ReceiptParseResult = { ok: true; fields: ParsedReceipt } | { ok: false; problems: string[] };

const KEYS = ['id', 'sub', 'dlvrd', 'submit date', 'done date', 'stat', 'err', 'text'] as const;
type Key = (typeof KEYS)[number];
// The spec's own example spells 'Text:'; every other key is lower case.
const KEY_PATTERNS: Record<Key, RegExp> = {
  id: /(?:^|\s)id:/g,
  sub: /(?:^|\s)sub:/g,
  dlvrd: /(?:^|\s)dlvrd:/g,
  'submit date': /(?:^|\s)submit date:/g,
  'done date': /(?:^|\s)done date:/g,
  stat: /(?:^|\s)stat:/g,
  err: /(?:^|\s)err:/g,
  text: /(?:^|\s)[tT]ext:/g,
};

function findKey(s: string, key: Key, from: number): { start: number; valueStart: number } | null {
  const re = KEY_PATTERNS[key];
  re.lastIndex = from;
  const m = re.exec(s);
  if (!m) return null;
  const start = /\s/.test(m[0][0]) ? m.index + 1 : m.index;
  return { start, valueStart: m.index + m[0].length };
}

/** Strict parse: every deviation from the Appendix B form is named in `problems`. */
export function parseReceiptText(s: string, opts?: { timezone?: string }): ReceiptParseResult {
  const tz = opts?.timezone ?? DEFAULT_RECEIPT_TIMEZONE;
  const problems: string[] = [];
  const found: Partial<Record<Key, { start: number; valueStart: number }>> = {};
  let cursor = 0;
  for (const key of KEYS) {
    const hit = findKey(s, key, cursor);
    if (!hit) {
      const anywhere = findKey(s, key, 0);
      problems.push(anywhere ? `field '${key}' is out of order` : `missing field '${key}'`);
      continue;
    }
    found[key] = hit;
    cursor = hit.valueStart;
  }
  if (found.id && found.id.start !== 0) problems.push('receipt does not start with id:');
  const present = KEYS.filter((k) => found[k]);
  const values: Partial<Record<Key, string>> = {};
  present.forEach((key, i) => {
    const next = present[i + 1];
    const raw = s.slice(found[key]!.valueStart, next ? found[next]!.start : s.length);
    if (next && !raw.endsWith(' ')) problems.push(`no single space between '${key}' and '${next}'`);
    values[key] = next ? raw.slice(0, -1) : raw;
  });

  const id = values.id;
  if (id !== undefined && (id.length === 0 || /\s/.test(id))) problems.push(`id '${id}' is empty or contains white space`);
  const sub = threeDigits('sub', values.sub, problems);
  const dlvrd = threeDigits('dlvrd', values.dlvrd, problems);
  const submitAt = receiptDateValue('submit date', values['submit date'], tz, problems);
  const doneAt = receiptDateValue('done date', values['done date'], tz, problems);
  const stat = values.stat;
  if (stat !== undefined && !RECEIPT_STATS.includes(stat as ReceiptStat)) {
    problems.push(`stat '${stat}' is not one of ${RECEIPT_STATS.join(', ')}`);
  }
  const err = values.err;
  if (err !== undefined && !/^[0-9A-Za-z]{3}$/.test(err)) problems.push(`err '${err}' is not 3 alphanumeric characters`);
  const text = values.text;
  if (text !== undefined && Array.from(text).length > TEXT_MAX) problems.push(`text is ${Array.from(text).length} characters, over ${TEXT_MAX}`);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    fields: {
      id: id!, sub: sub!, dlvrd: dlvrd!,
      submitDate: values['submit date']!, doneDate: values['done date']!, submitAt: submitAt!, doneAt: doneAt!,
      stat: stat as ReceiptStat, err: err!, text: text!,
    },
  };
}

function threeDigits(key: string, v: string | undefined, problems: string[]): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{3}$/.test(v)) {
    problems.push(`${key} '${v}' is not 3 digits`);
    return undefined;
  }
  return Number(v);
}

function receiptDateValue(key: string, v: string | undefined, tz: string, problems: string[]): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{10}(\d{2})?$/.test(v)) {
    problems.push(`${key} '${v}' is not YYMMDDhhmm (10 digits) or YYMMDDhhmmss (12 digits)`);
    return undefined;
  }
  const n = (i: number) => Number(v.slice(i, i + 2));
  const [year, month, day, hour, minute] = [2000 + n(0), n(2), n(4), n(6), n(8)];
  const second = v.length === 12 ? n(10) : 0;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    problems.push(`${key} '${v}' is not a calendar date and time`);
    return undefined;
  }
  return zonedTimeToEpoch({ year, month, day, hour, minute, second }, tz);
}

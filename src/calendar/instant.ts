import { epochDayOf, fromEpochDay, fromFloatingMs, isValidDate, MAX_YEAR, MIN_YEAR } from './local-date.js';
import { DayTable } from './day-table.js';
import { offsetAt } from './zone.js';
import type { IssueCode, IssueParams } from '../i18n/issue-codes.js';
import { issueWith, type OwnIssue } from '../i18n/issues.js';

const OFFSET_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/** Result of parsing an ISO-8601 date-time that must carry an offset. */
export type ParsedInstant = { ok: true; epochMs: number } | ({ ok: false } & OwnIssue);

/**
 * Parses an ISO-8601 date-time WITH an offset or `Z` (`2026-03-05T10:00:00+08:00`).
 * A naive local time is refused, because its instant depends on a zone it does
 * not name; so are days and times that do not exist.
 */
export function parseInstant(text: string): ParsedInstant {
  const common = parseCommonShape(text);
  if (common !== undefined) return { ok: true, epochMs: common };
  return parseInstantGeneral(text);
}

/** Two ASCII digits at `i` as a number, or -1. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The usual shapes, `YYYY-MM-DDTHH:MM:SS±HH:MM` and `YYYY-MM-DDTHH:MM:SSZ`, each also with milliseconds (`.sss`, as
 * `Date.prototype.toISOString` and many databases write them), read without a regular expression; `undefined` for
 * anything else or anything out of range, which the general parser then reads (and explains).
 */
function parseCommonShape(text: string): number | undefined {
  // Milliseconds: `.sss` after the seconds; the rest is read as the shape without them.
  const withMs = (text.length === 29 || text.length === 24) && text.charCodeAt(19) === 46;
  const ms = withMs ? millisecondsAt(text, 20) : 0;
  const n = withMs ? text.length - 4 : text.length;
  if (ms < 0 || (n !== 25 && n !== 20)) return undefined;
  const local = localMsOf(text);
  if (local === undefined) return undefined;
  // The offset starts past the milliseconds.
  const offset =
    n === 20 ? (text.charCodeAt(text.length - 1) === 90 ? 0 : undefined) : offsetMinutesAt(text, text.length - 6);
  return offset === undefined ? undefined : local + ms - offset * 60_000;
}

/** Three digits at `at` as milliseconds; -1 when they are not digits. */
function millisecondsAt(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  const c = text.charCodeAt(at + 2) - 48;
  return a < 0 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9 ? -1 : a * 100 + b * 10 + c;
}

/** `YYYY-MM-DDTHH:MM:SS` at the start of `text` as epoch ms at offset zero; `undefined` when not a valid one. */
function localMsOf(text: string): number | undefined {
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  )
    return undefined;
  const y1 = twoDigits(text, 0);
  const y2 = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (y1 < 0 || y2 < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  const year = y1 * 100 + y2;
  if (year < MIN_YEAR || year > MAX_YEAR || !isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59)
    return undefined;
  return epochDayOf(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000;
}

/** `±HH:MM` at `at` in minutes east of UTC; `undefined` when not an offset. */
function offsetMinutesAt(text: string, at: number): number | undefined {
  const sign = text.charCodeAt(at);
  const oh = twoDigits(text, at + 1);
  const om = twoDigits(text, at + 4);
  if ((sign !== 43 && sign !== 45) || text.charCodeAt(at + 3) !== 58 || oh < 0 || om < 0 || oh > 18 || om > 59)
    return undefined;
  return (sign === 45 ? -1 : 1) * (oh * 60 + om);
}

const failed = <C extends IssueCode>(code: C, params: IssueParams[C]): ParsedInstant =>
  ({ ok: false, ...issueWith('', code, params) }) as ParsedInstant;

function parseInstantGeneral(text: string): ParsedInstant {
  const m = OFFSET_DATE_TIME.exec(text);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?$/.test(text)) {
      return failed('instant-no-offset', { value: text });
    }
    return failed('instant-form', { value: text });
  }
  const [, y, mo, d, h, mi, s, frac, zulu, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (year < MIN_YEAR || year > MAX_YEAR)
    return failed('instant-year', { value: text, year: String(y), min: MIN_YEAR, max: MAX_YEAR });
  if (!isValidDate(year, month, day)) return failed('instant-no-such-date', { value: text, date: `${y}-${mo}-${d}` });
  if (second === 60 && hour === 23 && minute === 59) return failed('instant-leap-second', { value: text });
  if (hour > 23 || minute > 59 || second > 59) return failed('instant-time', { value: text, time: `${h}:${mi}` });
  let offset = 0;
  if (zulu === undefined) {
    const offsetHours = Number(oh);
    const offsetMinutes = Number(om);
    if (offsetHours > 18 || offsetMinutes > 59) return failed('instant-offset', { value: text });
    offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  }
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const epochMs =
    epochDayOf(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms - offset * 60_000;
  return { ok: true, epochMs };
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

const datePrefixes = new DayTable((epochDay) => {
  const d = fromEpochDay(epochDay);
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}T`;
});
/** `00` … `59`, and `HH:MM:` for each minute of the day: formatting is lookups, not arithmetic on strings. */
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const CLOCK_COLON = Array.from({ length: 1440 }, (_, m) => `${TWO_DIGITS[Math.floor(m / 60)]}:${TWO_DIGITS[m % 60]}:`);
const offsetSuffixes = new Map<number, string>();

/** Formats an instant with a fixed offset in minutes: `2026-03-10T15:00:00+08:00`. */
export function formatWithOffset(epochMs: number, offsetMinutes: number): string {
  const floating = epochMs + offsetMinutes * 60_000;
  const epochDay = Math.floor(floating / 86_400_000);
  const rest = floating - epochDay * 86_400_000;
  if (rest % 1000 === 0) {
    // The usual case, whole seconds: cached date and offset texts.
    const prefix = datePrefixes.get(epochDay);
    let suffix = offsetSuffixes.get(offsetMinutes);
    if (suffix === undefined) {
      suffix = `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
      offsetSuffixes.set(offsetMinutes, suffix);
    }
    const seconds = rest / 1000;
    return `${prefix}${CLOCK_COLON[Math.floor(seconds / 60)]}${TWO_DIGITS[seconds % 60]}${suffix}`;
  }
  return formatSlow(epochMs, offsetMinutes);
}

function formatSlow(epochMs: number, offsetMinutes: number): string {
  const d = fromFloatingMs(epochMs + offsetMinutes * 60_000);
  const base = `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}T${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}`;
  const millis = d.millisecond === 0 ? '' : `.${pad(d.millisecond, 3)}`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${base}${millis}${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
}

/** Formats an instant in `zone`'s offset at that instant (ISO-8601). */
export function formatInstant(epochMs: number, zone: string): string {
  return formatWithOffset(epochMs, offsetAt(zone, epochMs));
}

/** Epoch ms of a validated ISO instant (validation has accepted it; anything else is a bug). */
export const instant = (text: string): number => {
  const epochMs = instantMs(text);
  if (epochMs === undefined) throw new Error(`rx-followup internal error: unvalidated date-time ${text}`);
  return epochMs;
};

/** Epoch ms of an ISO instant with an offset, or `undefined` when `parseInstant` refuses it (and says why). */
export function instantMs(text: string): number | undefined {
  const common = parseCommonShape(text);
  if (common !== undefined) return common;
  const parsed = parseInstantGeneral(text);
  return parsed.ok ? parsed.epochMs : undefined;
}

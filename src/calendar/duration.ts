import { daysInMonth, floatingMs, fromFloatingMs, type LocalDateTime } from './local-date.js';
import { fromFloating, fromLocal, offsetAt, toLocal } from './zone.js';

/**
 * An ISO-8601 duration, signed as a whole. Calendar parts (years, months,
 * weeks, days) move the wall clock; time parts (hours, minutes, seconds) are
 * elapsed time, as in Temporal.
 */
export interface Duration {
  readonly sign: 1 | -1;
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

const DURATION =
  /^([+-])?P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6})S)?)?$/;

/**
 * Parses an ISO-8601 duration (`P3D`, `P1M`, `PT24H`, `P1DT12H`, `-P4D`);
 * `undefined` when malformed (`P3`, `P`, `PT`, `3D`, fractions).
 */
export function parseDuration(text: string): Duration | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const [, sign, y, mo, w, d, h, mi, s] = m;
  if ([y, mo, w, d, h, mi, s].every((part) => part === undefined)) return undefined;
  if (text.endsWith('T')) return undefined;
  return {
    sign: sign === '-' ? -1 : 1,
    years: Number(y ?? 0),
    months: Number(mo ?? 0),
    weeks: Number(w ?? 0),
    days: Number(d ?? 0),
    hours: Number(h ?? 0),
    minutes: Number(mi ?? 0),
    seconds: Number(s ?? 0),
  };
}

/**
 * Adds months to a wall-clock record. The day of month clamps to the end of the
 * target month: 01-31 + P1M is 02-28 (02-29 in a leap year), 03-31 - P1M is 02-28.
 */
function addMonthsClamped(local: LocalDateTime, months: number): LocalDateTime {
  const index = local.year * 12 + (local.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { ...local, year, month, day: Math.min(local.day, daysInMonth(year, month)) };
}

/**
 * `epochMs + duration`, with the calendar part added to the wall clock of `zone`
 * (so P1D is "same time tomorrow", 23 or 25 hours across DST) and the time part
 * added as elapsed time. Month arithmetic clamps to the end of the month.
 * A negative duration subtracts the same parts.
 */
export function addDuration(epochMs: number, duration: Duration, zone: string): number {
  const { sign } = duration;
  let instant = epochMs;
  const calendarMonths = duration.years * 12 + duration.months;
  const calendarDays = duration.weeks * 7 + duration.days;
  if (calendarMonths === 0 && calendarDays !== 0) {
    // Days and weeks only: move the wall clock in floating milliseconds, no records.
    instant = fromFloating(epochMs + offsetAt(zone, epochMs) * 60_000 + sign * calendarDays * 86_400_000, zone);
  } else if (calendarMonths !== 0) {
    let local = toLocal(epochMs, zone);
    if (calendarMonths !== 0) local = addMonthsClamped(local, sign * calendarMonths);
    if (calendarDays !== 0) local = fromFloatingMs(floatingMs(local) + sign * calendarDays * 86_400_000);
    instant = fromLocal(local, zone);
  }
  const elapsed = ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return instant + sign * elapsed;
}

/** Adds whole local days (may be negative) in `zone`, keeping the wall-clock time. */
export function addLocalDays(epochMs: number, days: number, zone: string): number {
  return fromFloating(epochMs + offsetAt(zone, epochMs) * 60_000 + days * 86_400_000, zone);
}

/** A duration's length in days, months counted 31 and years 366 (the longest they can be): for bounds, not arithmetic. */
export function approxDays(text: string): number {
  const d = parseDuration(text);
  if (!d) return 0;
  return d.years * 366 + d.months * 31 + d.weeks * 7 + d.days + (d.hours * 60 + d.minutes + d.seconds / 60) / 1440;
}

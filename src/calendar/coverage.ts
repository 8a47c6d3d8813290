/** Which days a holiday calendar knows, and its holidays: a day outside them may or may not be a holiday. */
import type { Calendar } from '../schema/ruleset.js';
import { statutoryHolidays, STATUTORY_LAST_YEAR } from './cn-statutory.js';
import { dateEpochDay, fromEpochDay } from './local-date.js';

/** The days a calendar's dates are known for: as declared, else the whole years its dates fall in. */
export interface CalendarCoverage {
  readonly calendar: string;
  readonly from: string;
  readonly through: string;
  readonly fromDay: number;
  readonly throughDay: number;
  /** Whether statutory holidays stand in for the published ones after `through` (`provisional: 'cn-statutory'`). */
  readonly provisional: boolean;
}

/** A calendar's coverage; `null` for a calendar without a date and without a declared coverage. */
export function coverageOf(name: string, calendar: Calendar): CalendarCoverage | null {
  let from = calendar.coverage?.from;
  let through = calendar.coverage?.through;
  if (from === undefined || through === undefined) {
    const dates = [...calendar.holidays.map((h) => h.date), ...calendar.workdays].sort();
    if (dates.length === 0) return null;
    from = `${(dates[0] as string).slice(0, 4)}-01-01`;
    through = `${(dates[dates.length - 1] as string).slice(0, 4)}-12-31`;
  }
  const provisional = calendar.provisional === 'cn-statutory';
  return { calendar: name, from, through, fromDay: dateEpochDay(from), throughDay: dateEpochDay(through), provisional };
}

/** A day off a calendar gives: published, or statutory and provisional (past the published dates). */
export interface HolidayDay {
  readonly epochDay: number;
  readonly name: string;
  readonly festival: boolean;
  readonly provisional: boolean;
}

/**
 * The statutory holidays after one day through 2100, provisional, in date order: one list per last published day,
 * shared by every calendar and planner that ends there (the same for every compile of a rule set; a thousand days).
 * Bounded: more distinct last days than this in one process start it afresh.
 */
const provisionalTails = new Map<number, readonly HolidayDay[]>();
const MAX_PROVISIONAL_TAILS = 64;

function provisionalAfter(throughDay: number): readonly HolidayDay[] {
  const known = provisionalTails.get(throughDay);
  if (known !== undefined) return known;
  const tail: HolidayDay[] = [];
  for (let year = fromEpochDay(throughDay).year; year <= STATUTORY_LAST_YEAR; year++)
    for (const d of statutoryHolidays(year)) if (d.epochDay > throughDay) tail.push({ ...d, provisional: true });
  // Each year's days come in date order and the years in turn: the list is sorted as made.
  Object.freeze(tail);
  if (provisionalTails.size >= MAX_PROVISIONAL_TAILS) provisionalTails.clear();
  provisionalTails.set(throughDay, tail);
  return tail;
}

/**
 * The days off of a calendar, in date order: its holidays that are not also make-up workdays, then — with
 * `provisional: 'cn-statutory'` — the statutory holidays of every day after its coverage, through 2100.
 */
export function holidayDays(calendar: Calendar): HolidayDay[] {
  const workdays = new Set(calendar.workdays);
  const days: HolidayDay[] = calendar.holidays
    .filter((h) => !workdays.has(h.date))
    .map((h) => ({ epochDay: dateEpochDay(h.date), name: h.name, festival: h.festival === true, provisional: false }));
  const coverage = calendar.provisional === undefined ? null : coverageOf('', calendar);
  // Stable: a published day before a provisional one of the same date (a declared coverage may end before some).
  return (coverage === null ? days : days.concat(provisionalAfter(coverage.throughDay))).sort(
    (a, b) => a.epochDay - b.epochDay,
  );
}

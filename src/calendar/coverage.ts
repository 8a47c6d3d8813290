/** Which days a holiday calendar knows: a day outside them may or may not be a holiday. */
import type { Calendar } from '../schema/ruleset.js';
import { dateEpochDay } from './local-date.js';

/** The days a calendar's dates are known for: as declared, else the whole years its dates fall in. */
export interface CalendarCoverage {
  readonly calendar: string;
  readonly from: string;
  readonly through: string;
  readonly fromDay: number;
  readonly throughDay: number;
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
  return { calendar: name, from, through, fromDay: dateEpochDay(from), throughDay: dateEpochDay(through) };
}

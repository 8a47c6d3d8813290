/**
 * The counts seed practice asks for of a worklist: per day and staff member, calls, visits, messages, escalations,
 * moved contacts and overflow; and the same per week (weeks start on Monday).
 */
import { formatLocalDate, fromEpochDay, weekdayOfEpochDay, dateEpochDay } from '../calendar/local-date.js';

import { byCodeUnits, sortInPlace } from '../_lib/sort.js';
import type { Worklist } from './types.js';

/** One line of the report: a day (or week) and a staff member (`null`: contacts no one could take). */
export interface WorklistSummaryRow {
  /** The day; for a week, its Monday. */
  readonly date: string;
  readonly staffId: string | null;
  readonly calls: number;
  readonly visits: number;
  readonly messages: number;
  /** Escalations among those calls, visits and messages. */
  readonly escalations: number;
  /** Contacts the worklist moved to another slot to level the load or fit the person's days and hours. */
  readonly moved: number;
  /** Contacts of that day no one could take (with the staff member they would have gone to, when there was one). */
  readonly overflow: number;
}

/** A worklist counted: per day and staff member, and per week. */
export interface WorklistSummary {
  /** By date, then staff id (the `null` row last). */
  readonly days: readonly WorklistSummaryRow[];
  /** By week (its Monday), then staff id. */
  readonly weeks: readonly WorklistSummaryRow[];
}

type Counts = { -readonly [K in Exclude<keyof WorklistSummaryRow, 'date' | 'staffId'>]: number };
const zero = (): Counts => ({ calls: 0, visits: 0, messages: 0, escalations: 0, moved: 0, overflow: 0 });

function rows(map: Map<string, Counts>): WorklistSummaryRow[] {
  const out: WorklistSummaryRow[] = [];
  for (const [key, counts] of map) {
    const [date, staff] = key.split('\u0000') as [string, string];
    out.push({ date, staffId: staff === '' ? null : staff, ...counts });
  }
  return sortInPlace(
    out,
    (a, b) =>
      byCodeUnits(a.date, b.date) ||
      (a.staffId === null ? 1 : 0) - (b.staffId === null ? 1 : 0) ||
      byCodeUnits(a.staffId ?? '', b.staffId ?? ''),
  );
}

/**
 * Counts a worklist per day and staff member, and per week.
 *
 * @example
 * ```ts
 * import { summarizeWorklist } from 'rx-followup';
 *
 * const summary = summarizeWorklist({ days: [{ date: '2026-03-09', assignments: [] }], overflow: [], warnings: [] });
 * console.log(summary.days.length); // 0: no one had anything that day
 * ```
 */
export function summarizeWorklist(list: Worklist): WorklistSummary {
  const days = new Map<string, Counts>();
  const weeks = new Map<string, Counts>();
  const weekOf = (date: string): string => {
    const day = dateEpochDay(date);
    return formatLocalDate(fromEpochDay(day - weekdayOfEpochDay(day)));
  };
  const count = (date: string, staffId: string | null, add: (c: Counts) => void): void => {
    for (const [map, key] of [
      [days, date],
      [weeks, weekOf(date)],
    ] as const) {
      const k = `${key}\u0000${staffId ?? ''}`;
      let c = map.get(k);
      if (c === undefined) map.set(k, (c = zero()));
      add(c);
    }
  };
  for (const day of list.days) {
    for (const a of day.assignments) {
      count(day.date, a.staffId, (c) => {
        if (a.channel === 'phone') c.calls++;
        else if (a.channel === 'home-visit') c.visits++;
        else c.messages++;
        if (a.urgency !== 'routine') c.escalations++;
        if (a.moved !== undefined) c.moved++;
      });
    }
  }
  for (const o of list.overflow) count(o.date, o.staffId ?? null, (c) => c.overflow++);
  return { days: rows(days), weeks: rows(weeks) };
}

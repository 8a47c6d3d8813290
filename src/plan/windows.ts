import { fromEpochDay, formatLocalDate, toEpochDay, weekdayIndex, type LocalDate } from '../calendar/local-date.js';
import { fromLocal, toLocal } from '../calendar/zone.js';
import type { BlackoutRule, CompiledWindow, WindowRule, WindowUse } from './compile.js';

/** One stretch of a day in which a class of contact may be made. */
export interface DaySegment {
  readonly from: number;
  readonly to: number;
  readonly ruleId: string | null;
  readonly label: string;
}

/** A bookable stretch of time, as instants, with the rule that allowed it. */
export interface Slot {
  readonly start: number;
  readonly end: number;
  readonly epochDay: number;
  readonly ruleId: string | null;
  readonly label: string;
}

/** A day a blackout rule blocked. */
export interface SkippedDay {
  readonly epochDay: number;
  readonly ruleId: string;
  readonly why: string;
}

/** The weekly windows and blackouts in force for one plan. */
export interface WindowSet {
  readonly rules: ReadonlyMap<WindowUse, readonly { ruleId: string | null; windows: readonly CompiledWindow[]; makeUpWorkdays: ReadonlySet<string> | null; labelPrefix: string }[]>;
  readonly blackouts: readonly BlackoutRule[];
}

export function buildWindowSet(
  windowRules: readonly WindowRule[],
  blackouts: readonly BlackoutRule[],
  customerWindows: readonly CompiledWindow[] | null,
): WindowSet {
  const rules = new Map<WindowUse, { ruleId: string | null; windows: readonly CompiledWindow[]; makeUpWorkdays: ReadonlySet<string> | null; labelPrefix: string }[]>();
  for (const use of ['preferred', 'fallback', 'message', 'urgent'] as const) {
    const list = windowRules
      .filter((r) => r.use === use)
      .map((r) => ({ ruleId: r.id as string | null, windows: r.windows, makeUpWorkdays: r.makeUpWorkdays, labelPrefix: labelFor(use) }));
    rules.set(use, list);
  }
  if (customerWindows !== null && customerWindows.length > 0) {
    const preferred = rules.get('preferred') ?? [];
    rules.set('preferred', [
      { ruleId: preferred[0]?.ruleId ?? null, windows: customerWindows, makeUpWorkdays: null, labelPrefix: "customer's own preferred hours" },
    ]);
  }
  return { rules, blackouts };
}

function labelFor(use: WindowUse): string {
  switch (use) {
    case 'preferred':
      return 'preferred call window';
    case 'fallback':
      return 'fallback call window';
    case 'message':
      return 'message hours';
    case 'urgent':
      return 'urgent hours';
  }
}

/** Whether the set has any window for `use`. */
export function hasWindows(set: WindowSet, use: WindowUse): boolean {
  return (set.rules.get(use) ?? []).length > 0;
}

/** The first blackout that blocks the day, if any. */
export function blockedBy(set: WindowSet, date: LocalDate): { ruleId: string; why: string } | null {
  if (set.blackouts.length === 0) return null;
  const key = formatLocalDate(date);
  for (const rule of set.blackouts) {
    const why = rule.blocks(date, key);
    if (why !== null) return { ruleId: rule.id, why };
  }
  return null;
}

/** The segments of `use` on a day, earliest first. */
export function segmentsOn(set: WindowSet, use: WindowUse, date: LocalDate): DaySegment[] {
  const weekday = weekdayIndex(date);
  const key = formatLocalDate(date);
  const out: DaySegment[] = [];
  for (const rule of set.rules.get(use) ?? []) {
    const makeUp = rule.makeUpWorkdays?.has(key) === true;
    for (const w of rule.windows) {
      if (w.days.has(weekday) || makeUp) {
        out.push({ from: w.from, to: w.to, ruleId: rule.ruleId, label: `${rule.labelPrefix} ${w.label}${makeUp && !w.days.has(weekday) ? ' (make-up workday)' : ''}` });
      }
    }
  }
  return out.sort((a, b) => a.from - b.from || a.to - b.to || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

const atMinutes = (epochDay: number, minutes: number, zone: string): number => {
  const date = fromEpochDay(epochDay + Math.floor(minutes / 1440));
  const m = minutes % 1440;
  return fromLocal({ ...date, hour: Math.floor(m / 60), minute: m % 60, second: 0, millisecond: 0 }, zone);
};

/**
 * Every slot of `use` whose start can lie in [lo, hi], earliest first: the
 * day's segments clipped to `lo` and to `limit` (the horizon). Days a blackout
 * blocks are skipped (unless `ignoreBlackouts`) and reported to `skipped`.
 */
export function* slotsBetween(
  set: WindowSet,
  use: WindowUse,
  lo: number,
  hi: number,
  limit: number,
  zone: string,
  options: { ignoreBlackouts?: boolean; skipped?: SkippedDay[] } = {},
): Generator<Slot> {
  if (hi < lo) return;
  const firstDay = toEpochDay(toLocal(lo, zone));
  const lastDay = toEpochDay(toLocal(hi, zone));
  for (let day = firstDay; day <= lastDay; day++) {
    const date = fromEpochDay(day);
    if (!options.ignoreBlackouts) {
      const blocked = blockedBy(set, date);
      if (blocked) {
        options.skipped?.push({ epochDay: day, ruleId: blocked.ruleId, why: blocked.why });
        continue;
      }
    }
    for (const segment of segmentsOn(set, use, date)) {
      const segStart = atMinutes(day, segment.from, zone);
      const segEnd = Math.min(atMinutes(day, segment.to, zone), limit);
      const start = Math.max(segStart, lo);
      if (start > hi) return;
      if (start >= segEnd) continue;
      yield { start, end: segEnd, epochDay: day, ruleId: segment.ruleId, label: segment.label };
    }
  }
}

import { sortInPlace } from '../_lib/sort.js';
import { weekdayOfEpochDay } from '../calendar/local-date.js';
import { fromFloating, localEpochDay, steadyDayOffset } from '../calendar/zone.js';
import { blackoutApplies, type BlackoutWhy } from '../events/blackout.js';
import { DEFAULT_SLACK_DAYS } from '../events/call-window.js';
import type { BlackoutRule, CalendarCoverage, CompiledWindow, WindowRule, WindowUse } from './compile.js';
import type { WindowParams } from '../i18n/reason-params.js';

// Before a window is found (never said: a slot is only returned with its window).
const NO_WINDOW = {} as WindowParams;

/** One stretch of a day in which a class of contact may be made. */
export interface DaySegment {
  readonly from: number;
  readonly to: number;
  readonly ruleId: string | null;
  /** The window as reasons' params give it: `use`, `days`, `hours`, `makeUp`. */
  readonly window: WindowParams;
  /** Orders segments of equal hours. */
  readonly key: string;
}

/** A bookable stretch of time, as instants, with the rule that allowed it. */
export interface Slot {
  readonly start: number;
  readonly end: number;
  readonly epochDay: number;
  readonly ruleId: string | null;
  /** The window as reasons' params give it. */
  readonly window: WindowParams;
}

/** A day a blackout rule blocked. */
export interface SkippedDay {
  readonly epochDay: number;
  readonly ruleId: string;
  readonly why: BlackoutWhy;
}

/** The windows of rules that also open on the make-up workdays of one calendar (one shared set of days). */
interface MakeUpGroup {
  readonly days: ReadonlySet<number>;
  /** By weekday: the group's segments of windows closed that weekday, which a make-up workday opens. */
  readonly byWeekday: readonly (readonly DaySegment[])[];
}

interface UseTable {
  /** Segments by weekday (0 = Monday), earliest first. */
  readonly byWeekday: readonly (readonly DaySegment[])[];
  /** Make-up workday windows, one group per calendar; a day's segments are worked out when first asked for. */
  readonly makeUpGroups: readonly MakeUpGroup[];
  /** A make-up day's segments by weekday and the groups whose calendar has the day (at most days × groups entries). */
  readonly makeUpCache: Map<string, readonly DaySegment[]>;
  readonly any: boolean;
}

/**
 * The weekly windows and blackouts in force for one plan, laid out per
 * weekday so a day's segments are a lookup. Built once per distinct set of
 * fired rules and customer windows, and cached by the planner.
 */
export interface WindowSet {
  readonly uses: ReadonlyMap<WindowUse, UseTable>;
  readonly blackouts: readonly BlackoutRule[];
  /** What the calendars these windows and blackouts read know (their coverage), by calendar name. */
  readonly coverage: readonly CalendarCoverage[];
  /** How many days after the earliest allowed slot a preferred slot still wins (the preferred rules' largest slack). */
  readonly preferredSlackDays: number;
}

const bySegmentOrder = (a: DaySegment, b: DaySegment): number =>
  a.from - b.from || a.to - b.to || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Lays out the windows of one use. Make-up workdays are not expanded day by day (a calendar of 5,000 workdays
 * named by 100 rules of 50 windows was 25 million segments): each calendar's rules give, per weekday, the segments
 * a make-up day of that weekday opens, and a day's list is merged when first asked for.
 */
function table(
  rules: readonly {
    ruleId: string | null;
    windows: readonly CompiledWindow[];
    makeUpWorkdays: ReadonlySet<number> | null;
    use: string;
  }[],
): UseTable {
  const byWeekday: DaySegment[][] = [[], [], [], [], [], [], []];
  const groups = new Map<ReadonlySet<number>, DaySegment[][]>();
  for (const rule of rules) {
    for (const w of rule.windows) {
      const window = { use: rule.use, days: w.daysText, hours: w.hoursText };
      const segment = { from: w.from, to: w.to, ruleId: rule.ruleId, window, key: `${rule.use} ${w.label}` };
      for (const day of w.days) byWeekday[day]?.push(segment);
      if (rule.makeUpWorkdays === null || rule.makeUpWorkdays.size === 0) continue;
      let group = groups.get(rule.makeUpWorkdays);
      if (group === undefined) {
        group = [[], [], [], [], [], [], []];
        groups.set(rule.makeUpWorkdays, group);
      }
      const madeUp = { ...segment, window: { ...window, makeUp: 1 as const }, key: `${segment.key} (make-up workday)` };
      for (let weekday = 0; weekday < 7; weekday++) if (!(w.dayMask & (1 << weekday))) group[weekday]?.push(madeUp);
    }
  }
  for (const list of byWeekday) sortInPlace(list, bySegmentOrder);
  const makeUpGroups = [...groups].map(([days, perWeekday]) => ({ days, byWeekday: perWeekday }));
  return { byWeekday, makeUpGroups, makeUpCache: new Map(), any: rules.some((r) => r.windows.length > 0) };
}

export function buildWindowSet(
  windowRules: readonly WindowRule[],
  blackouts: readonly BlackoutRule[],
  customerWindows: readonly CompiledWindow[] | null,
  coverage: readonly CalendarCoverage[] = [],
): WindowSet {
  const uses = new Map<WindowUse, UseTable>();
  for (const use of ['preferred', 'fallback', 'message', 'urgent'] as const) {
    const rules = windowRules
      .filter((r) => r.use === use)
      .map((r) => ({
        ruleId: r.id as string | null,
        windows: r.windows,
        makeUpWorkdays: r.makeUpWorkdays,
        use: use as string,
      }));
    uses.set(use, table(rules));
  }
  let preferredSlackDays = -1;
  for (const r of windowRules)
    if (r.use === 'preferred') preferredSlackDays = Math.max(preferredSlackDays, r.slackDays);
  const set = {
    uses,
    blackouts,
    coverage,
    preferredSlackDays: preferredSlackDays < 0 ? DEFAULT_SLACK_DAYS : preferredSlackDays,
  };
  if (customerWindows === null || customerWindows.length === 0) return set;
  return withCustomerWindows(set, windowRules.find((r) => r.use === 'preferred')?.id ?? null, customerWindows);
}

/**
 * The same set with the customer's own windows in place of the preferred and the fallback ones: a customer who
 * said when to call is called then, or not at all (message and urgent hours shared).
 */
export function withCustomerWindows(
  set: WindowSet,
  preferredRuleId: string | null,
  customerWindows: readonly CompiledWindow[],
): WindowSet {
  const uses = new Map(set.uses);
  uses.set(
    'preferred',
    table([{ ruleId: preferredRuleId, windows: customerWindows, makeUpWorkdays: null, use: 'customer' }]),
  );
  uses.set('fallback', table([]));
  return { uses, blackouts: set.blackouts, coverage: set.coverage, preferredSlackDays: set.preferredSlackDays };
}

/** Whether the set has any window for `use`. */
export function hasWindows(set: WindowSet, use: WindowUse): boolean {
  return set.uses.get(use)?.any === true;
}

/** A routine contact as blackouts see it: some hold back only certain channels or kinds. */
export interface HeldContact {
  readonly channel: string;
  readonly kind: string;
}

/** The first blackout that blocks the day for this contact (every blackout when none is given), if any. */
export function blockedBy(
  set: WindowSet,
  epochDay: number,
  contact?: HeldContact,
): { ruleId: string; why: BlackoutWhy } | null {
  for (const rule of set.blackouts) {
    if (contact !== undefined && !blackoutApplies(rule, contact.channel, contact.kind)) continue;
    const why = rule.blocks(epochDay);
    if (why !== null) return { ruleId: rule.id, why };
  }
  return null;
}

/** The segments of `use` on a day, earliest first. */
export function segmentsOn(set: WindowSet, use: WindowUse, epochDay: number): readonly DaySegment[] {
  const t = set.uses.get(use);
  if (!t) return [];
  const weekday = weekdayOfEpochDay(epochDay);
  const plain = t.byWeekday[weekday] ?? [];
  if (t.makeUpGroups.length === 0) return plain;
  let key = '';
  for (let g = 0; g < t.makeUpGroups.length; g++)
    if ((t.makeUpGroups[g] as MakeUpGroup).days.has(epochDay)) key += `${g},`;
  if (key === '') return plain;
  key += weekday;
  let merged = t.makeUpCache.get(key);
  if (merged === undefined) {
    const extra: DaySegment[] = [];
    for (let g = 0; g < t.makeUpGroups.length; g++) {
      const group = t.makeUpGroups[g] as MakeUpGroup;
      if (group.days.has(epochDay)) for (const segment of group.byWeekday[weekday] ?? []) extra.push(segment);
    }
    merged = sortInPlace([...extra, ...plain], bySegmentOrder);
    t.makeUpCache.set(key, merged);
  }
  return merged;
}

const DAY = 86_400_000;

/**
 * Walks every slot of `use` whose start can lie in [lo, hi], earliest first:
 * the day's segments clipped to `lo` and to `limit` (the horizon). Days a
 * blackout blocks (for `contact`) are skipped and reported to
 * `skipped`. `next()` moves to the next slot and says whether there was one;
 * the cursor's fields are that slot (one object per walk, none per slot).
 */
export class SlotCursor implements Slot {
  start = 0;
  end = 0;
  epochDay = 0;
  ruleId: string | null = null;
  window: WindowParams = NO_WINDOW;
  private day: number;
  private readonly lastDay: number;
  private segments: readonly DaySegment[] = [];
  private segment = 0;
  private steady: number | undefined = undefined;

  constructor(
    private readonly set: WindowSet,
    private readonly use: WindowUse,
    private readonly lo: number,
    private readonly hi: number,
    private readonly limit: number,
    private readonly zone: string,
    private readonly skipped: SkippedDay[] | null,
    /** Whose slot this is: blackouts that hold back its channel or kind apply; `null`, none (escalations); none given, all. */
    private readonly contact?: HeldContact | null,
  ) {
    if (hi < lo) {
      this.day = 1;
      this.lastDay = 0;
    } else {
      this.day = localEpochDay(lo, zone) - 1;
      this.lastDay = localEpochDay(hi, zone);
    }
  }

  next(): boolean {
    for (;;) {
      // The next segment of the current day…
      while (this.segment < this.segments.length) {
        const segment = this.segments[this.segment++] as DaySegment;
        const day = this.day;
        const steady = this.steady;
        const segStart =
          steady === undefined
            ? fromFloating(day * DAY + segment.from * 60_000, this.zone)
            : day * DAY + (segment.from - steady) * 60_000;
        const rawEnd =
          steady === undefined
            ? fromFloating(day * DAY + segment.to * 60_000, this.zone)
            : day * DAY + (segment.to - steady) * 60_000;
        const segEnd = Math.min(rawEnd, this.limit);
        const start = Math.max(segStart, this.lo);
        if (start > this.hi) {
          this.day = this.lastDay;
          this.segments = [];
          return false;
        }
        if (start >= segEnd) continue;
        this.start = start;
        this.end = segEnd;
        this.epochDay = day;
        this.ruleId = segment.ruleId;
        this.window = segment.window;
        return true;
      }
      // …or the next day that has hours and is not blocked.
      if (this.day >= this.lastDay) return false;
      const day = ++this.day;
      this.segment = 0;
      this.segments = segmentsOn(this.set, this.use, day);
      if (this.segments.length === 0) {
        // No hours that day anyway; a blackout on it is still named, so a list of skipped days has no gaps.
        if (this.skipped !== null && this.contact !== null && this.set.blackouts.length > 0) {
          const blocked = blockedBy(this.set, day, this.contact);
          if (blocked) this.skipped.push({ epochDay: day, ruleId: blocked.ruleId, why: blocked.why });
        }
        continue;
      }
      if (this.contact !== null && this.set.blackouts.length > 0) {
        const blocked = blockedBy(this.set, day, this.contact);
        if (blocked) {
          this.skipped?.push({ epochDay: day, ruleId: blocked.ruleId, why: blocked.why });
          this.segments = [];
          continue;
        }
      }
      this.steady = steadyDayOffset(this.zone, day);
    }
  }
}

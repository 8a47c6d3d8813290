/** The `call-window` event: the weekly hours a class of contact may use. */
import { z } from 'zod';
import { issue } from '../i18n/issues.js';
import { dayMaskText, describeDayMask } from '../calendar/describe.js';
import { formatClock, parseClock, WEEKDAYS } from '../calendar/local-date.js';
import { calendarName, duration, strictWindowSchema } from '../schema/common.js';
import { parseDuration } from '../calendar/duration.js';
import type { EventModule } from './event-module.js';

/**
 * Parameters of a `call-window` event: the weekly hours a class of contact may use.
 *
 * @example
 * ```ts
 * import { CallWindowParamsSchema } from 'rx-followup';
 *
 * console.log(CallWindowParamsSchema.safeParse({ use: 'preferred', windows: [{ days: ['TUE'], from: '15:00', to: '18:00' }] }).success); // true
 * ```
 */
export const CallWindowParamsSchema = z.strictObject({
  use: z.enum(['preferred', 'fallback', 'message', 'urgent']),
  windows: z.array(strictWindowSchema).min(1).max(50),
  makeUpWorkdays: calendarName.optional(),
  /**
   * With `use: 'preferred'`: how many days later than the earliest allowed slot (of any call window) a preferred
   * slot may be and still win (default `P1D`). A contact whose first preferred slot is further off goes at the
   * earliest allowed slot: on time beats the preferred hours (a 3-day check on day 3 or 4, not the next Tuesday).
   */
  slack: duration({ wholeDays: true }).optional(),
});

/** Params of a `call-window` event. */
export type CallWindowParams = z.output<typeof CallWindowParamsSchema>;

/** Which contacts a window is for. */
export type WindowUse = CallWindowParams['use'];

/** A weekly window with its days as indexes (0 = Monday) and times in minutes. */
export interface CompiledWindow {
  /** Weekday indexes, distinct and ascending. */
  readonly days: readonly number[];
  /** The same days as bits (bit 0 = Monday). */
  readonly dayMask: number;
  readonly from: number;
  readonly to: number;
  readonly label: string;
  /** The window as reasons' params give it: `days` (`TUE-THU`, `MON-SUN`) and `hours` (`15:00-18:00`). */
  readonly daysText: string;
  readonly hoursText: string;
}

/** A call-window rule, compiled. */
export interface WindowRule {
  readonly type: 'call-window';
  readonly id: string;
  readonly use: WindowUse;
  readonly windows: readonly CompiledWindow[];
  /** Epoch days of the make-up workdays on which these windows also open. */
  readonly makeUpWorkdays: ReadonlySet<number> | null;
  /** The calendar they come from (its coverage bounds what it knows). */
  readonly makeUpCalendar: string | null;
  /** Preferred windows: the days (`slack`) by which a preferred slot may come after the earliest allowed one. */
  readonly slackDays: number;
}

/** A preferred window's slack when its rule gives none: one day. */
export const DEFAULT_SLACK_DAYS = 1;

const WEEKDAY_INDEX: Readonly<Record<string, number>> = Object.fromEntries(WEEKDAYS.map((d, i) => [d, i]));

/** Weekly windows (a rule's, or a customer's own) with their days as indexes and bits, and times in minutes. */
export function compileWindows(
  windows: readonly { days: readonly string[]; from: string; to: string }[],
): CompiledWindow[] {
  const out: CompiledWindow[] = [];
  for (const w of windows) {
    const from = parseClock(w.from) as number;
    const to = parseClock(w.to) as number;
    let dayMask = 0;
    for (const d of w.days) dayMask |= 1 << (WEEKDAY_INDEX[d] as number);
    const days: number[] = [];
    for (let i = 0; i < 7; i++) if (dayMask & (1 << i)) days.push(i);
    out.push({
      days,
      dayMask,
      from,
      to,
      label: describeDayMask(dayMask, from, to),
      daysText: dayMaskText(dayMask),
      hoursText: `${formatClock(from)}-${formatClock(to)}`,
    });
  }
  return out;
}

export const callWindowEvent: EventModule<'call-window', CallWindowParams, WindowRule> = {
  type: 'call-window',
  stage: 'policy',
  shownInPolicy: true,
  params: CallWindowParamsSchema,
  check(params, ctx) {
    if (params.makeUpWorkdays !== undefined) ctx.calendarRef(params.makeUpWorkdays, 'event.params.makeUpWorkdays');
    if (params.slack !== undefined && params.use !== 'preferred')
      ctx.issue(issue('event.params.slack', 'slack-preferred-only'));
  },
  compile(rule, params, ctx) {
    const calendar = params.makeUpWorkdays;
    return {
      type: 'call-window',
      id: rule.id,
      use: params.use,
      windows: compileWindows(params.windows),
      makeUpWorkdays:
        calendar === undefined || ctx.ruleSet.calendars[calendar] === undefined ? null : ctx.workdaysOf(calendar),
      makeUpCalendar: calendar ?? null,
      slackDays: slackDays(params.slack),
    };
  },
};

/** A slack of whole days and weeks (the schema allows no other), in days. */
function slackDays(slack: string | undefined): number {
  const d = slack === undefined ? undefined : parseDuration(slack);
  return d === undefined ? DEFAULT_SLACK_DAYS : d.weeks * 7 + d.days;
}

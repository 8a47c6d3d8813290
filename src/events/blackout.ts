/** The `blackout` event: days on which no routine contact is made. */
import { z } from 'zod';
import type { WhyParams } from '../i18n/reason-params.js';
import { issue } from '../i18n/issues.js';
import { daysInMonth, fromEpochDay, weekdayOfEpochDay, WEEKDAYS, dateEpochDay } from '../calendar/local-date.js';
import { assert } from '../errors.js';
import { holidayDays } from '../calendar/coverage.js';
import { calendarName, channel, localDate, routineKind, weekday } from '../schema/common.js';
import { type EventModule } from './event-module.js';

/** Which routine contacts a blackout holds back: these channels, these kinds (none listed: all). */
const appliesTo = {
  channels: z.array(channel).min(1).max(4).optional(),
  kinds: z.array(routineKind).min(1).max(4).optional(),
};

/**
 * Parameters of a `blackout` event: days on which no routine contact is made — or, with `channels` or `kinds`,
 * no routine contact of those channels or kinds (`kinds: ['follow-up', 'refill']` lets an instruction message go).
 *
 * @example
 * ```ts
 * import { BlackoutParamsSchema } from 'rx-followup';
 *
 * console.log(BlackoutParamsSchema.parse({ kind: 'month-days', first: 5, last: 5 }).kind); // month-days
 * ```
 */
export const BlackoutParamsSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('month-days'),
    first: z.number().int().min(0).max(15).default(0),
    last: z.number().int().min(0).max(15).default(0),
    ...appliesTo,
  }),
  z.strictObject({ kind: z.literal('holidays'), calendar: calendarName, ...appliesTo }),
  z.strictObject({ kind: z.literal('weekdays'), days: z.array(weekday).min(1).max(7), ...appliesTo }),
  z.strictObject({ kind: z.literal('dates'), dates: z.array(localDate).min(1).max(1000), ...appliesTo }),
]);

/** Why a blackout blocks a day, as reasons' params give it (`why`: `month-first`, `holiday`, …); one object per reason. */
export type BlackoutWhy = Readonly<
  Extract<WhyParams, { why: 'month-first' | 'month-last' | 'holiday' | 'weekday' | 'date' }>
>;

/** Params of a `blackout` event. */
export type BlackoutParams = z.output<typeof BlackoutParamsSchema>;

/** A blackout rule, compiled into a test of a local day. */
export interface BlackoutRule {
  readonly type: 'blackout';
  readonly id: string;
  /** The calendar a `holidays` blackout reads (its coverage bounds what it knows), else `null`. */
  readonly calendar: string | null;
  /** The channels and kinds of contact it holds back; `null`: all. */
  readonly channels: ReadonlySet<string> | null;
  readonly kinds: ReadonlySet<string> | null;
  /** Why the local day (an epoch day) is blocked, or `null` when it is not. */
  readonly blocks: (epochDay: number) => BlackoutWhy | null;
}

/** Whether a blackout holds back a routine contact of this channel and kind. */
export const blackoutApplies = (rule: BlackoutRule, channel: string, kind: string): boolean =>
  (rule.channels === null || rule.channels.has(channel)) && (rule.kinds === null || rule.kinds.has(kind));

export const blackoutEvent: EventModule<'blackout', BlackoutParams, BlackoutRule> = {
  type: 'blackout',
  stage: 'policy',
  shownInPolicy: true,
  params: BlackoutParamsSchema,
  check(params, ctx) {
    if (params.kind === 'holidays') ctx.calendarRef(params.calendar, 'event.params.calendar');
    if (params.kind === 'month-days' && params.first + params.last === 0)
      ctx.issue(issue('event.params', 'month-days-empty'));
  },
  compile(rule, p, ctx) {
    let blocks: BlackoutRule['blocks'];
    switch (p.kind) {
      case 'month-days': {
        const first: BlackoutWhy = { why: 'month-first', first: p.first };
        const last: BlackoutWhy = { why: 'month-last', last: p.last };
        blocks = (epochDay) => {
          const date = fromEpochDay(epochDay);
          if (date.day <= p.first) return first;
          if (date.day > daysInMonth(date.year, date.month) - p.last) return last;
          return null;
        };
        break;
      }
      case 'holidays': {
        const calendar = ctx.ruleSet.calendars[p.calendar];
        assert(calendar !== undefined, `validated calendar ${p.calendar} missing`);
        // One reason per holiday name, so the days of one holiday compare equal; a provisional day (a statutory
        // holiday past the published dates) says so.
        const whys = new Map<string, BlackoutWhy>();
        const why = (name: string, provisional: boolean): BlackoutWhy => {
          const key = provisional ? `${name}\u0000provisional` : name;
          const known = whys.get(key);
          if (known !== undefined) return known;
          const made: BlackoutWhy = provisional
            ? { why: 'holiday', holiday: name, provisional: 1 }
            : { why: 'holiday', holiday: name };
          whys.set(key, made);
          return made;
        };
        const names = new Map(holidayDays(calendar).map((h) => [h.epochDay, why(h.name, h.provisional)]));
        blocks = (epochDay) => names.get(epochDay) ?? null;
        break;
      }
      case 'weekdays': {
        const days = new Set(p.days.map((d) => (WEEKDAYS as readonly string[]).indexOf(d)));
        const whys: BlackoutWhy[] = WEEKDAYS.map((weekday) => ({ why: 'weekday', weekday }));
        blocks = (epochDay) =>
          days.has(weekdayOfEpochDay(epochDay)) ? (whys[weekdayOfEpochDay(epochDay)] as BlackoutWhy) : null;
        break;
      }
      case 'dates': {
        const dates = new Set(p.dates.map(dateEpochDay));
        const why: BlackoutWhy = { why: 'date' };
        blocks = (epochDay) => (dates.has(epochDay) ? why : null);
        break;
      }
    }
    return {
      type: 'blackout',
      id: rule.id,
      calendar: p.kind === 'holidays' ? p.calendar : null,
      channels: p.channels ? new Set(p.channels) : null,
      kinds: p.kinds ? new Set(p.kinds) : null,
      blocks,
    };
  },
};

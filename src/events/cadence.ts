/** The `cadence` event: routine contacts at offsets from an anchor. */
import { holidayDays } from '../calendar/coverage.js';
import { zodError } from '../schema/zod-issues.js';
import { issue } from '../i18n/issues.js';
import type { MoveParams, ToleranceParams } from '../i18n/reason-params.js';
import { z } from 'zod';
import { approxDays, type Duration } from '../calendar/duration.js';
import { calendarName, channel, duration, nonEmptyText, purpose, routineKind } from '../schema/common.js';
import type { RuleSet } from '../schema/ruleset.js';
import { checkBounded, mustParse, type CheckContext, type EventModule, type CompiledRuleOf } from './event-module.js';

export const MAX_OFFSETS = 100;

/** What happens to a routine contact that no slot of its tolerance fits (a cadence's, a feedback call's). */
export const overflowSchema = () =>
  z.discriminatedUnion('move', [
    z.strictObject({ move: z.literal('drop') }),
    z.strictObject({ move: z.literal('earlier'), within: duration() }),
    /**
     * `earlierWithin`: before moving later, the nearest slot before the due by up to this much (a first care call a
     * holiday would push past its tenth day goes before the holiday instead).
     */
    z.strictObject({ move: z.literal('later'), within: duration(), earlierWithin: duration().optional() }),
  ]);

/** An overflow policy as the schema reads it. */
export type OverflowParams = z.output<ReturnType<typeof overflowSchema>>;

/** Checks an overflow policy's durations: bounded, and longer than zero. */
export function checkOverflow(ctx: CheckContext, overflow: OverflowParams | undefined, path: string): void {
  if (overflow === undefined || overflow.move === 'drop') return;
  const spans =
    overflow.move === 'later' && overflow.earlierWithin !== undefined
      ? (['within', 'earlierWithin'] as const)
      : (['within'] as const);
  for (const key of spans) {
    const value = (overflow as Record<string, string>)[key] as string;
    checkBounded(ctx, value, `${path}.${key}`);
    if (approxDays(value) <= 0) ctx.issue(issue(`${path}.${key}`, 'duration-zero'));
  }
}

/** An overflow policy, compiled (`null`: dropped); reasons name `ruleId`. */
export function compileOverflow(overflow: OverflowParams | undefined, ruleId: string): CadenceOverflow | null {
  if (overflow === undefined || overflow.move === 'drop') return null;
  const earlierWithin = overflow.move === 'later' ? overflow.earlierWithin : undefined;
  return {
    move: overflow.move,
    within: mustParse(overflow.within),
    params: { move: overflow.move, within: overflow.within, overflowRule: ruleId },
    earlier:
      earlierWithin === undefined
        ? null
        : {
            within: mustParse(earlierWithin),
            params: { move: 'earlier', within: earlierWithin, overflowRule: ruleId },
          },
  };
}

/**
 * Parameters of a `cadence` event: routine contacts at offsets from an anchor.
 *
 * @example
 * ```ts
 * import { CadenceParamsSchema } from 'rx-followup';
 *
 * const p = CadenceParamsSchema.parse({ anchor: 'purchase', offsets: ['P3D'], channel: 'phone', purpose: 'medication-check', tolerance: 'P7D' });
 * console.log(p.kind, p.until); // follow-up horizon (the defaults)
 * ```
 */
export const CadenceParamsSchema = z.strictObject({
  kind: routineKind.default('follow-up'),
  anchor: z.enum(['purchase', 'registration', 'onset', 'supply-end', 'holidays', 'discharge']),
  /**
   * With `anchor: 'holidays'`: the calendar whose holidays the contacts are anchored to (the festival's own day of
   * each, where the calendar marks one with `festival: true`; else its first day).
   */
  calendar: calendarName.optional(),
  /** With `anchor: 'holidays'`: only the holidays of these names (`["春节", "中秋节"]`); none listed: every holiday. */
  holidays: z.array(nonEmptyText(200)).min(1).max(50).optional(),
  offsets: z
    .array(duration({ signed: true }))
    .min(1, { error: zodError('list-empty', { noun: 'offsets' }) })
    .max(MAX_OFFSETS),
  repeat: z.strictObject({ every: duration() }).optional(),
  until: z.enum(['supply-end', 'horizon']).default('horizon'),
  channel,
  purpose,
  tolerance: duration(),
  toleranceBefore: duration().optional(),
  /**
   * What happens when no slot fits the tolerance: `drop` it (the default), or `move` it `earlier` or `later` by up
   * to `within`, to the nearest allowed slot. A contact anchored on the supply end never moves past the run-out.
   */
  overflow: overflowSchema().optional(),
  /**
   * What a new purchase does to this cadence when the customer's history shows it already running: `restart` (the
   * default) plans it afresh and supersedes the open contacts of earlier plans it made for the same drugs; `keep`
   * plans nothing for a line whose supply carries over from an earlier purchase (the running series goes on).
   * Registration-anchored cadences are planned once per customer, whatever this says.
   */
  onRepeat: z.enum(['restart', 'keep']).default('restart'),
});

/** Params of a `cadence` event. */
export type CadenceParams = z.output<typeof CadenceParamsSchema>;

/** A cadence rule, compiled: its durations parsed, and how reasons name them. */
export interface CadenceRule extends CompiledRuleOf<'cadence', CadenceParams> {
  readonly offsets: readonly Duration[];
  readonly repeat: Duration | null;
  readonly tolerance: Duration;
  /** The tolerance before the due, already negated for adding. */
  readonly toleranceBefore: Duration | null;
  /** How reasons give the tolerance: `{ tolAfter: 'P7D', tolBefore?: 'P1D' }`. */
  readonly toleranceParams: ToleranceParams;
  /** Where a contact that fits no slot of its tolerance may move, and how far; `null`: it is dropped. */
  readonly overflow: CadenceOverflow | null;
  /** With `anchor: 'holidays'`: the first day (epoch day) and name of each holiday it is anchored to, in order. */
  readonly holidayStarts: readonly { readonly epochDay: number; readonly name: string }[];
}

/** A cadence's overflow policy, compiled. */
export interface CadenceOverflow {
  readonly move: 'earlier' | 'later';
  /** How far beyond the tolerance, as a positive duration. */
  readonly within: Duration;
  /** How reasons give it: `{ move, within, overflowRule }`. */
  readonly params: MoveParams;
  /** A later-moving policy's first try: the slots before the due by up to `within`; `null`, none. */
  readonly earlier: { readonly within: Duration; readonly params: MoveParams } | null;
}

/**
 * The day each holiday of a calendar is greeted on (a run of consecutive days with one name is one holiday; a make-up
 * workday is none): the day marked `festival` within it (春节's 初一), else its first day; optionally only those of
 * the given names, in date order.
 */
function holidayStarts(
  ruleSet: RuleSet,
  calendar: string,
  names: readonly string[] | undefined,
): { epochDay: number; name: string }[] {
  const cal = ruleSet.calendars[calendar];
  if (cal === undefined) return [];
  const days = holidayDays(cal).filter((h) => names === undefined || names.includes(h.name));
  const anchors: { epochDay: number; name: string }[] = [];
  for (let i = 0; i < days.length; i++) {
    const day = days[i] as (typeof days)[number];
    const before = days[i - 1];
    const starts = before === undefined || before.name !== day.name || before.epochDay !== day.epochDay - 1;
    if (starts) anchors.push({ epochDay: day.epochDay, name: day.name });
    // The festival's own day, later in the same run, takes the place of the run's first day.
    else if (day.festival) (anchors[anchors.length - 1] as { epochDay: number }).epochDay = day.epochDay;
  }
  return anchors;
}

export const cadenceEvent: EventModule<'cadence', CadenceParams, CadenceRule> = {
  type: 'cadence',
  stage: 'cadence',
  params: CadenceParamsSchema,
  check(params, ctx) {
    if (params.anchor === 'holidays') {
      if (params.calendar === undefined) ctx.issue(issue('event.params.calendar', 'holidays-need-calendar'));
      else ctx.calendarRef(params.calendar, 'event.params.calendar');
      if (params.repeat) ctx.issue(issue('event.params.repeat', 'holidays-no-repeat'));
    } else {
      if (params.calendar !== undefined)
        ctx.issue(issue('event.params.calendar', 'only-holidays', { key: 'calendar' }));
      if (params.holidays !== undefined)
        ctx.issue(issue('event.params.holidays', 'only-holidays', { key: 'holidays' }));
    }
    params.offsets.forEach((offset, i) => checkBounded(ctx, offset.replace(/^[+-]/, ''), `event.params.offsets[${i}]`));
    checkBounded(ctx, params.tolerance, 'event.params.tolerance');
    checkBounded(ctx, params.toleranceBefore, 'event.params.toleranceBefore');
    checkOverflow(ctx, params.overflow, 'event.params.overflow');
    if (params.repeat) {
      checkBounded(ctx, params.repeat.every, 'event.params.repeat.every');
      if (approxDays(params.repeat.every) < 1 / 24)
        ctx.issue(issue('event.params.repeat.every', 'duration-too-short', { unit: 'hour' }));
    }
  },
  compile(rule, params, ctx) {
    return {
      type: 'cadence',
      id: rule.id,
      priority: rule.priority,
      params,
      offsets: params.offsets.map(mustParse),
      repeat: params.repeat ? mustParse(params.repeat.every) : null,
      tolerance: mustParse(params.tolerance),
      toleranceBefore: params.toleranceBefore === undefined ? null : { ...mustParse(params.toleranceBefore), sign: -1 },
      toleranceParams:
        params.toleranceBefore === undefined
          ? { tolAfter: params.tolerance }
          : { tolAfter: params.tolerance, tolBefore: params.toleranceBefore },
      overflow: compileOverflow(params.overflow, rule.id),
      holidayStarts:
        params.anchor === 'holidays' && params.calendar !== undefined
          ? holidayStarts(ctx.ruleSet, params.calendar, params.holidays)
          : [],
    };
  },
};

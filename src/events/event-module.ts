/**
 * One home per event type: each module under `src/events/` holds its type's params schema, the checks beyond the
 * schema that need the whole rule set, and its compiled form; the registry (index.ts) lists them, and validation and
 * compilation loop over it. A new event type is a new module and one line in the registry; the module names the
 * stage of a plan that reads its compiled rules.
 */
import type { z } from 'zod';
import { approxDays, parseDuration, type Duration } from '../calendar/duration.js';
import { assert } from '../errors.js';
import type { RuleSet } from '../schema/ruleset.js';
import { issue, type OwnIssue } from '../i18n/issues.js';

/** What an event type's checks may ask of the rule set being validated, and how they report. */
export interface CheckContext {
  /** An issue at `path` under the rule (`event.params.gap`). */
  issue(found: OwnIssue): void;
  /** Reports a calendar the rule set does not define. */
  calendarRef(name: string, path: string): void;
  /** The rule set's horizon, as written and in days. */
  readonly horizon: string;
  readonly horizonDays: number;
}

/** What an event type's compilation may ask of the validated rule set. */
export interface CompileContext {
  readonly ruleSet: RuleSet;
  /** The make-up workdays of a calendar as epoch days: one set per calendar, shared by every rule that names it. */
  workdaysOf(calendar: string): ReadonlySet<number>;
}

/** What every compiled rule carries: its event type, its id and priority, and its params as validated. */
export interface CompiledRuleOf<T extends string, P> {
  readonly type: T;
  readonly id: string;
  readonly priority: number;
  readonly params: P;
}

/**
 * Which stage of a plan reads an event type's compiled rules: `cadence` (each line's contacts), `escalation` (each
 * incident's urgent contact; its rules are evaluated per incident, the others per line), or `policy` (the windows,
 * blackouts, channels, caps and retries in force for the whole plan).
 */
export type PlanStage = 'cadence' | 'escalation' | 'policy';

/** One event type: its params schema, its checks, its compiled form and the stage that reads it. */
export interface EventModule<T extends string, P, C> {
  readonly type: T;
  readonly stage: PlanStage;
  /** A policy rule the plan names in `policy.ruleIds` when it is in force (what placed the contacts). */
  readonly shownInPolicy?: boolean;
  readonly params: z.ZodType<P, unknown>;
  /** Checks beyond the schema (bounds, references to calendars); `params` passed the schema. */
  check(params: P, ctx: CheckContext): void;
  /** The rule made ready to plan with. */
  compile(rule: { readonly id: string; readonly priority: number }, params: P, ctx: CompileContext): C;
}

/** A duration validation has accepted, parsed. */
export const mustParse = (text: string): Duration => {
  const d = parseDuration(text);
  assert(d !== undefined, `validated duration ${text} did not parse`);
  return d;
};

/** Whole days of a whole-day duration (weeks and days only, as validated). */
export const wholeDays = (d: Duration): number => d.sign * (d.weeks * 7 + d.days);

/** The longest horizon a rule set may ask for, in days: no duration means more. */
export const MAX_HORIZON_DAYS = 731;

/** Reports a duration longer than it can mean: nothing in a plan lies further than the longest horizon. */
export function checkBounded(
  ctx: CheckContext,
  text: string | undefined,
  path: string,
  limitDays = MAX_HORIZON_DAYS,
  horizon?: string,
): void {
  if (text !== undefined && approxDays(text) > limitDays)
    ctx.issue(
      issue(
        path,
        'duration-too-long',
        horizon === undefined ? { value: text, days: limitDays } : { value: text, days: limitDays, horizon },
      ),
    );
}

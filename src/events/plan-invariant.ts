/**
 * What an event type promises of a plan, checked beside its module (`<type>.invariant.ts`): the invariant checker
 * (`rx-followup/testing`) runs the generic checks, then each event type's over the rules of that type that hold for
 * the input. Only the checker imports these files; the planner's bundle does not carry them.
 */
import { parseDuration, type Duration } from '../calendar/duration.js';
import { parseInstant } from '../calendar/instant.js';
import { fromEpochDay } from '../calendar/local-date.js';
import { fromLocal, localEpochDay } from '../calendar/zone.js';
import type { PlanFacts } from '../facts/build-facts.js';
import type { Explanation } from '../i18n/explanation.js';
import type { FollowUpPlan, Touchpoint } from '../plan/types.js';
import type { ParsedPlanInput } from '../schema/input.js';
import type { Rule, RuleSet } from '../schema/ruleset.js';

/** One broken promise of a plan. */
export interface Violation {
  /**
   * Which invariant (numbered as in docs/testing.md): `before-as-of`, `escalation-before-report`, `horizon` (2);
   * `window-order`, `tolerance`, `dropped` (3); `call-window`, `blackout` (4); `escalation-deadline`,
   * `escalation-first`, `held` (5); `cap`, `consent` (6); `sorted`, `unique-ids`, `explained` (7); `retry`;
   * `supersedes`, `history-outcome` (with a history); `input` when the input itself is not valid, `checkable` when
   * the plan cannot be read.
   */
  invariant: string;
  touchpointId?: string;
  message: string;
}

/** A routine contact of the plan, with its start and the customer's local day it falls on (epoch days). */
export interface RoutineContact {
  readonly t: Touchpoint;
  readonly start: number;
  readonly day: number;
}

/** What every event type's invariant may read of the plan being checked. */
export interface PlanCheckContext {
  readonly plan: FollowUpPlan;
  readonly input: ParsedPlanInput;
  readonly facts: PlanFacts;
  readonly ruleSet: RuleSet;
  readonly rulesById: ReadonlyMap<string, Rule>;
  /** The rules that hold for this input (for any line, or any incident). */
  readonly applicable: readonly Rule[];
  /** The escalation rules that hold for each incident, by its index. */
  readonly byIncident: readonly (readonly Rule[])[];
  /** The end of the horizon (epoch ms). */
  readonly horizonEnd: number;
  /** The routine contacts, in plan order. */
  readonly routine: readonly RoutineContact[];
  /**
   * The history's contacts the caps count beside this plan's: those still planned for other purchases (and not
   * superseded), and those made (done or declined), on the day they were made. Empty without a history.
   */
  readonly earlier: readonly RoutineContact[];
  report(violation: Violation): void;
}

/** What window and blackout checks read: the rule set's calendars and the customer's own windows. */
export interface WindowCheckContext {
  readonly ruleSet: RuleSet;
  readonly input: {
    readonly customer: {
      readonly preferredWindows?: readonly { days: readonly string[]; from: string; to: string }[] | undefined;
    };
  };
}

/** A rule of one event type. */
export type RuleOfType<K extends Rule['event']['type']> = Rule & {
  readonly event: Extract<Rule['event'], { type: K }>;
};

/** An event type's invariant: `rules` are the rules of its type that hold for the input. */
export type PlanInvariant<K extends Rule['event']['type']> = (
  rules: readonly RuleOfType<K>[],
  ctx: PlanCheckContext,
) => void;

/** Epoch ms of an ISO instant of a plan (NaN when it is not one, which every comparison then fails). */
export function instantOf(text: string): number {
  const p = parseInstant(text);
  return p.ok ? p.epochMs : Number.NaN;
}

export const durationOf = (text: string | undefined): Duration | undefined =>
  text === undefined ? undefined : parseDuration(text);

/** Whole days of a validated whole-day duration (a cap's gap or period). */
export function wholeDaysOf(text: string): number {
  const d = parseDuration(text);
  return d ? d.sign * (d.weeks * 7 + d.days) : 0;
}

/** The instant of a clock time (minutes after midnight, past 24:00 into the next day) on a local day, in `zone`. */
export function localMinuteAt(epochDay: number, minutes: number, zone: string): number {
  const d = fromEpochDay(epochDay + Math.floor(minutes / 1440));
  return fromLocal(
    { ...d, hour: Math.floor((minutes % 1440) / 60), minute: minutes % 60, second: 0, millisecond: 0 },
    zone,
  );
}

/**
 * Where a routine contact started before a contact joining it that day moved it to its own slot (one routine contact
 * a day: the first `merged.moved` reason of its own, not of a purpose merged in), and whether the move kept the day;
 * `undefined` when no join moved it.
 */
export function movedByJoin(c: RoutineContact, zone: string): { from: number; sameDay: boolean } | undefined {
  const explanations = (c.t.explanations as readonly Explanation[] | undefined) ?? [];
  const moved = explanations.find((e) => e.code === 'merged.moved' && e.params.of === undefined);
  if (moved === undefined) return undefined;
  const from = instantOf(String(moved.params.from));
  return { from, sameDay: localEpochDay(from, zone) === c.day };
}

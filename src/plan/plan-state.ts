/**
 * One plan on its way: what every stage reads ({@link PlanState}: rules, facts, policy, and the plan's log of
 * warnings), and the values the stages hand on — a {@link Candidate} becomes a {@link Placed} contact or a
 * {@link Suppressed} one; an incident's {@link Hold} keeps routine contacts back.
 */
import { addDuration, type Duration } from '../calendar/duration.js';
import { statutoryRuns } from '../calendar/cn-statutory.js';
import { formatInstant } from '../calendar/instant.js';
import { formatLocalDate, fromEpochDay } from '../calendar/local-date.js';
import type { PlanFacts } from '../facts/build-facts.js';
import { localEpochDay } from '../calendar/zone.js';
import { explain, type Explanation } from '../i18n/explanation.js';
import { joined, type MoveParams, type ToleranceParams } from '../i18n/reason-params.js';
import type { CadenceOverflow } from '../events/cadence.js';
import type { CapRule, ChannelPolicyRule, CompiledRuleSet } from './compile.js';
import type { Channel, FollowUpPlan, TouchpointKind, Urgency } from './types.js';
import type { WindowSet } from './windows.js';

/** A contact a rule asks for, not placed yet; instants in epoch milliseconds. */
export interface Candidate {
  readonly kind: TouchpointKind;
  readonly channel: Channel;
  readonly urgency: Urgency;
  readonly purpose: string;
  readonly dueMs: number;
  /** Earliest and latest start the rule allows (before asOf and the horizon). */
  readonly earliestMs: number;
  readonly latestMs: number;
  /** Its tolerance as reasons give it (`tolAfter`, `tolBefore`, `tolFrom`; or `tolMerged`, `tolWithin`). */
  readonly tolerance: ToleranceParams;
  readonly priority: number;
  readonly ruleIds: readonly string[];
  /** Why it exists and moved, as data: rendered in the planner's locale when the plan is finished. */
  readonly reasons: readonly Explanation[];
  /** Distinct drug codes (a short list: a Set costs more to make than it saves). */
  readonly drugCodes: readonly string[];
  readonly incidentIndex: number | null;
  /** Where it may move when no slot fits its tolerance (its cadence's overflow policy); `null`: dropped. */
  readonly overflow: Overflow | null;
  /** A contact of an earlier plan (the history's) the caps count: its id; else `null`. */
  readonly earlierContactId: string | null;
  /** A retry: the attempt not reached, whose time of day it goes at only when no other is in reach; else `null`. */
  readonly missedAtMs: number | null;
}

/** How far a routine contact may move beyond its tolerance, and which way. */
export interface Overflow {
  readonly move: 'earlier' | 'later';
  /** The earliest start it may move to (earlier) or the latest (later). */
  readonly limitMs: number;
  /** How reasons give it: `move`, `within`, `overflowRule`. */
  readonly params: MoveParams;
  /** Moving later, tried first: the nearest slot before the tolerance, from `limitMs` on; `null`, none. */
  readonly earlier: Overflow | null;
}

/** `span` before `ms`, in `zone`. */
const before = (ms: number, span: Duration, zone: string): number => addDuration(ms, { ...span, sign: -1 }, zone);

/**
 * Where a contact with the tolerance [earliestMs, latestMs] may move by its rule's overflow policy: down to
 * `within` before, or up to `within` after (and, moving later, first down to its `earlier.within` before).
 */
export function overflowOf(policy: CadenceOverflow, earliestMs: number, latestMs: number, zone: string): Overflow {
  const { move, within } = policy;
  const earlier =
    policy.earlier === null
      ? null
      : {
          move: 'earlier' as const,
          limitMs: before(earliestMs, policy.earlier.within, zone),
          params: policy.earlier.params,
          earlier: null,
        };
  return {
    move,
    limitMs: move === 'earlier' ? before(earliestMs, within, zone) : addDuration(latestMs, within, zone),
    params: policy.params,
    earlier,
  };
}

/** A candidate given its slot. */
export interface Placed extends Candidate {
  readonly startMs: number;
  readonly endMs: number;
  readonly epochDay: number;
  /**
   * Where a routine contact's start may lie — its tolerance (every merged purpose's), not before asOf or what it
   * waits for, not past the horizon — as placement worked it out: worklists level within it. Zero: not known.
   */
  readonly reachLoMs: number;
  readonly reachHiMs: number;
}

/** A candidate the plan does not make, and why. */
export interface Suppressed {
  readonly candidate: Candidate;
  /** Why: the main explanation, then its details. */
  readonly reasons: readonly Explanation[];
  readonly ruleIds: readonly string[];
}

/** The rules in force for this plan beyond its cadences and escalations. */
export interface Policy {
  windows: WindowSet;
  channelPolicies: ChannelPolicyRule[];
  caps: CapRule[];
  /** The window, blackout and cap rules among these, and the customer's own windows, as the plan reports them. */
  shown: FollowUpPlan['policy'];
}

/** A new candidate, its fields in one order wherever it is made. */
export function newCandidate(f: Candidate): Candidate {
  return {
    kind: f.kind,
    channel: f.channel,
    urgency: f.urgency,
    purpose: f.purpose,
    dueMs: f.dueMs,
    earliestMs: f.earliestMs,
    latestMs: f.latestMs,
    tolerance: f.tolerance,
    priority: f.priority,
    ruleIds: f.ruleIds,
    reasons: f.reasons,
    drugCodes: f.drugCodes,
    incidentIndex: f.incidentIndex,
    overflow: f.overflow,
    earlierContactId: f.earlierContactId,
    missedAtMs: f.missedAtMs,
  };
}

/** What a stage says of a contact beyond what it was asked for: its reasons and rule ids, whole. */
export interface Said {
  readonly reasons: readonly Explanation[];
  readonly ruleIds: readonly string[];
}

/**
 * The candidate, placed in its slot: a new value, with where its start may lie (`reachLoMs`, `reachHiMs`; zero when
 * not known), and its reasons and rule ids as placement says them (`said`; else the candidate's). Lists are shared,
 * not copied: no value's lists change once it is made.
 */
export function placeAt(c: Candidate, startMs: number, endMs: number, epochDay: number): Placed;
export function placeAt<S extends Said>(
  c: Candidate,
  startMs: number,
  endMs: number,
  epochDay: number,
  reachLoMs: number,
  reachHiMs: number,
  said: S,
): Placed & S;
export function placeAt(
  c: Candidate,
  startMs: number,
  endMs: number,
  epochDay: number,
  reachLoMs = 0,
  reachHiMs = 0,
  said: Said = c,
): Placed {
  return {
    kind: c.kind,
    channel: c.channel,
    urgency: c.urgency,
    purpose: c.purpose,
    dueMs: c.dueMs,
    earliestMs: c.earliestMs,
    latestMs: c.latestMs,
    tolerance: c.tolerance,
    priority: c.priority,
    ruleIds: said.ruleIds,
    reasons: said.reasons,
    drugCodes: c.drugCodes,
    incidentIndex: c.incidentIndex,
    overflow: c.overflow,
    earlierContactId: c.earlierContactId,
    missedAtMs: c.missedAtMs,
    startMs,
    endMs,
    epochDay,
    reachLoMs,
    reachHiMs,
  };
}

/** The candidate with some fields changed: a new value (a placed contact's slot fields are not carried). */
export function revised(c: Candidate, changes: Partial<Candidate>): Candidate {
  return newCandidate({ ...c, ...changes });
}

/** A candidate the plan does not make: why, and the rules that said so. */
export function suppression(
  c: Candidate,
  reason: Explanation | readonly Explanation[],
  ruleIds: readonly string[],
): Suppressed {
  return { candidate: c, reasons: isList(reason) ? reason : [reason], ruleIds };
}

/** What a warning says, as one key (its code and params): warnings are listed once each, in the order of their keys. */
export function warningKey(w: Explanation): string {
  let key = w.code;
  for (const name in w.params) key += `\u0000${name}=${w.params[name]}`;
  return key;
}

export const URGENCY_RANK: Record<Urgency, number> = { critical: 0, high: 1, routine: 2 };

/** One explanation or a list of them. */
const isList = (x: Explanation | readonly Explanation[]): x is readonly Explanation[] => Array.isArray(x);

/** Appends an item the list does not hold yet (a list a stage is still making). */
export const pushOne = (list: string[], item: string): void => {
  if (!list.includes(item)) list.push(item);
};

/** The list with the `items` it does not hold yet (`null`s skipped): a new list, or the same when none is new. */
export function withAll(list: readonly string[], items: readonly (string | null)[]): readonly string[] {
  let out: string[] | null = null;
  for (const item of items) {
    if (item === null || (out ?? list).includes(item)) continue;
    (out ??= list.slice()).push(item);
  }
  return out ?? list;
}

/** What merged contacts join: purposes (with `+`), rule ids, drug codes. */
type Lists = Pick<Candidate, 'purpose' | 'ruleIds' | 'drugCodes'>;

/**
 * `into`'s purpose, rule ids and drug codes with `from`'s added (and `extraRuleId`): new values, for a merged
 * contact (reasons are each merge's own).
 */
export function mergedLists(into: Lists, from: Lists, extraRuleId: string | null = null): Lists {
  const purposes = into.purpose.split('+');
  let purpose = into.purpose;
  for (const p of from.purpose.split('+')) {
    if (!purposes.includes(p)) {
      purposes.push(p);
      purpose = `${purpose}+${p}`;
    }
  }
  const ruleIds = withAll(withAll(into.ruleIds, from.ruleIds), [extraRuleId]);
  return { purpose, ruleIds, drugCodes: withAll(into.drugCodes, from.drugCodes) };
}

/** Routine contacts an incident holds back: of these kinds, for its drug (`null`: every drug of the purchase). */
export interface Hold {
  readonly drugCode: string | null;
  readonly kinds: ReadonlySet<string>;
  /** Contacts due from then on are not held: when the incident was resolved (`Infinity`: open). */
  readonly untilMs: number;
  readonly reason: Explanation;
  readonly ruleId: string;
}

/** The hold that keeps a routine contact back: one of its kind, due while it lasts, covering every drug it is about. */
export function holdOn(holds: readonly Hold[], c: Candidate): Hold | undefined {
  for (const hold of holds) {
    if (
      c.dueMs < hold.untilMs &&
      hold.kinds.has(c.kind) &&
      (hold.drugCode === null || (c.drugCodes.length > 0 && c.drugCodes.every((d) => d === hold.drugCode)))
    )
      return hold;
  }
  return undefined;
}

/**
 * What every stage of one plan reads: the rules, the facts, the policy in force, the zone and horizon — and the
 * plan's one log, its warnings. The contacts are the stages' values, handed from one to the next.
 */
export class PlanState {
  readonly zone: string;
  readonly horizonEndMs: number;
  /** Warnings by what they say (code and params): each once. */
  readonly warnings = new Map<string, Explanation>();

  constructor(
    readonly compiled: CompiledRuleSet,
    readonly facts: PlanFacts,
    readonly policy: Policy,
  ) {
    this.zone = facts.zone;
    this.horizonEndMs = addDuration(facts.purchasedAtMs, compiled.horizon, facts.zone);
    for (const w of facts.warnings) this.warn(w);
    if (policy.windows.coverage.length > 0) {
      const first = localEpochDay(Math.min(facts.purchasedAtMs, facts.asOfMs), this.zone);
      const last = localEpochDay(this.horizonEndMs, this.zone);
      for (const c of policy.windows.coverage) {
        // One of each per calendar: keyed without looking at their params.
        if (last > c.throughDay && c.provisional) {
          // Past the published dates, the statutory holidays stand in: the warning names those the plan reaches
          // (from its first day or the day after the published dates, whichever is later).
          const holidays = joined(
            statutoryRuns(Math.max(c.throughDay + 1, first), last).map(
              (r) =>
                `${r.name} ${formatLocalDate(fromEpochDay(r.firstDay))}/${formatLocalDate(fromEpochDay(r.lastDay))}`,
            ),
          );
          const params = {
            calendar: c.calendar,
            through: c.through,
            last: formatLocalDate(fromEpochDay(last)),
            holidays,
          };
          this.warnings.set(
            `warning.calendar-provisional\u0000${c.calendar}`,
            explain('warning.calendar-provisional', params),
          );
        } else if (last > c.throughDay) {
          const params = { calendar: c.calendar, through: c.through, last: formatLocalDate(fromEpochDay(last)) };
          this.warnings.set(`warning.calendar-ends\u0000${c.calendar}`, explain('warning.calendar-ends', params));
        }
        if (first < c.fromDay) {
          const params = { calendar: c.calendar, from: c.from, first: formatLocalDate(fromEpochDay(first)) };
          this.warnings.set(`warning.calendar-starts\u0000${c.calendar}`, explain('warning.calendar-starts', params));
        }
      }
    }
  }

  /** For a contact on a local day a used calendar does not cover, the reason that says so. */
  uncoveredReason(epochDay: number): Explanation | null {
    for (const c of this.policy.windows.coverage) {
      const day = formatLocalDate(fromEpochDay(epochDay));
      if (epochDay > c.throughDay)
        return explain(
          'uncovered',
          c.provisional
            ? { day, calendar: c.calendar, through: c.through, provisional: 1 }
            : { day, calendar: c.calendar, through: c.through },
        );
      if (epochDay < c.fromDay) return explain('uncovered', { day, calendar: c.calendar, from: c.from });
    }
    return null;
  }

  /** An instant as reasons' params give it: ISO-8601 in the customer's offset. */
  at(ms: number): string {
    // The last two instants formatted, remembered: a contact's reasons and its record name its due and start again.
    if (ms === this.lastMs) return this.lastIso;
    if (ms === this.priorMs) return this.priorIso;
    this.priorMs = this.lastMs;
    this.priorIso = this.lastIso;
    this.lastMs = ms;
    this.lastIso = formatInstant(ms, this.zone);
    return this.lastIso;
  }
  private lastMs = Number.NaN;
  private lastIso = '';
  private priorMs = Number.NaN;
  private priorIso = '';

  /** Warns, once per distinct warning. */
  warn(w: Explanation): void {
    const key = warningKey(w);
    if (!this.warnings.has(key)) this.warnings.set(key, w);
  }
}

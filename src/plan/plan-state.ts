/**
 * One plan on its way: the candidates rules ask for, the state the stages share (policy, placed contacts, what was
 * suppressed, warnings), and the stage types — a {@link Candidate} becomes a {@link Placed} contact or a
 * {@link Suppressed} one.
 */
import { addDuration } from '../calendar/duration.js';
import { formatLocalDate, fromEpochDay } from '../calendar/local-date.js';
import type { PlanFacts } from '../facts/build-facts.js';
import { describeDay, describeInstant } from '../calendar/describe.js';
import { localEpochDay } from '../calendar/zone.js';
import type { CapRule, ChannelPolicyRule, CompiledRuleSet } from './compile.js';
import type { Channel, FollowUpPlan, TouchpointKind, Urgency } from './types.js';
import type { WindowSet } from './windows.js';

/** A contact a rule asks for, not placed yet; instants in epoch milliseconds. */
export interface Candidate {
  kind: TouchpointKind;
  channel: Channel;
  urgency: Urgency;
  purpose: string;
  dueMs: number;
  /** Earliest and latest start the rule allows (before asOf and the horizon). */
  earliestMs: number;
  latestMs: number;
  toleranceText: string;
  priority: number;
  ruleIds: string[];
  reasons: string[];
  /** Distinct drug codes (a short list: a Set costs more to make than it saves). */
  drugCodes: string[];
  incidentIndex: number | null;
  /** Where it may move when no slot fits its tolerance (its cadence's overflow policy); `null`: dropped. */
  overflow: Overflow | null;
}

/** How far a routine contact may move beyond its tolerance, and which way. */
export interface Overflow {
  readonly move: 'earlier' | 'later';
  /** The earliest start it may move to (earlier) or the latest (later). */
  readonly limitMs: number;
  /** `up to P14D later (rule cadence.x)`. */
  readonly text: string;
}

/** A candidate given its slot. */
export interface Placed extends Candidate {
  startMs: number;
  endMs: number;
  epochDay: number;
  /**
   * Where a routine contact's start may lie — its tolerance (every merged purpose's), not before asOf or what it
   * waits for, not past the horizon — as placement worked it out: worklists level within it. Zero: not known.
   */
  reachLoMs: number;
  reachHiMs: number;
}

/** A candidate the plan does not make, and why. */
export interface Suppressed {
  candidate: Candidate;
  reason: string;
  ruleIds: string[];
}

/** The rules in force for this plan beyond its cadences and escalations. */
export interface Policy {
  windows: WindowSet;
  channelPolicies: ChannelPolicyRule[];
  caps: CapRule[];
  /** The window, blackout and cap rules among these, and the customer's own windows, as the plan reports them. */
  shown: FollowUpPlan['policy'];
}

/**
 * A new candidate. It is made with its slot fields (zero until placed), so a candidate and a placed contact are
 * one object shape to the JavaScript engine; the types keep the stages apart.
 */
export function newCandidate(f: Candidate): Candidate {
  const c: Placed = {
    kind: f.kind,
    channel: f.channel,
    urgency: f.urgency,
    purpose: f.purpose,
    dueMs: f.dueMs,
    earliestMs: f.earliestMs,
    latestMs: f.latestMs,
    toleranceText: f.toleranceText,
    priority: f.priority,
    ruleIds: f.ruleIds,
    reasons: f.reasons,
    drugCodes: f.drugCodes,
    incidentIndex: f.incidentIndex,
    overflow: f.overflow,
    startMs: 0,
    endMs: 0,
    epochDay: 0,
    reachLoMs: 0,
    reachHiMs: 0,
  };
  return c;
}

/** The candidate, placed in its slot. */
export function placeAt(c: Candidate, startMs: number, endMs: number, epochDay: number): Placed {
  const placed = c as Placed;
  placed.startMs = startMs;
  placed.endMs = endMs;
  placed.epochDay = epochDay;
  return placed;
}

export const URGENCY_RANK: Record<Urgency, number> = { critical: 0, high: 1, routine: 2 };

/** Appends what the list does not hold yet. */
export const push = (list: string[], ...items: string[]): void => {
  for (const item of items) if (!list.includes(item)) list.push(item);
};
export const pushOne = (list: string[], item: string): void => {
  if (!list.includes(item)) list.push(item);
};

/** Merges `from`'s purpose, rule ids and drug codes into `into` (reasons are each merge's own). */
export function mergeLists(into: Candidate, from: Candidate, extraRuleId?: string): void {
  const purposes = into.purpose.split('+');
  for (const purpose of from.purpose.split('+')) {
    if (!purposes.includes(purpose)) {
      purposes.push(purpose);
      into.purpose = `${into.purpose}+${purpose}`;
    }
  }
  push(into.ruleIds, ...from.ruleIds);
  if (extraRuleId !== undefined) pushOne(into.ruleIds, extraRuleId);
  for (const code of from.drugCodes) pushOne(into.drugCodes, code);
}

/** Routine contacts an incident holds back: of these kinds, for its drug (`null`: every drug of the purchase). */
export interface Hold {
  readonly drugCode: string | null;
  readonly kinds: ReadonlySet<string>;
  /** Contacts due from then on are not held: when the incident was resolved (`Infinity`: open). */
  readonly untilMs: number;
  readonly reason: string;
  readonly ruleId: string;
}

/** What every stage of one plan shares. */
export class PlanState {
  readonly zone: string;
  readonly horizonEndMs: number;
  readonly routine: Placed[] = [];
  readonly escalations: Placed[] = [];
  readonly holds: Hold[] = [];
  readonly suppressed: Suppressed[] = [];
  readonly warnings = new Set<string>();

  constructor(
    readonly compiled: CompiledRuleSet,
    readonly facts: PlanFacts,
    readonly policy: Policy,
  ) {
    this.zone = facts.zone;
    this.horizonEndMs = addDuration(facts.purchasedAtMs, compiled.horizon, facts.zone);
    for (const w of facts.warnings) this.warnings.add(w);
    if (policy.windows.coverage.length > 0) {
      const first = localEpochDay(Math.min(facts.purchasedAtMs, facts.asOfMs), this.zone);
      const last = localEpochDay(this.horizonEndMs, this.zone);
      for (const c of policy.windows.coverage) {
        if (last > c.throughDay)
          this.warnings.add(
            `calendar ${c.calendar} covers dates through ${c.through}, and this plan runs to ${formatLocalDate(fromEpochDay(last))}: its holidays and make-up workdays after ${c.through} are not known (add the next year's dates)`,
          );
        if (first < c.fromDay)
          this.warnings.add(
            `calendar ${c.calendar} covers dates from ${c.from}, and this plan starts ${formatLocalDate(fromEpochDay(first))}: its holidays and make-up workdays before ${c.from} are not known`,
          );
      }
    }
  }

  /** For a contact on a local day a used calendar does not cover, the reason that says so. */
  uncoveredReason(epochDay: number): string | null {
    for (const c of this.policy.windows.coverage) {
      if (epochDay > c.throughDay)
        return `${describeDay(epochDay)} is past the dates calendar ${c.calendar} covers (through ${c.through}): whether it is a holiday is not known`;
      if (epochDay < c.fromDay)
        return `${describeDay(epochDay)} is before the dates calendar ${c.calendar} covers (from ${c.from}): whether it is a holiday is not known`;
    }
    return null;
  }

  /** An instant as reasons show it, in the customer's zone. */
  at(ms: number): string {
    return describeInstant(ms, this.zone);
  }

  /** The hold that keeps a routine contact back: one of its kind, due while it lasts, covering every drug it is about. */
  holdOn(c: Candidate): Hold | undefined {
    for (const hold of this.holds) {
      if (
        c.dueMs < hold.untilMs &&
        hold.kinds.has(c.kind) &&
        (hold.drugCode === null || (c.drugCodes.length > 0 && c.drugCodes.every((d) => d === hold.drugCode)))
      )
        return hold;
    }
    return undefined;
  }

  suppress(c: Candidate, reason: string, ruleIds: string[]): void {
    this.suppressed.push({ candidate: c, reason, ruleIds });
  }
}

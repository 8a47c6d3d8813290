/**
 * What a worklist promises, checked from the plans, the options and the rule set alone — an oracle written apart from
 * the worklist code (src/worklist/), so that a bug there is not repeated here.
 */
import {
  formatLocalDate,
  fromEpochDay,
  parseClock,
  parseLocalDate,
  toEpochDay,
  weekdayOf,
} from '../calendar/local-date.js';
import { toLocal } from '../calendar/zone.js';
import { blackoutOn } from '../events/blackout.invariant.js';
import { windowHolding, windowsByUse } from '../events/call-window.invariant.js';
import { durationOf, instantOf, localMinuteAt, type RuleOfType } from '../events/plan-invariant.js';
import { capBreaches } from './cap-breaches.js';
import { addDuration } from '../calendar/duration.js';
import type { Planner } from '../planner.js';
import type { FollowUpPlan, Touchpoint } from '../plan/types.js';
import type { Rule } from '../schema/ruleset.js';
import type { Assignment, StaffMember, Worklist, WorklistOptions } from '../worklist/types.js';

/** One broken promise of a worklist. */
export interface WorklistViolation {
  /**
   * `exactly-once`, `capacity`, `escalations-first`, `moved` (inside tolerance, windows and blackouts; escalations
   * and messages never move), `caps`, `continuity`, `store`, `staff-hours`.
   */
  readonly invariant: string;
  readonly touchpointId?: string;
  readonly message: string;
}

interface Entry {
  readonly plan: FollowUpPlan;
  readonly t: Touchpoint;
  readonly day: number;
}

const DAY = (text: string, zone: string): number => toEpochDay(toLocal(instantOf(text), zone));
const isCall = (ch: string): 'calls' | 'visits' | null =>
  ch === 'phone' ? 'calls' : ch === 'home-visit' ? 'visits' : null;

function poolOf(staff: readonly StaffMember[], storeId: string | undefined): readonly StaffMember[] {
  const store = storeId?.trim() || null;
  const desk = staff.filter((s) => !s.storeId?.trim());
  if (store === null) return desk.length > 0 ? desk : staff;
  const own = staff.filter((s) => s.storeId?.trim() === store);
  return own.length > 0 ? own : desk;
}

const works = (s: StaffMember, day: number): boolean => {
  const date = fromEpochDay(day);
  return (
    (s.days ?? ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']).includes(weekdayOf(date)) &&
    !(s.off ?? []).includes(formatLocalDate(date))
  );
};

/** [from, to) of a person's hours on a local day, in `zone`. */
function hoursOn(s: StaffMember, day: number, zone: string): [number, number] {
  return [
    localMinuteAt(day, s.hours ? (parseClock(s.hours.from) ?? 0) : 0, zone),
    localMinuteAt(day, s.hours ? (parseClock(s.hours.to) ?? 1440) : 1440, zone),
  ];
}

/**
 * Checks a worklist against what `planner.worklist` promises for these plans and options: every contact in the range
 * once (assigned or overflowed), capacity, escalations first, moves only of routine contacts and only within their
 * tolerance, windows and blackouts, each customer's caps, one person per customer and store, store staff, working
 * days and hours. Returns the violations (none: `[]`).
 *
 * @example
 * ```ts
 * import { createPlanner, defaultRuleSet } from 'rx-followup';
 * import { checkWorklist } from 'rx-followup/testing';
 *
 * const planner = createPlanner({ ruleSet: defaultRuleSet });
 * const plan = await planner.plan({
 *   customer: { id: 'c1', contact: { phone: '13800001001' } },
 *   purchase: { id: 'p1', customerId: 'c1', purchasedAt: '2026-03-02T10:00:00+08:00', items: [{ drugCode: 'D1', quantity: 1 }] },
 *   courses: [{ drugCode: 'D1', unitsPerPack: 6, dosePerDay: 1 }],
 * });
 * const options = { from: '2026-03-09', days: 7, staff: [{ id: 'S1', calls: 1 }] };
 * console.log(checkWorklist(planner, [plan], options, planner.worklist([plan], options))); // []
 * ```
 */
export function checkWorklist(
  planner: Planner,
  plans: readonly FollowUpPlan[],
  options: WorklistOptions,
  list: Worklist,
): WorklistViolation[] {
  // The oracle reports, never throws: what it cannot read (a hand-made plan, a getter that throws) is a violation.
  try {
    return worklistViolations(planner, plans, options, list);
  } catch (error) {
    return [
      {
        invariant: 'checkable',
        message: `the worklist could not be checked: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
}

/** What every check of one worklist reads, and where it reports. */
interface Check {
  readonly planner: Planner;
  readonly options: WorklistOptions;
  readonly rules: ReadonlyMap<string, Rule>;
  /** The contacts of the plans, by touchpoint id. */
  readonly entries: ReadonlyMap<string, Entry>;
  /** The assignments, by touchpoint id, with their day. */
  readonly assigned: ReadonlyMap<string, { a: Assignment; day: number }>;
  readonly v: (invariant: string, message: string, touchpointId?: string) => void;
}

/** The contacts of the plans: newer plans first (a touchpoint id once), less those another plan supersedes. */
function entriesOf(plans: readonly FollowUpPlan[]): Map<string, Entry> {
  const ordered = [...plans].sort(
    (a, b) =>
      instantOf(b.asOf) - instantOf(a.asOf) || (a.purchaseId < b.purchaseId ? -1 : a.purchaseId > b.purchaseId ? 1 : 0),
  );
  const supersededBy = new Map<string, string>();
  for (const p of ordered)
    for (const s of p.supersedes) if (!supersededBy.has(s.id)) supersededBy.set(s.id, p.purchaseId);
  const entries = new Map<string, Entry>();
  // At one asOf, a contact another purchase's plan re-issues (its near-duplicates merged in) is that plan's.
  const reissued = (t: FollowUpPlan['touchpoints'][number], plan: FollowUpPlan): boolean =>
    t.purchaseId !== undefined && t.purchaseId !== plan.purchaseId;
  for (const plan of ordered)
    for (const t of plan.touchpoints) {
      const by = supersededBy.get(t.id);
      const held = entries.get(t.id);
      const newer =
        held === undefined ||
        (instantOf(held.plan.asOf) === instantOf(plan.asOf) && reissued(t, plan) && !reissued(held.t, held.plan));
      if (newer && (by === undefined || by === plan.purchaseId))
        entries.set(t.id, { plan, t, day: DAY(t.window.start, plan.timeZone) });
    }
  return entries;
}

/** Every contact of the range listed exactly once (assigned or overflowed), and nothing else listed. */
function exactlyOnce(c: Check, list: Worklist, first: number, last: number): void {
  const seen = new Map<string, number>();
  for (const d of list.days)
    for (const a of d.assignments) seen.set(a.touchpointId, (seen.get(a.touchpointId) ?? 0) + 1);
  for (const o of list.overflow) seen.set(o.touchpointId, (seen.get(o.touchpointId) ?? 0) + 1);
  for (const [id, e] of c.entries)
    if (e.day >= first && e.day <= last && seen.get(id) !== 1)
      c.v('exactly-once', `listed ${seen.get(id) ?? 0} times`, id);
  for (const id of seen.keys()) {
    const e = c.entries.get(id);
    if (e === undefined || e.day < first || e.day > last)
      c.v('exactly-once', 'listed, but not a contact of the plans in the range', id);
  }
}

/**
 * A routine contact moved off its planned slot: within its tolerance, or rolled as its lead cadence's overflow policy
 * allows, that way.
 */
function withinReach(c: Check, id: string, e: Entry, a: Assignment, start: number): void {
  const tol = e.t.tolerance;
  const lead = (e.t.ruleIds ?? []).map((r) => c.rules.get(r)).find((r) => r?.event.type === 'cadence');
  const policy = lead?.event.type === 'cadence' ? lead.event.params.overflow : undefined;
  const within = policy !== undefined && policy.move !== 'drop' ? durationOf(policy.within) : undefined;
  // Moving later, a policy may look earlier first (`earlierWithin`).
  const back =
    policy?.move === 'earlier' ? within : policy?.move === 'later' ? durationOf(policy.earlierWithin) : undefined;
  const lo = tol === undefined ? 0 : instantOf(tol.earliest);
  const hi = tol === undefined ? 0 : instantOf(tol.latest);
  const later = policy?.move === 'later' && within !== undefined;
  const rolledOk =
    a.rolled !== undefined &&
    tol !== undefined &&
    ((later && start > hi && start <= addDuration(hi, within, e.plan.timeZone)) ||
      (back !== undefined && start < lo && start >= addDuration(lo, { ...back, sign: -1 }, e.plan.timeZone)));
  if (!rolledOk && (tol === undefined || start < lo || start > hi))
    c.v('moved', `moved to ${a.start}, outside its tolerance`, id);
}

/** A routine contact moved: inside an allowed call window of the rules in force, on a day no blackout blocks. */
function inAllowedSlot(c: Check, id: string, e: Entry, a: Assignment, start: number, end: number): void {
  const inForce = (e.plan.policy?.ruleIds ?? []).map((r) => c.rules.get(r)).filter((r): r is Rule => r !== undefined);
  const ctx = { ruleSet: c.planner.ruleSet, input: { customer: { preferredWindows: e.plan.policy.preferredWindows } } };
  const windows = windowsByUse(
    inForce.filter((r): r is RuleOfType<'call-window'> => r.event.type === 'call-window'),
    ctx,
  );
  if (
    !['preferred', 'fallback'].some(
      (use) => windowHolding(windows.get(use) ?? [], start, end, e.plan.timeZone) !== undefined,
    )
  )
    c.v('moved', `moved to ${a.start}–${a.end}, which is not inside an allowed call window`, id);
  const blackouts = inForce.filter((r): r is RuleOfType<'blackout'> => r.event.type === 'blackout');
  const blocked = blackoutOn(blackouts, ctx, toLocal(start, e.plan.timeZone), e.t);
  if (blocked !== undefined) c.v('moved', `moved to ${a.start}, a day rule ${blocked} blocks`, id);
}

/**
 * Each assignment: to staff of the contact's store, within their days and hours, at its planned slot unless marked
 * moved (then within the rules); capacity per person and day; one person per customer (hand-overs aside).
 */
function assignments(c: Check): void {
  const { options } = c;
  const staffById = new Map(options.staff.map((s) => [s.id, s]));
  const load = new Map<string, number>();
  const owners = new Map<string, Set<string>>();
  for (const [id, { a, day }] of c.assigned) {
    const e = c.entries.get(id);
    const s = staffById.get(a.staffId);
    if (e === undefined) continue;
    if (s === undefined || !poolOf(options.staff, e.plan.storeId).includes(s)) {
      c.v(
        'store',
        `assigned to ${a.staffId}, who is not among the staff that may take store ${e.plan.storeId ?? '(none)'}'s contacts`,
        id,
      );
      continue;
    }
    const resource = isCall(e.t.channel);
    const start = instantOf(a.start);
    const end = instantOf(a.end);
    if (resource !== null) {
      const key = `${a.staffId}|${day}|${resource}`;
      load.set(key, (load.get(key) ?? 0) + 1);
      const [from, to] = hoursOn(s, day, e.plan.timeZone);
      if (!works(s, day) || start < from || end > to || DAY(a.start, e.plan.timeZone) !== day)
        c.v('staff-hours', `${a.start}–${a.end} is not within ${s.id}'s working days and hours`, id);
    }
    // A hand-over (the customer's person off or full) is the exception continuity allows, with its reason.
    if (e.t.urgency === 'routine' && resource !== null && a.handover === undefined) {
      const key = `${e.plan.customerId}|${poolOf(options.staff, e.plan.storeId)
        .map((p) => p.id)
        .join(',')}`;
      owners.set(key, (owners.get(key) ?? new Set()).add(a.staffId));
    }
    // An escalation's window runs to its deadline, maybe over days: it is made in the first staffed slot of it.
    const inPlanWindow =
      start >= instantOf(e.t.window.start) &&
      end <= instantOf(e.t.window.end) &&
      (day === e.day || e.t.urgency !== 'routine');
    if (a.moved !== undefined && e.t.urgency === 'routine' && resource !== null) {
      withinReach(c, id, e, a, start);
      inAllowedSlot(c, id, e, a, start, end);
    } else if (!inPlanWindow)
      c.v(
        'moved',
        `${a.start}–${a.end} is outside the plan's window ${e.t.window.start}–${e.t.window.end}${a.moved === undefined ? ', and not marked moved' : ''}`,
        id,
      );
  }
  tallies(c, staffById, load, owners);
}

/** Per person and day, no more than their capacity; each customer with one person (hand-overs aside). */
function tallies(
  c: Check,
  staffById: ReadonlyMap<string, StaffMember>,
  load: ReadonlyMap<string, number>,
  owners: ReadonlyMap<string, ReadonlySet<string>>,
): void {
  for (const [key, n] of load) {
    const [staffId, , resource] = key.split('|') as [string, string, 'calls' | 'visits'];
    const s = staffById.get(staffId) as StaffMember;
    const cap = resource === 'calls' ? s.calls : (s.visits ?? 0);
    if (n > cap) c.v('capacity', `${staffId} has ${n} ${resource} on one day, more than ${cap}`);
  }
  for (const [key, ids] of owners)
    if (ids.size > 1) c.v('continuity', `customer ${key.split('|')[0]} is with ${[...ids].sort().join(' and ')}`);
}

/** Escalations first: one overflowed while someone who could take it had room, or gave a routine contact that room. */
function escalationsFirst(c: Check, list: Worklist): void {
  for (const o of list.overflow) {
    const e = c.entries.get(o.touchpointId);
    const resource = e === undefined ? null : isCall(e.t.channel);
    if (e === undefined || e.t.urgency === 'routine' || resource === null) continue;
    for (const s of poolOf(c.options.staff, e.plan.storeId)) {
      const [from, to] = hoursOn(s, e.day, e.plan.timeZone);
      if (!works(s, e.day) || Math.max(from, instantOf(e.t.window.start)) >= Math.min(to, instantOf(e.t.window.end)))
        continue;
      const mine = [...c.assigned.values()].filter(
        (x) => x.a.staffId === s.id && x.day === e.day && isCall(x.a.channel) === resource,
      );
      const cap = resource === 'calls' ? s.calls : (s.visits ?? 0);
      if (mine.length < cap || mine.some((x) => x.a.urgency === 'routine'))
        c.v(
          'escalations-first',
          `overflowed while ${s.id} had ${mine.length < cap ? 'room' : 'a routine contact'} that day`,
          o.touchpointId,
        );
    }
  }
}

/** Caps: per customer, over the days the contacts end up on; a breach the plans did not already have. */
function capsKept(c: Check): void {
  const byCustomer = new Map<string, Entry[]>();
  for (const e of c.entries.values())
    if (e.t.urgency === 'routine') byCustomer.set(e.plan.customerId, [...(byCustomer.get(e.plan.customerId) ?? []), e]);
  for (const list of byCustomer.values()) {
    const capIds = new Set(list.flatMap((e) => e.plan.policy?.ruleIds ?? []));
    const caps = [...capIds]
      .map((id) => c.rules.get(id))
      .filter((r): r is RuleOfType<'cap'> => r?.event.type === 'cap');
    const before = capBreaches(
      caps,
      list.map((e) => ({ id: e.t.id, day: e.day, channel: e.t.channel })),
    );
    const known = new Set(before.map((b) => `${b.message}|${[...b.ids].sort().join(',')}`));
    const after = capBreaches(
      caps,
      list.map((e) => ({ id: e.t.id, day: c.assigned.get(e.t.id)?.day ?? e.day, channel: e.t.channel })),
    );
    for (const b of after)
      if (!known.has(`${b.message}|${[...b.ids].sort().join(',')}`)) c.v('caps', b.message, b.ids[b.ids.length - 1]);
  }
}

function worklistViolations(
  planner: Planner,
  plans: readonly FollowUpPlan[],
  options: WorklistOptions,
  list: Worklist,
): WorklistViolation[] {
  const out: WorklistViolation[] = [];
  const first = toEpochDay(parseLocalDate(options.from) as NonNullable<ReturnType<typeof parseLocalDate>>);
  const assigned = new Map<string, { a: Assignment; day: number }>();
  for (const d of list.days) {
    const day = toEpochDay(parseLocalDate(d.date) as NonNullable<ReturnType<typeof parseLocalDate>>);
    for (const a of d.assignments) assigned.set(a.touchpointId, { a, day });
  }
  const c: Check = {
    planner,
    options,
    rules: new Map<string, Rule>(planner.ruleSet.rules.map((r) => [r.id, r])),
    entries: entriesOf(plans),
    assigned,
    v: (invariant, message, touchpointId) => {
      out.push({ invariant, message, ...(touchpointId === undefined ? {} : { touchpointId }) });
    },
  };
  exactlyOnce(c, list, first, first + options.days - 1);
  assignments(c);
  escalationsFirst(c, list);
  capsKept(c);
  return out;
}

/**
 * Throws when {@link checkWorklist} finds a violation, listing them all.
 *
 * @throws {Error} naming every violation.
 * @example
 * ```ts
 * import { createPlanner, defaultRuleSet } from 'rx-followup';
 * import { assertWorklistInvariants } from 'rx-followup/testing';
 *
 * const planner = createPlanner({ ruleSet: defaultRuleSet });
 * const options = { from: '2026-03-09', days: 1, staff: [{ id: 'S1', calls: 40 }] };
 * assertWorklistInvariants(planner, [], options, planner.worklist([], options)); // no plans, nothing to break
 * ```
 */
export function assertWorklistInvariants(
  planner: Planner,
  plans: readonly FollowUpPlan[],
  options: WorklistOptions,
  list: Worklist,
): void {
  const violations = checkWorklist(planner, plans, options, list);
  if (violations.length > 0)
    throw new Error(
      `worklist breaks ${violations.length} invariant(s):\n${violations.map((x) => `${x.invariant}${x.touchpointId ? ` ${x.touchpointId}` : ''}: ${x.message}`).join('\n')}`,
    );
}

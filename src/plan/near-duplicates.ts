/**
 * Near-duplicates: routine contacts of one customer, of one kind and channel, whose windows can meet — a moment
 * inside the tolerance of each, at most `mergeWithin` days after the first slot each would have had on its own — become
 * one contact that keeps every purpose, rule id and drug (a per-day cap's `mergeWithin`). A 5-day course then gets one
 * call where two rules each asked for one a few days apart. An open contact of an earlier purchase may be one of them
 * (`HistoryStage.joinable`): the merge then re-issues it, under its id and purchase.
 */
import { joined } from '../i18n/reason-params.js';
import { explain, nested } from '../i18n/explanation.js';
import { addLocalDays } from '../calendar/duration.js';
import { localEpochDay } from '../calendar/zone.js';
import { isMessageChannel } from '../schema/common.js';
import type { CapRule, WindowUse } from './compile.js';
import { SlotCursor, type Slot } from './windows.js';
import { mergedLists, newCandidate, type Candidate, type Placed, type PlanState } from './plan-state.js';

/** Routine contacts that can meet, and the window they share (epoch ms). */
export interface NearDuplicates {
  readonly members: Candidate[];
  lo: number;
  hi: number;
  /** Whether `hi` holds the first member's reach yet (a group of one holds its tolerance until asked). */
  reached: boolean;
}

/** The per-day cap that merges near-duplicates (the widest `mergeWithin` among the caps in force), if any. */
export function nearDuplicateCap(caps: readonly CapRule[]): CapRule | null {
  let widest: CapRule | null = null;
  for (const cap of caps) if (cap.mergeWithinDays > (widest?.mergeWithinDays ?? 0)) widest = cap;
  return widest;
}

/** What grouping asks of the placement stage: the first slot a candidate would have on its own. */
export interface FirstSlots {
  /** The start of the first slot `c` would have on its own (windows and blackouts, no caps), or `null`. */
  firstSlot(c: Candidate): number | null;
}

/** The first slots of a plan's windows and blackouts. */
export class WindowFirstSlots implements FirstSlots {
  constructor(private readonly state: PlanState) {}

  /**
   * The start of the first slot a routine candidate would have on its own — its windows (preferred before fallback,
   * unless the fallback comes more than the slack earlier) and blackouts, from its earliest start (or asOf) within its
   * tolerance, no caps — or `null` when it has none.
   */
  firstSlot(c: Candidate): number | null {
    const lo = Math.max(c.earliestMs, this.state.facts.asOfMs);
    const hi = Math.min(c.latestMs, this.state.horizonEndMs);
    if (isMessageChannel(c.channel)) return this.firstOf('message', lo, hi, c)?.start ?? null;
    const preferred = this.firstOf('preferred', lo, hi, c);
    const slack = this.state.policy.windows.preferredSlackDays;
    if (preferred !== null && preferred.epochDay - localEpochDay(lo, this.state.zone) <= slack) return preferred.start;
    const fallback = this.firstOf('fallback', lo, hi, c);
    if (preferred === null || (fallback !== null && preferred.epochDay - fallback.epochDay > slack))
      return fallback?.start ?? null;
    return preferred.start;
  }

  /** The first slot of one use's windows within [lo, hi], blackouts aside (no caps); `null`: none. */
  private firstOf(use: WindowUse, lo: number, hi: number, c: Candidate): Slot | null {
    const slot = new SlotCursor(
      this.state.policy.windows,
      use,
      lo,
      hi,
      this.state.horizonEndMs,
      this.state.zone,
      null,
      c,
    );
    return slot.next() ? slot : null;
  }
}

/**
 * Two occurrences of one cadence for the same drugs are the cadence's own rhythm, never duplicates of each other;
 * nor are contacts on either side of an incident report (one waits for its escalation, the other does not).
 * Plain loops: this runs for every pair of candidates whose tolerances meet.
 */
function canJoin(state: PlanState, escalations: readonly Placed[], group: NearDuplicates, c: Candidate): boolean {
  const first = group.members[0] as Candidate;
  if (first.kind !== c.kind || first.channel !== c.channel) return false;
  // An earlier plan's contact takes in cadences' contacts only (a retry or an incident's feedback stays its purchase's
  // own, where its next retry finds it), and one such contact at most: a merge re-issues it, under its id.
  let earlier = c.earlierContactId !== null;
  for (const m of group.members) {
    if (m.earlierContactId === null) continue;
    if (earlier) return false;
    earlier = true;
  }
  if (earlier) {
    if (c.earlierContactId === null && !fromCadence(state, c)) return false;
    for (const m of group.members) if (m.earlierContactId === null && !fromCadence(state, m)) return false;
  }
  for (const m of group.members) {
    if (m.ruleIds[0] !== c.ruleIds[0]) continue;
    if (m.drugCodes.length === 0) return false;
    for (const d of m.drugCodes) if (c.drugCodes.includes(d)) return false;
  }
  for (const e of escalations) if (e.dueMs < c.dueMs !== e.dueMs < first.dueMs) return false;
  return true;
}

/**
 * Whether a candidate carries only what cadences asked for: led by a cadence, with no retry or incident's feedback
 * merged in (a group of this purchase's near-duplicates, placed as one, may hold one).
 */
export function fromCadence(state: PlanState, c: Candidate): boolean {
  if (!state.compiled.cadences.has(c.ruleIds[0] as string)) return false;
  for (const id of c.ruleIds) {
    const type = state.compiled.rules.get(id)?.type;
    if (type === 'retry' || type === 'escalation') return false;
  }
  return true;
}

/** The member that is an earlier plan's contact, if any (a plain loop: this runs for every group of every plan). */
export function earlierMember(members: readonly Candidate[]): Candidate | undefined {
  for (const m of members) if (m.earlierContactId !== null) return m;
  return undefined;
}

/** The latest start that keeps a candidate within `days` of its own first slot (NaN: it has none, and stays alone). */
function reachOf(state: PlanState, slots: FirstSlots, c: Candidate, days: number): number {
  const first = slots.firstSlot(c);
  return first === null ? Number.NaN : Math.min(c.latestMs, addLocalDays(first, days, state.zone));
}

/**
 * Groups routine candidates (sorted by due) into near-duplicates: each joins the first earlier group of its kind and
 * channel whose shared window still meets its own. First slots are worked out only for candidates whose tolerances
 * meet another's. A group of one is a contact on its own.
 */
export function groupNearDuplicates(
  state: PlanState,
  escalations: readonly Placed[],
  cap: CapRule,
  routine: readonly Candidate[],
  slots: FirstSlots,
): NearDuplicates[] {
  const groups: NearDuplicates[] = [];
  for (const c of routine) {
    let joined = false;
    // c's reach, once worked out (NaN until then, and when it has no slot).
    let reach = Number.NaN;
    let reached = false;
    for (const g of groups) {
      const lo = Math.max(g.lo, c.earliestMs);
      // Tolerances that never meet need no slot worked out.
      if (lo > Math.min(g.hi, c.latestMs) || !canJoin(state, escalations, g, c)) continue;
      if (!g.reached) {
        g.hi = reachOf(state, slots, g.members[0] as Candidate, cap.mergeWithinDays);
        g.reached = true;
      }
      if (!reached) {
        reach = reachOf(state, slots, c, cap.mergeWithinDays);
        reached = true;
      }
      const hi = Math.min(g.hi, reach);
      if (lo <= hi) {
        g.members.push(c);
        g.lo = lo;
        g.hi = hi;
        joined = true;
        break;
      }
    }
    if (!joined) groups.push({ members: [c], lo: c.earliestMs, hi: c.latestMs, reached: false });
  }
  return groups;
}

/**
 * One contact for a group of near-duplicates (two or more, the first the one that leads: highest priority, then
 * earliest due): the earliest due (an earlier plan's contact among them: its own), the window they share, every
 * purpose, rule id, drug and reason. It has no
 * overflow: a group with no slot in its shared window is placed member by member instead.
 */
export function mergeNearDuplicates(state: PlanState, cap: CapRule, group: NearDuplicates): Candidate {
  const lead = group.members[0] as Candidate;
  let due = lead.dueMs;
  let priority = lead.priority;
  for (const m of group.members) {
    due = Math.min(due, m.dueMs);
    priority = Math.max(priority, m.priority);
  }
  // An earlier plan's contact, re-issued, keeps its due (with its id, how its own purchase's next plan knows it).
  const earlier = earlierMember(group.members);
  if (earlier !== undefined) due = earlier.dueMs;
  let lists = { purpose: lead.purpose, ruleIds: lead.ruleIds, drugCodes: lead.drugCodes };
  const reasons = lead.reasons.slice();
  for (const m of group.members) {
    if (m === lead) continue;
    lists = mergedLists(lists, m, cap.id);
    reasons.push(
      explain(
        'merged.near',
        { purpose: m.purpose, channel: m.channel, due: state.at(m.dueMs), withinDays: cap.mergeWithinDays },
        cap.id,
      ),
    );
    for (const r of m.reasons) reasons.push(nested(r, m.purpose));
  }
  return newCandidate({
    kind: lead.kind,
    channel: lead.channel,
    urgency: lead.urgency,
    purpose: lists.purpose,
    dueMs: due,
    earliestMs: group.lo,
    latestMs: group.hi,
    tolerance: {
      tolMerged: group.members.map((m) => m.purpose).join('+'),
      // Each member's own tolerance, in the same order: `P7D` (after due), or `P1D/P1D` (before/after).
      tolEach: joined(
        group.members.map((m) =>
          m.tolerance.tolBefore === undefined
            ? (m.tolerance.tolAfter ?? '')
            : `${m.tolerance.tolBefore}/${m.tolerance.tolAfter}`,
        ),
      ),
      tolWithin: cap.mergeWithinDays,
    },
    priority,
    ruleIds: lists.ruleIds,
    reasons,
    drugCodes: lists.drugCodes,
    incidentIndex: lead.incidentIndex,
    overflow: null,
    // An earlier plan's contact among them: the merge is that contact, re-issued.
    earlierContactId: earlier?.earlierContactId ?? null,
    // A retry merged with others still avoids the hour it was not reached at.
    missedAtMs: group.members.find((m) => m.missedAtMs !== null)?.missedAtMs ?? null,
  });
}

/**
 * Merged contacts as new values (`placedWith`). A routine contact the per-day cap would exceed joins the day's contact:
 * one new value with the purposes, rules, drugs and slot of both, in place of the day's contact, and what the merge
 * says of it. Nothing is changed: the placement stage swaps the merged value in for the one it replaces, in its list
 * and in the caps' ledger, and adds what each merge said to the contact's reasons when it hands its contacts on (a
 * day's contact may take in many: copying its reasons at every merge made placement quadratic in them — 4% of `plan()`
 * in a profile).
 */
import { addParams, explain, nested, type Explanation } from '../i18n/explanation.js';
import type { CapRule } from './compile.js';
import { mergedLists, withAll, type Candidate, type Placed, type PlanState, type Said } from './plan-state.js';
import type { Slot } from './windows.js';

/** What a merge gives a placed contact: every field it may change, each given (the contact's own where unchanged). */
export type MergedFields = Pick<
  Placed,
  | 'urgency'
  | 'purpose'
  | 'dueMs'
  | 'ruleIds'
  | 'reasons'
  | 'drugCodes'
  | 'startMs'
  | 'endMs'
  | 'reachLoMs'
  | 'reachHiMs'
>;

/**
 * The placed contact `p` with the fields of a merge: a new value, its fields in `placeAt`'s order. Written out,
 * with every field given, not spread over optional changes: spreading here took 7 µs a merge (a generic object copy
 * and property lookups that miss), 20% of `plan()`.
 */
export function placedWith(p: Placed, f: MergedFields): Placed {
  return {
    kind: p.kind,
    channel: p.channel,
    urgency: f.urgency,
    purpose: f.purpose,
    dueMs: f.dueMs,
    earliestMs: p.earliestMs,
    latestMs: p.latestMs,
    tolerance: p.tolerance,
    priority: p.priority,
    ruleIds: f.ruleIds,
    reasons: f.reasons,
    drugCodes: f.drugCodes,
    incidentIndex: p.incidentIndex,
    overflow: p.overflow,
    earlierContactId: p.earlierContactId,
    missedAtMs: p.missedAtMs,
    startMs: f.startMs,
    endMs: f.endMs,
    epochDay: p.epochDay,
    reachLoMs: f.reachLoMs,
    reachHiMs: f.reachHiMs,
  };
}

/** The placed contact with `reasons` in place of its own: a new value. */
export function withReasons(p: Placed, reasons: readonly Explanation[]): Placed {
  const { urgency, purpose, dueMs, ruleIds, drugCodes, startMs, endMs, reachLoMs, reachHiMs } = p;
  return placedWith(p, { urgency, purpose, dueMs, ruleIds, reasons, drugCodes, startMs, endMs, reachLoMs, reachHiMs });
}

/** What a merge takes in: the contact placed in `slot` (its reasons and rule ids as placement said them). */
export interface Joining {
  readonly c: Candidate;
  readonly said: Said;
  readonly slot: Slot;
  /** Where `c` may start: the merged contact may start only where both may. */
  readonly lo: number;
  readonly hi: number;
}

/** A merge: the merged contact (its reasons still the day contact's) and the reasons the merge adds to them. */
export interface Merge {
  readonly contact: Placed;
  readonly said: readonly Explanation[];
}

/**
 * The day's contact `into` with `joining` merged in under the per-day cap `cap` (moved to the joining slot when
 * `move`): a new value, and what the merge says of it; `into` is not changed.
 */
export function mergedInto(state: PlanState, into: Placed, joining: Joining, cap: CapRule, move: boolean): Merge {
  const { c, said, slot } = joining;
  const reasons: Explanation[] = [];
  let { startMs, endMs, ruleIds } = into;
  if (move) {
    const moved = addParams({ from: state.at(startMs), at: state.at(slot.start), purpose: c.purpose }, slot.window);
    reasons.push(explain('merged.moved', moved, slot.ruleId));
    startMs = slot.start;
    endMs = slot.end;
    ruleIds = withAll(ruleIds, [slot.ruleId]);
  }
  const lists = mergedLists(
    { purpose: into.purpose, ruleIds, drugCodes: into.drugCodes },
    { purpose: c.purpose, ruleIds: said.ruleIds, drugCodes: c.drugCodes },
    cap.id,
  );
  const max = cap.params.kind === 'per-day' ? cap.params.max : 1;
  reasons.push(explain('merged.cap', { purpose: c.purpose, channel: c.channel, max }, cap.id));
  for (const r of said.reasons) reasons.push(nested(r, c.purpose));
  const contact = placedWith(into, {
    urgency: into.urgency,
    purpose: lists.purpose,
    // An earlier plan's contact, re-issued, keeps its due (see mergeNearDuplicates).
    dueMs: into.earlierContactId === null ? Math.min(into.dueMs, c.dueMs) : into.dueMs,
    ruleIds: lists.ruleIds,
    reasons: into.reasons,
    drugCodes: lists.drugCodes,
    startMs,
    endMs,
    reachLoMs: Math.max(into.reachLoMs, joining.lo),
    reachHiMs: Math.min(into.reachHiMs, joining.hi),
  });
  return { contact, said: reasons };
}

/**
 * A placed contact while the stage that placed it still holds it: a merge adds purposes, rules and reasons to it (a
 * routine contact the per-day cap would exceed joining the day's contact; an escalation for the same report joining
 * its twin). A stage hands its drafts on as placed contacts when it is over; nothing changes them after.
 */
import { addParams, explain, nested, type Explanation } from '../i18n/explanation.js';
import type { CapRule } from './compile.js';
import { mergedLists, pushOne, type Candidate, type Placed, type PlanState, type Said } from './plan-state.js';
import type { Slot } from './windows.js';

/** A contact placed by a stage, its own until the stage is over; its lists were made for it. */
export interface Draft extends Omit<Placed, 'urgency' | 'purpose' | 'dueMs' | 'ruleIds' | 'reasons' | 'drugCodes'> {
  urgency: Placed['urgency'];
  purpose: string;
  dueMs: number;
  ruleIds: string[];
  reasons: Explanation[];
  drugCodes: readonly string[];
  startMs: number;
  endMs: number;
  reachLoMs: number;
  reachHiMs: number;
}

/** A contact of an earlier plan as the stage counts it: a draft with lists of its own (never merged into). */
export function draftOf(p: Placed): Draft {
  return { ...p, reasons: p.reasons.slice(), ruleIds: p.ruleIds.slice() };
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

/** Merges `joining` into the day's contact `into` under the per-day cap `cap` (moved to its slot when `move`). */
export function mergeInto(state: PlanState, into: Draft, joining: Joining, cap: CapRule, move: boolean): void {
  const { c, said, slot } = joining;
  if (move) {
    const moved = addParams(
      { from: state.at(into.startMs), at: state.at(slot.start), purpose: c.purpose },
      slot.window,
    );
    into.reasons.push(explain('merged.moved', moved, slot.ruleId));
    into.startMs = slot.start;
    into.endMs = slot.end;
    if (slot.ruleId !== null) pushOne(into.ruleIds, slot.ruleId);
  }
  const lists = mergedLists(into, { purpose: c.purpose, ruleIds: said.ruleIds, drugCodes: c.drugCodes }, cap.id);
  into.purpose = lists.purpose;
  for (const id of lists.ruleIds) pushOne(into.ruleIds, id);
  into.drugCodes = lists.drugCodes;
  // An earlier plan's contact, re-issued, keeps its due (see mergeNearDuplicates).
  if (into.earlierContactId === null) into.dueMs = Math.min(into.dueMs, c.dueMs);
  into.reachLoMs = Math.max(into.reachLoMs, joining.lo);
  into.reachHiMs = Math.min(into.reachHiMs, joining.hi);
  const max = cap.params.kind === 'per-day' ? cap.params.max : 1;
  into.reasons.push(explain('merged.cap', { purpose: c.purpose, channel: c.channel, max }, cap.id));
  for (const r of said.reasons) into.reasons.push(nested(r, c.purpose));
}

/**
 * The first step of placing a routine contact: where it may start at all — its tolerance, what it waits for (an
 * escalation reported before it was due, a pause in calls after a declined one), how far its overflow policy lets it
 * move, the windows its channel has — or why it cannot be placed whatever the slots: beyond the horizon, paused past
 * its reach, its time over, no windows for its channel. A value out; the contact is not changed.
 */
import { addParams, explain, type Explanation } from '../i18n/explanation.js';
import { joined, type ReasonParams } from '../i18n/reason-params.js';
import { isMessageChannel } from '../schema/common.js';
import type { WindowUse } from './compile.js';
import type { Candidate, Placed, PlanState } from './plan-state.js';

const MESSAGE_USES: readonly WindowUse[] = ['message'];
const CALL_USES: readonly WindowUse[] = ['preferred', 'fallback'];
/** The window uses a contact on `channel` may take, in order: message hours; or preferred, then fallback windows. */
export const usesOf = (channel: Candidate['channel']): readonly WindowUse[] =>
  isMessageChannel(channel) ? MESSAGE_USES : CALL_USES;

/** Where a routine contact may start, in epoch ms, and the windows it may use. */
export interface Reach {
  readonly ok: true;
  /** Its tolerance, after what it waits for: `[lo, hi]`. */
  readonly lo: number;
  readonly hi: number;
  /** Nothing moves earlier than this: asOf, the escalation it waits for, the end of a pause in calls. */
  readonly floor: number;
  /** The last start its overflow policy allows (moving later), else the end of its tolerance. */
  readonly lastStart: number;
  /** Where a same-day contact it would merge into must start too. */
  readonly reachLo: number;
  readonly reachHi: number;
  /** The window uses its channel has hours in (message hours; preferred, then fallback). */
  readonly uses: readonly WindowUse[];
  /** Why it starts later than its tolerance does, said before anything else of its placement. */
  readonly notes: readonly Explanation[];
  /**
   * A pause in calls that ends within its tolerance but keeps its overflow from moving it earlier: said when no slot
   * is found (the span it could not fill starts at the pause's end); else `null`.
   */
  readonly pausedOverflow: Explanation | null;
}

/** A routine contact no slot can take, and why (after the notes said before it). */
export interface NoReach {
  readonly ok: false;
  readonly why: Explanation;
  readonly notes: readonly Explanation[];
}

const NO_NOTES: readonly Explanation[] = [];

/** The latest-starting escalation reported before this contact was due, or before asOf (the first of equals). */
function awaitedEscalation(escalations: readonly Placed[], asOfMs: number, c: Candidate): Placed | undefined {
  let escalation: Placed | undefined;
  for (const e of escalations)
    if ((e.dueMs < c.dueMs || e.dueMs < asOfMs) && (escalation === undefined || e.startMs > escalation.startMs))
      escalation = e;
  return escalation;
}

/** Why a contact whose last start (`lastStart`, its overflow's where it has one) passed before asOf is not placed. */
function toleranceEnded(state: PlanState, c: Candidate, lastStart: number): Explanation {
  const ended: ReasonParams['suppressed.tolerance-ended'] = addParams(
    { end: state.at(c.latestMs), asOf: state.at(state.facts.asOfMs) },
    c.tolerance,
  );
  if (lastStart !== c.latestMs && c.overflow !== null)
    Object.assign(ended, c.overflow.params, { overflowEnd: state.at(lastStart) });
  return explain('suppressed.tolerance-ended', ended);
}

/**
 * Where `c` may start, after the plan's `escalations`, or why it cannot be placed; `uses`: those of {@link usesOf} its
 * channel with hours.
 */
export function reachOf(
  state: PlanState,
  escalations: readonly Placed[],
  c: Candidate,
  uses: readonly WindowUse[],
): Reach | NoReach {
  const { asOfMs } = state.facts;
  // Most contacts wait for nothing: the shared empty list, no allocation.
  let notes: readonly Explanation[] = NO_NOTES;
  if (c.dueMs > state.horizonEndMs) {
    const horizon = state.compiled.ruleSet.defaults.horizon;
    const end = state.at(state.horizonEndMs);
    return { ok: false, why: explain('suppressed.beyond-horizon', { due: state.at(c.dueMs), horizon, end }), notes };
  }
  let lo = Math.max(c.earliestMs, asOfMs);
  const escalation = awaitedEscalation(escalations, asOfMs, c);
  // Nothing moves earlier than asOf, or than the escalation it waits for, or the end of a pause in calls.
  let floor = escalation ? Math.max(escalation.startMs, asOfMs) : asOfMs;
  if (escalation && escalation.startMs > lo) {
    lo = escalation.startMs;
    notes = [explain('waits-for-escalation', { purpose: escalation.purpose, at: state.at(escalation.startMs) })];
  }
  // A declined call pauses routine calls and visits: nothing starts before the pause ends, moved earlier or not.
  const earlier = c.overflow?.move === 'earlier' ? c.overflow : (c.overflow?.earlier ?? null);
  let pausedOverflow: Explanation | null = null;
  const declined = state.facts.history?.declined;
  if (declined && !isMessageChannel(c.channel)) {
    if (earlier !== null && declined.untilMs > Math.max(earlier.limitMs, floor) && declined.untilMs <= lo)
      pausedOverflow = explain('calls-paused', { until: state.at(declined.untilMs), contact: declined.contactId });
    if (declined.untilMs > lo) {
      const until = state.at(declined.untilMs);
      const reach = c.overflow?.move === 'later' ? Math.max(c.latestMs, c.overflow.limitMs) : c.latestMs;
      if (declined.untilMs > reach) {
        const paused = { until, contact: declined.contactId, latest: state.at(reach) };
        return { ok: false, why: explain('suppressed.paused', paused), notes };
      }
      lo = declined.untilMs;
      notes = [...notes, explain('calls-paused', { until, contact: declined.contactId })];
    }
    floor = Math.max(floor, declined.untilMs);
  }
  const hi = Math.min(c.latestMs, state.horizonEndMs);
  // A contact whose tolerance has passed may still move later, as far as its overflow policy allows.
  const lastStart = c.overflow?.move === 'later' ? Math.max(c.latestMs, c.overflow.limitMs) : c.latestMs;
  if (lastStart < asOfMs) return { ok: false, why: toleranceEnded(state, c, lastStart), notes };
  if (uses.length === 0) {
    const why = explain('suppressed.no-windows', { uses: joined(usesOf(c.channel)), channel: c.channel });
    return { ok: false, why, notes };
  }
  // Where the contact may start at all (tolerance, overflow, and what it waits for): a same-day contact it would
  // merge into must start there too (on the day it was due, a little before its due is the same day's call).
  const reachLo = earlier !== null ? Math.min(lo, Math.max(earlier.limitMs, floor)) : lo;
  const reachHi = Math.min(lastStart, state.horizonEndMs);
  return { ok: true, lo, hi, floor, lastStart, reachLo, reachHi, uses, notes, pausedOverflow };
}

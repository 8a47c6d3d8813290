/**
 * Where a routine contact goes when its tolerance has no slot: the nearest slot beyond it that its overflow policy
 * allows (later, or earlier) and the caps accept — or the contact of that day it merges into.
 */
import type { CapLedger } from '../events/cap.js';
import type { CapRule, WindowUse } from './compile.js';
import type { Candidate, Overflow, Placed, PlanState } from './plan-state.js';
import { SlotCursor, type SkippedDay, type Slot } from './windows.js';

/** How a contact joins the one already on its day: as that one is, moved to this one's slot, or not (`null`). */
export type Join = 'as-is' | 'move' | null;

/**
 * The nearest slot beyond the tolerance [lo, hi] that its overflow policy allows and the caps accept (or the
 * contact to merge into): the first after `hi` (later), the last before `lo` (earlier); a preferred slot wins a tie.
 */
export function overflowSlot<P extends Placed>(
  state: PlanState,
  caps: CapLedger<P>,
  joinable: (into: P, c: Candidate, reachLo: number, reachHi: number) => Join,
  c: Candidate,
  overflow: Overflow,
  lo: number,
  hi: number,
  floor: number,
  reachLo: number,
  reachHi: number,
  uses: readonly WindowUse[],
  skipped: SkippedDay[],
): { slot: Slot; merge: { into: P; rule: CapRule; move: boolean } | null } | null {
  const later = overflow.move === 'later';
  const from = later ? Math.max(hi, lo) : Math.max(overflow.limitMs, floor);
  const to = later ? Math.min(overflow.limitMs, state.horizonEndMs) : lo - 1;
  let best: { slot: Slot; use: number; merge: { into: P; rule: CapRule; move: boolean } | null } | null = null;
  for (let use = 0; use < uses.length; use++) {
    const cursor = new SlotCursor(
      state.policy.windows,
      uses[use] as WindowUse,
      from,
      to,
      state.horizonEndMs,
      state.zone,
      skipped,
      c,
    );
    while (cursor.next()) {
      if (later ? cursor.start <= hi : cursor.start >= lo) continue;
      const verdict = caps.verdict(cursor.epochDay, c.channel);
      if ('blocked' in verdict) continue;
      const join = 'merge' in verdict ? joinable(verdict.merge, c, reachLo, reachHi) : 'as-is';
      if (join === null) continue;
      // The nearest day; on one day, preferred hours before fallback ones (the uses come in that order, so another
      // use wins only on a nearer day) and, within a use, the nearer start (a tie: the first in the walk).
      const better =
        best === null ||
        (later ? cursor.epochDay < best.slot.epochDay : cursor.epochDay > best.slot.epochDay) ||
        (use === best.use &&
          cursor.epochDay === best.slot.epochDay &&
          (later ? cursor.start < best.slot.start : cursor.start > best.slot.start));
      if (better) {
        const slot = {
          start: cursor.start,
          end: cursor.end,
          epochDay: cursor.epochDay,
          ruleId: cursor.ruleId,
          window: cursor.window,
        };
        best = {
          slot,
          use,
          merge: 'merge' in verdict ? { into: verdict.merge, rule: verdict.rule, move: join === 'move' } : null,
        };
      }
      if (later) break;
    }
  }
  return best;
}

/** Candidates for the plan stages' unit tests (src/plan/*.test.ts). */
import { compileWindows } from '../src/events/call-window.js';
import type { BlackoutRule, WindowRule } from '../src/plan/compile.js';
import { newCandidate, type Candidate } from '../src/plan/plan-state.js';

const HOUR = 3_600_000;

/**
 * A routine phone check of drug D by `cadence.check`, due at `dueMs` with a tolerance of two days after, priority 1, no
 * reasons yet; `over` changes any field.
 */
export function checkCandidate(dueMs: number, over: Partial<Candidate> = {}): Candidate {
  return newCandidate({
    kind: 'follow-up',
    channel: 'phone',
    urgency: 'routine',
    purpose: 'medication-check',
    dueMs,
    earliestMs: dueMs,
    latestMs: dueMs + 48 * HOUR,
    tolerance: { tolAfter: 'P2D' },
    priority: 1,
    ruleIds: ['cadence.check'],
    reasons: [],
    drugCodes: ['D'],
    incidentIndex: null,
    overflow: null,
    earlierContactId: null,
    missedAtMs: null,
    ...over,
  });
}

/** A UTC epoch day of a local date (`2026-03-11`), as window tables and blackouts count days. */
export const epochDayOf = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** A compiled call-window rule of one use, `id`, with the given windows (no make-up workdays, one day of slack). */
export function windowRule(
  id: string,
  use: WindowRule['use'],
  windows: Parameters<typeof compileWindows>[0],
): WindowRule {
  return {
    type: 'call-window',
    id,
    use,
    windows: compileWindows(windows),
    makeUpWorkdays: null,
    makeUpCalendar: null,
    slackDays: 1,
  };
}

/** A compiled blackout of the given local dates, for every channel and kind. */
export function dateBlackout(id: string, dates: readonly string[]): BlackoutRule {
  const blocked = new Set(dates.map(epochDayOf));
  return {
    type: 'blackout',
    id,
    calendar: null,
    channels: null,
    kinds: null,
    blocks: (d) => (blocked.has(d) ? { why: 'date' } : null),
  };
}

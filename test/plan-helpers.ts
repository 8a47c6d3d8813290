/** Candidates for the plan stages' unit tests (src/plan/*.test.ts). */
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

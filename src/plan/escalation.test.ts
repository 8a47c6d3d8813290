/**
 * Escalations of one report: one contact per channel for an incident (or for incidents reported at the same moment),
 * with every purpose and rule, the earliest window and the highest urgency.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../i18n/explanation.js';
import { placeEscalation } from './escalation.js';
import { placeAt, type Candidate, type Placed } from './plan-state.js';
import { checkCandidate } from '../../test/plan-helpers.js';

const HOUR = 3_600_000;
// Thu 2026-03-05 22:00 UTC: the report.
const REPORT = Date.parse('2026-03-05T22:00:00Z');

/** A placed escalation of incident `incidentIndex`, reported at REPORT (or `dueMs`), in [start, end). */
function escalation(over: Partial<Candidate> & { startMs: number; endMs: number }): Placed {
  const { startMs, endMs, ...fields } = over;
  const purpose = fields.purpose ?? 'wrong-drug-recall';
  const rule = fields.ruleIds?.[0] ?? 'escalation.wrong-drug';
  const c = checkCandidate(REPORT, {
    kind: 'escalation',
    urgency: 'critical',
    purpose,
    latestMs: REPORT + 2 * HOUR,
    tolerance: { tolAfter: 'PT2H', tolFrom: 'report' },
    priority: 100,
    ruleIds: [rule],
    reasons: [explain('escalation.safety')],
    drugCodes: ['X'],
    incidentIndex: 0,
    ...fields,
  });
  return placeAt(c, startMs, endMs, 0, 0, 0, { reasons: [...c.reasons], ruleIds: [...c.ruleIds] });
}

describe('placeEscalation: one contact per channel for a report', () => {
  it('joins a second escalation of the same incident by the same channel: earliest window, highest urgency, both purposes', () => {
    const list: Placed[] = [];
    // The recall: critical, 08:00-10:00 the next morning; the adverse-reaction check: high, 07:00-09:00.
    placeEscalation(list, escalation({ startMs: REPORT + 10 * HOUR, endMs: REPORT + 12 * HOUR }));
    placeEscalation(
      list,
      escalation({
        purpose: 'adverse-reaction-check',
        urgency: 'high',
        ruleIds: ['escalation.adverse'],
        drugCodes: ['X', 'Y'],
        startMs: REPORT + 9 * HOUR,
        endMs: REPORT + 11 * HOUR,
      }),
    );
    expect(list).toHaveLength(1);
    const [one] = list as [Placed];
    expect(one.purpose).toBe('wrong-drug-recall+adverse-reaction-check');
    expect(one.ruleIds).toEqual(['escalation.wrong-drug', 'escalation.adverse']);
    expect(one.drugCodes).toEqual(['X', 'Y']);
    // The earlier start (07:00) and the earlier end (09:00): whoever is on duty first makes it, by the first deadline.
    expect([one.startMs, one.endMs]).toEqual([REPORT + 9 * HOUR, REPORT + 11 * HOUR]);
    // The recall's critical urgency is kept: a high one does not lower it.
    expect(one.urgency).toBe('critical');
    expect(one.reasons).toEqual([
      explain('escalation.safety'),
      explain('merged.same-report', { purpose: 'adverse-reaction-check', channel: 'phone' }),
      { code: 'escalation.safety', params: { of: 'adverse-reaction-check' } },
    ]);
  });

  it('the twin is replaced by a new value: neither placed escalation is changed', () => {
    const first = escalation({ startMs: REPORT + 10 * HOUR, endMs: REPORT + 12 * HOUR });
    const second = escalation({ purpose: 'complaint', startMs: REPORT + 9 * HOUR, endMs: REPORT + 11 * HOUR });
    const before = structuredClone([first, second]);
    const list: Placed[] = [];
    placeEscalation(list, first);
    placeEscalation(list, second);
    expect([first, second]).toEqual(before);
    expect(list[0]).not.toBe(first);
    expect(list[0]?.startMs).toBe(REPORT + 9 * HOUR);
  });

  it('a critical one joining a high one makes it critical', () => {
    const list: Placed[] = [];
    placeEscalation(list, escalation({ urgency: 'high', startMs: REPORT, endMs: REPORT + HOUR }));
    placeEscalation(list, escalation({ purpose: 'complaint', startMs: REPORT, endMs: REPORT + HOUR }));
    expect(list.map((e) => e.urgency)).toEqual(['critical']);
  });

  it('incidents reported at the same moment share one contact; by another channel, or reported later, they do not', () => {
    const list: Placed[] = [];
    placeEscalation(list, escalation({ startMs: REPORT, endMs: REPORT + HOUR }));
    // Incident 1, reported at the same moment: joins.
    placeEscalation(
      list,
      escalation({ purpose: 'complaint', incidentIndex: 1, startMs: REPORT, endMs: REPORT + HOUR }),
    );
    // Incident 2, reported an hour later: a contact of its own.
    placeEscalation(
      list,
      escalation({
        purpose: 'complaint',
        incidentIndex: 2,
        dueMs: REPORT + HOUR,
        startMs: REPORT + HOUR,
        endMs: REPORT + 2 * HOUR,
      }),
    );
    // Incident 0 again, by home visit: a contact of its own.
    placeEscalation(list, escalation({ channel: 'home-visit', startMs: REPORT, endMs: REPORT + 24 * HOUR }));
    expect(list.map((e) => `${e.purpose} ${e.channel} ${e.incidentIndex}`)).toEqual([
      'wrong-drug-recall+complaint phone 0',
      'complaint phone 2',
      'wrong-drug-recall home-visit 0',
    ]);
  });
});

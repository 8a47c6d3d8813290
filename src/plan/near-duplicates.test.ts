/** Near-duplicate grouping, as a property over random candidates: a merged contact's window lies in every member's. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CapRule } from './compile.js';
import { groupNearDuplicates, mergeNearDuplicates, nearDuplicateCap } from './near-duplicates.js';
import { newCandidate, type Candidate, type PlanState } from './plan-state.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-06-01T02:00:00Z');
const cap: CapRule = {
  type: 'cap',
  id: 'cap.day',
  params: { kind: 'per-day', max: 1, mergeWithin: 'P3D' },
  days: 1,
  mergeWithinDays: 3,
  channels: new Set(),
};
// Only what grouping reads: the zone, the escalations (none) and how instants are shown.
const state = { zone: 'UTC', escalations: [], at: (ms: number) => new Date(ms).toISOString() } as unknown as PlanState;

const arbCandidate = fc
  .record({
    rule: fc.constantFrom('a', 'b', 'c'),
    drug: fc.constantFrom('D1', 'D2'),
    kind: fc.constantFrom('follow-up', 'refill') as fc.Arbitrary<'follow-up' | 'refill'>,
    channel: fc.constantFrom('phone', 'sms') as fc.Arbitrary<'phone' | 'sms'>,
    dueHours: fc.integer({ min: 0, max: 20 * 24 }),
    beforeHours: fc.constantFrom(0, 0, 24),
    toleranceHours: fc.integer({ min: 0, max: 10 * 24 }),
    priority: fc.integer({ min: 0, max: 3 }),
  })
  .map((r) =>
    newCandidate({
      kind: r.kind,
      channel: r.channel,
      urgency: 'routine',
      purpose: `${r.rule}-purpose`,
      dueMs: T0 + r.dueHours * HOUR,
      earliestMs: T0 + (r.dueHours - r.beforeHours) * HOUR,
      latestMs: T0 + (r.dueHours + r.toleranceHours) * HOUR,
      tolerance: { tolAfter: `PT${r.toleranceHours}H` },
      priority: r.priority,
      ruleIds: [r.rule],
      reasons: [],
      drugCodes: [r.drug],
      incidentIndex: null,
      overflow: null,
      earlierContactId: null,
      missedAtMs: null,
    }),
  );

/** A stand-in for the slot walk: the first whole hour at or after the earliest start that is 09:00-17:00 UTC, if any in range. */
const firstSlot = (c: Candidate): number | null => {
  for (let t = Math.ceil(c.earliestMs / HOUR) * HOUR; t <= c.latestMs; t += HOUR) {
    const h = new Date(t).getUTCHours();
    if (h >= 9 && h < 17) return t;
  }
  return null;
};

describe('near-duplicates', () => {
  it('groups only contacts of one kind and channel, never a rule twice for a drug, in a window inside every tolerance', () => {
    let merges = 0;
    fc.assert(
      fc.property(fc.array(arbCandidate, { maxLength: 12 }), (list) => {
        const byDue = [...list].sort((x, y) => x.dueMs - y.dueMs);
        const groups = groupNearDuplicates(state, [], cap, byDue, { firstSlot });
        // Every candidate in exactly one group.
        expect(groups.flatMap((g) => g.members).sort((x, y) => byDue.indexOf(x) - byDue.indexOf(y))).toEqual(byDue);
        for (const g of groups) {
          if (g.members.length < 2) continue;
          const merged = mergeNearDuplicates(state, cap, g);
          merges++;
          expect(merged.earliestMs).toBeLessThanOrEqual(merged.latestMs);
          for (const m of g.members) {
            expect([m.kind, m.channel]).toEqual([merged.kind, merged.channel]);
            // Inside its tolerance, and at most 3 days past the slot it would have had on its own.
            expect(merged.earliestMs).toBeGreaterThanOrEqual(m.earliestMs);
            expect(merged.latestMs).toBeLessThanOrEqual(m.latestMs);
            expect(merged.latestMs).toBeLessThanOrEqual((firstSlot(m) as number) + 3 * DAY);
            expect(merged.purpose.split('+')).toContain(m.purpose);
            expect(merged.ruleIds).toContain(m.ruleIds[0]);
            expect(merged.drugCodes).toContain(m.drugCodes[0]);
            expect(
              g.members.filter((o) => o.ruleIds[0] === m.ruleIds[0] && o.drugCodes[0] === m.drugCodes[0]),
            ).toHaveLength(1);
          }
          expect(merged.dueMs).toBe(Math.min(...g.members.map((m) => m.dueMs)));
          expect(merged.overflow).toBeNull();
        }
      }),
      { numRuns: 500, seed: 18 },
    );
    expect(merges).toBeGreaterThan(100);
  });

  it('the widest mergeWithin among the caps in force applies', () => {
    const narrow = { ...cap, id: 'narrow', mergeWithinDays: 2 };
    const none = { ...cap, id: 'none', mergeWithinDays: 0 };
    expect(nearDuplicateCap([narrow, cap, none])?.id).toBe('cap.day');
    expect(nearDuplicateCap([none])).toBeNull();
  });
});

/**
 * Who is a customer's person (一表到底), and who takes an escalation their person has no room for: the worklist's
 * assignment, pinned case by case (issue 36 item 5: its mutants survived the suites before). Plans from the default
 * rules: a regular member who bought Mon 03-02 10:00 has one medication check, planned Tue 03-10 15:00.
 */
import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, type FollowUpPlan, type PlanInput, type Worklist } from '../index.js';
import { complaint, regular } from '../../test/worklist-helpers.js';

const planner = createPlanner({ ruleSet: defaultRuleSet });
const plansOf = (inputs: PlanInput[]): Promise<FollowUpPlan[]> => Promise.all(inputs.map((i) => planner.plan(i)));
const WEEK = { from: '2026-03-09', days: 7 } as const;
/** Each customer's person, as the rows say (one each: continuity). */
function ownersOf(list: Worklist): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of list.days) for (const a of d.assignments) out[a.customerId] = a.staffId;
  return out;
}
/** A second purchase of customer `i` an hour after the first: another check, the same person's. */
function again(i: number): PlanInput {
  const input = regular(i, '2026-03-02T11:00:00+08:00');
  return { ...input, purchase: { ...input.purchase, id: `P${i}b` } };
}

describe("a customer's person: the one left with the smallest share of their capacity", () => {
  it('spreads customers by capacity, the first of equals taking a tie', async () => {
    // S1 makes 1 call a day, S2 3: over the week 7 and 21. Customers one by one (equal loads: by id), each to whoever's
    // share would be smallest: C1 S2 (1/21 < 1/7), C2 S2 (2/21 < 1/7), C3 S1 (3/21 = 1/7: the first of equals, S1),
    // C4 S2 (3/21... 4/21 < 2/7).
    const plans = await plansOf([1, 2, 3, 4].map((i) => regular(i)));
    const list = planner.worklist(plans, {
      ...WEEK,
      staff: [
        { id: 'S1', storeId: 'A', calls: 1 },
        { id: 'S2', storeId: 'A', calls: 3 },
      ],
    });
    expect(ownersOf(list)).toEqual({ C1: 'S2', C2: 'S2', C3: 'S1', C4: 'S2' });
    expect(list.overflow).toEqual([]);
  });

  it('gives the busiest customer a person first', async () => {
    // C5 has two checks (two purchases), C1 one; S1 and S2 make 2 calls a day each (14 a week). C5 first: 2/14 each,
    // a tie: S1. Then C1: S1 would have 3/14, S2 1/14: S2. Taken by id instead, C1 would have had S1 and C5 S2.
    const plans = await plansOf([regular(1), regular(5), again(5)]);
    const list = planner.worklist(plans, {
      ...WEEK,
      staff: [
        { id: 'S1', storeId: 'A', calls: 2 },
        { id: 'S2', storeId: 'A', calls: 2 },
      ],
    });
    expect(ownersOf(list)).toEqual({ C5: 'S1', C1: 'S2' });
    expect(list.days.flatMap((d) => d.assignments.filter((a) => a.customerId === 'C5'))).toHaveLength(2);
  });

  it('a pinned person stays the customer’s whatever the load', async () => {
    const plans = await plansOf([1, 2, 3].map((i) => regular(i)));
    const list = planner.worklist(plans, {
      ...WEEK,
      staff: [
        { id: 'S1', storeId: 'A', calls: 1 },
        { id: 'S2', storeId: 'A', calls: 40 },
      ],
      owners: { C1: 'S1', C2: 'S1', C3: 'S1' },
    });
    expect(ownersOf(list)).toEqual({ C1: 'S1', C2: 'S1', C3: 'S1' });
  });
});

describe('an escalation its person has no room for', () => {
  it('goes to whoever of the store has the most room left that day, not the first by id', async () => {
    // C8 and C9 complained Tue 03-10 09:00, both A1's; A1 makes 1 call a day: the first escalation (in order of start,
    // then touchpoint id) is A1's, the other goes to A3 (3 calls free) before A2 (1 free).
    const plans = await plansOf([complaint(8), complaint(9)]);
    const list = planner.worklist(plans, {
      ...WEEK,
      staff: [
        { id: 'A1', storeId: 'A', calls: 1 },
        { id: 'A2', storeId: 'A', calls: 1 },
        { id: 'A3', storeId: 'A', calls: 3 },
      ],
      owners: { C8: 'A1', C9: 'A1' },
      level: false,
    });
    const urgent = (list.days.find((d) => d.date === '2026-03-10')?.assignments ?? []).filter(
      (a) => a.urgency !== 'routine',
    );
    expect(urgent.map((a) => a.staffId).sort()).toEqual(['A1', 'A3']);
    expect(urgent.map((a) => a.customerId).sort()).toEqual(['C8', 'C9']);
  });

  it('overflows, unstaffed, when no one of the store works in its window; with its person named', async () => {
    // A1 works Mondays only: no one of store A is on duty Tue 03-10 while C8's escalation is open (to its deadline).
    const plans = await plansOf([complaint(8)]);
    const list = planner.worklist(plans, {
      from: '2026-03-10',
      days: 1,
      staff: [{ id: 'A1', storeId: 'A', calls: 5, days: ['MON'] }],
      owners: { C8: 'A1' },
    });
    const escalation = list.overflow.find((o) => o.urgency !== 'routine');
    expect(escalation?.staffId).toBe('A1');
    expect(escalation?.reason).toContain('no one of');
    expect(list.unstaffedEscalations.map((o) => o.customerId)).toEqual(['C8']);
  });
});

/**
 * A person's day over capacity, and levelling toward a target: which contacts move, and which one overflows (issue 36
 * item 5: these orders survived the suites' mutants before). Plans from the default rules: a regular member who
 * bought Mon 03-02 10:00 has one medication check, due Mon 03-09 10:00 (tolerance to Mon 03-16 10:00), planned in
 * the preferred hours Tue 03-10 15:00 — or in the customer's own preferred hours when they name some.
 */
import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, type FollowUpPlan, type PlanInput, type Worklist } from '../index.js';
import { regular } from '../../test/worklist-helpers.js';

const planner = createPlanner({ ruleSet: defaultRuleSet });
const plansOf = (inputs: PlanInput[]): Promise<FollowUpPlan[]> => Promise.all(inputs.map((i) => planner.plan(i)));
const rows = (list: Worklist) => list.days.flatMap((d) => d.assignments.map((a) => ({ ...a, date: d.date })));
/** Customer `i`, who prefers calls on Tuesdays 10:00-11:00: their check goes Tue 03-10 10:00. */
function mornings(i: number): PlanInput {
  const input = regular(i);
  return {
    ...input,
    customer: { ...input.customer, preferredWindows: [{ days: ['TUE'], from: '10:00', to: '11:00' }] },
  };
}

describe('a day over capacity', () => {
  it('keeps the earliest contacts of the day and overflows the latest when no other day is in the range', async () => {
    // S1 makes one call a day, on Tue 03-10 only (the range): C1's call at 10:00 stays, C2's at 15:00 overflows.
    const plans = await plansOf([mornings(1), regular(2)]);
    expect(plans.map((p) => p.touchpoints[0]?.window.start)).toEqual([
      '2026-03-10T10:00:00+08:00',
      '2026-03-10T15:00:00+08:00',
    ]);
    const list = planner.worklist(plans, {
      from: '2026-03-10',
      days: 1,
      staff: [{ id: 'S1', storeId: 'A', calls: 1 }],
    });
    expect(rows(list).map((r) => [r.customerId, r.start])).toEqual([['C1', '2026-03-10T10:00:00+08:00']]);
    expect(list.overflow.map((o) => [o.customerId, o.staffId])).toEqual([['C2', 'S1']]);
    expect(list.overflow[0]?.reason).toBe(
      "S1's 1 call on Tue 03-10 was taken, and no other day of the range within its tolerance has an allowed slot with room",
    );
  });

  it('moves an extra call to the nearest day with room in its tolerance and call windows, the earlier first', async () => {
    // Three checks Tue 03-10 15:00, S1 makes 2 calls a day Mon-Sat: one moves (the first by touchpoint id) to the
    // nearest day with room — Mon 03-09 and Wed 03-11 are one day away, the earlier first: Mon 03-09 10:00, its due,
    // inside the fallback hours (MON-SAT 09:30-11:30); the tolerance runs from the due to Mon 03-16 10:00.
    const plans = await plansOf([1, 2, 3].map((i) => regular(i)));
    const list = planner.worklist(plans, {
      from: '2026-03-09',
      days: 7,
      staff: [{ id: 'S1', storeId: 'A', calls: 2, days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] }],
    });
    const moved = rows(list).filter((r) => r.moved !== undefined);
    expect(moved.map((r) => [r.date, r.start])).toEqual([['2026-03-09', '2026-03-09T10:00:00+08:00']]);
    expect(moved[0]?.moved).toBe(
      "from Tue 03-10 15:00 to Mon 03-09 10:00: S1's 2 calls on Tue 03-10 were taken; fallback call window Mon-Sat 09:30-11:30 (rule window.fallback)",
    );
    expect(rows(list).filter((r) => r.date === '2026-03-10')).toHaveLength(2);
    expect(list.overflow).toEqual([]);
  });
});

describe('levelling to a target', () => {
  it('moves calls off a day above the target to the nearest days below it, never below the average', async () => {
    // Six checks Tue 03-10 15:00; S1 (40 a day, every day) asked for 1 a day: the average over the 7 days of the range
    // is 6/7, so the target stays 1. The nearest days below it first, the earlier of two first: Mon 03-09 (10:00, the
    // due, fallback hours), Wed 03-11 (15:00, preferred), then Thu 03-12 (15:00), Fri 03-13 and Sat 03-14 (09:30,
    // fallback: no preferred hours on those days); Sun 03-15 has no call hours. One stays on Tuesday.
    const plans = await plansOf([1, 2, 3, 4, 5, 6].map((i) => regular(i)));
    const list = planner.worklist(plans, {
      from: '2026-03-09',
      days: 7,
      staff: [{ id: 'S1', storeId: 'A', calls: 40 }],
      target: 1,
    });
    const perDay = new Map<string, number>();
    for (const r of rows(list)) perDay.set(r.date, (perDay.get(r.date) ?? 0) + 1);
    expect(Object.fromEntries(perDay)).toEqual({
      '2026-03-09': 1,
      '2026-03-10': 1,
      '2026-03-11': 1,
      '2026-03-12': 1,
      '2026-03-13': 1,
      '2026-03-14': 1,
    });
    expect(rows(list).map((r) => r.start.slice(11, 16))).toEqual([
      '10:00',
      '15:00',
      '15:00',
      '15:00',
      '09:30',
      '09:30',
    ]);
    for (const r of rows(list).filter((x) => x.moved !== undefined)) expect(r.moved).toContain('levelling the load');
  });
});

/**
 * What a rule change does to one purchase's plan: contacts added, removed and moved, matched by what they are for
 * (purpose, kind and drugs), not only by id — a changed offset changes a contact's id (its due), yet it is the same
 * contact, moved. And the totals over many plans: per rule and purpose, and the load per weekday before and after.
 */
import { instant } from '../calendar/instant.js';
import { localEpochDay } from '../calendar/zone.js';
import { weekdayOfEpochDay } from '../calendar/local-date.js';
import { byCodeUnits } from '../_lib/sort.js';
import type { FollowUpPlan, Touchpoint } from '../plan/types.js';
import { checkPlan } from './guards.js';

/** A contact as a diff shows it. */
export interface DiffContact {
  readonly id: string;
  readonly purpose: string;
  readonly channel: Touchpoint['channel'];
  readonly start: string;
  readonly ruleIds: readonly string[];
}

/** One purchase's plan before and after. */
export interface PlanDiff {
  readonly customerId: string;
  readonly purchaseId: string;
  readonly added: readonly DiffContact[];
  readonly removed: readonly DiffContact[];
  /** The same contact (purpose, kind, drugs) at another time or by another channel. */
  readonly moved: readonly { readonly before: DiffContact; readonly after: DiffContact }[];
  readonly unchanged: number;
}

const contact = (t: Touchpoint): DiffContact => ({
  id: t.id,
  purpose: t.purpose,
  channel: t.channel,
  start: t.window.start,
  ruleIds: t.ruleIds,
});
const what = (t: Touchpoint): string =>
  `${t.kind}|${t.purpose.split('+').sort(byCodeUnits).join('+')}|${[...t.drugCodes].sort(byCodeUnits).join(',')}`;

/**
 * Compares two plans of one purchase: the same touchpoint id is the same contact; the rest are paired by what they
 * are for, each with the nearest in time of the other plan; what is left is added or removed.
 *
 * @example
 * ```ts
 * import { createPlanner, defaultRuleSet } from 'rx-followup';
 * import { diffPlans } from 'rx-followup/workbench';
 *
 * const input = {
 *   customer: { id: 'c1', membership: { tier: 'regular' as const, registeredAt: '2024-09-01T09:00:00+08:00' }, contact: { phone: '1' } },
 *   purchase: { id: 'p1', customerId: 'c1', purchasedAt: '2026-03-02T10:00:00+08:00', items: [{ drugCode: 'D1', quantity: 1 }] },
 *   courses: [{ drugCode: 'D1', unitsPerPack: 6, dosePerDay: 1 }],
 * };
 * const plan = await createPlanner({ ruleSet: defaultRuleSet }).plan(input);
 * console.log(diffPlans(plan, plan).unchanged); // 1
 * ```
 */
export function diffPlans(before: FollowUpPlan, after: FollowUpPlan): PlanDiff {
  checkPlan(before, 'before', 'Invalid plans to compare');
  checkPlan(after, 'after', 'Invalid plans to compare');
  const left = new Map(before.touchpoints.map((t) => [t.id, t]));
  const right = new Map(after.touchpoints.map((t) => [t.id, t]));
  const moved: { before: DiffContact; after: DiffContact }[] = [];
  let unchanged = 0;
  for (const [id, b] of left) {
    const a = right.get(id);
    if (a === undefined) continue;
    if (a.window.start === b.window.start && a.channel === b.channel) unchanged++;
    else moved.push({ before: contact(b), after: contact(a) });
    left.delete(id);
    right.delete(id);
  }
  // Pairs by what they are for: for each remaining contact before, the nearest in time after (the earlier one on a
  // tie). Each kind of contact is one list, in the plan's order (by start): a binary search finds the nearest, so two
  // plans of thousands of contacts compare in milliseconds.
  const groups = new Map<string, { t: Touchpoint; at: number }[]>();
  for (const a of right.values()) {
    const key = what(a);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = []));
    group.push({ t: a, at: instant(a.window.start) });
  }
  for (const group of groups.values()) group.sort((x, y) => x.at - y.at);
  for (const [id, b] of left) {
    const group = groups.get(what(b));
    if (group === undefined || group.length === 0) continue;
    const at = instant(b.window.start);
    let lo = 0;
    let hi = group.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((group[mid] as { at: number }).at < at) lo = mid + 1;
      else hi = mid;
    }
    // The nearest earlier one, the first of its start; else (or nearer) the first at or after.
    let earlier = lo - 1;
    while (earlier > 0 && (group[earlier - 1] as { at: number }).at === (group[earlier] as { at: number }).at)
      earlier--;
    const pick =
      earlier >= 0 &&
      (lo >= group.length || at - (group[earlier] as { at: number }).at <= (group[lo] as { at: number }).at - at)
        ? earlier
        : lo;
    const best = (group[pick] as { t: Touchpoint }).t;
    group.splice(pick, 1);
    // Only its due changed (a new id), not when or how: unchanged for the customer.
    if (best.window.start === b.window.start && best.channel === b.channel) unchanged++;
    else moved.push({ before: contact(b), after: contact(best) });
    left.delete(id);
    right.delete(best.id);
  }
  moved.sort((x, y) => byCodeUnits(x.before.start, y.before.start) || byCodeUnits(x.before.id, y.before.id));
  return {
    customerId: after.customerId,
    purchaseId: after.purchaseId,
    added: [...right.values()].map(contact),
    removed: [...left.values()].map(contact),
    moved,
    unchanged,
  };
}

/** Counts over many diffs: per rule (every rule a contact names) and per purpose, and contacts per weekday (Monday first) before and after. */
export interface DiffTotals {
  readonly byRule: Record<string, { added: number; removed: number; moved: number }>;
  readonly byPurpose: Record<string, { added: number; removed: number; moved: number }>;
  readonly weekdays: { readonly before: number[]; readonly after: number[] };
}

/**
 * Adds one purchase's plans and their diff to running totals (made with {@link newDiffTotals}).
 *
 * @example
 * ```ts
 * import { createPlanner, defaultRuleSet } from 'rx-followup';
 * import { addToTotals, diffPlans, newDiffTotals } from 'rx-followup/workbench';
 *
 * const plan = await createPlanner({ ruleSet: defaultRuleSet }).plan({
 *   customer: { id: 'c1', contact: { phone: '1' } },
 *   purchase: { id: 'p1', customerId: 'c1', purchasedAt: '2026-03-02T10:00:00+08:00', items: [{ drugCode: 'D1', quantity: 1 }] },
 *   courses: [{ drugCode: 'D1', unitsPerPack: 6, dosePerDay: 1 }],
 * });
 * const totals = newDiffTotals();
 * addToTotals(totals, plan, plan, diffPlans(plan, plan));
 * console.log(totals.weekdays.before); // [0, 1, 0, 0, 0, 0, 0]: one contact, on a Tuesday
 * ```
 */
export function addToTotals(totals: DiffTotals, before: FollowUpPlan, after: FollowUpPlan, diff: PlanDiff): void {
  const bump = (map: DiffTotals['byRule'], key: string, field: 'added' | 'removed' | 'moved'): void => {
    const entry = Object.hasOwn(map, key)
      ? (map[key] as { added: number; removed: number; moved: number })
      : (map[key] = { added: 0, removed: 0, moved: 0 });
    entry[field]++;
  };
  const count = (c: DiffContact, field: 'added' | 'removed' | 'moved'): void => {
    for (const r of c.ruleIds) bump(totals.byRule, r, field);
    bump(totals.byPurpose, c.purpose, field);
  };
  for (const c of diff.added) count(c, 'added');
  for (const c of diff.removed) count(c, 'removed');
  for (const m of diff.moved) count(m.after, 'moved');
  for (const [plan, list] of [
    [before, totals.weekdays.before],
    [after, totals.weekdays.after],
  ] as const)
    for (const t of plan.touchpoints) {
      const w = weekdayOfEpochDay(localEpochDay(instant(t.window.start), plan.timeZone));
      list[w] = (list[w] as number) + 1;
    }
}

/**
 * Empty totals, for {@link addToTotals}.
 *
 * @example
 * ```ts
 * import { newDiffTotals } from 'rx-followup/workbench';
 *
 * console.log(newDiffTotals().weekdays.after.length); // 7
 * ```
 */
export function newDiffTotals(): DiffTotals {
  return {
    byRule: Object.create(null) as DiffTotals['byRule'],
    byPurpose: Object.create(null) as DiffTotals['byPurpose'],
    weekdays: { before: new Array<number>(7).fill(0), after: new Array<number>(7).fill(0) },
  };
}

import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, type FollowUpPlan, type RuleSetInput, type Touchpoint } from '../src/index.js';
import { diffPlans } from '../src/workbench/index.js';
import { regular } from './worklist-helpers.js';

/** The default rules with `change` applied to a copy. */
function rulesWith(change: (set: Record<string, any>) => void): RuleSetInput {
  const set = structuredClone(defaultRuleSet) as Record<string, any>;
  change(set);
  return set as RuleSetInput;
}
const rule = (set: Record<string, any>, id: string) => set.rules.find((r: { id: string }) => r.id === id);

describe('diffPlans', () => {
  it('pairs a contact whose offset changed with itself (moved), though its id changed', async () => {
    // A regular member bought Mon 03-02 10:00: the 7-day check is due Mon 03-09 and goes to the preferred window Tue
    // 03-10 15:00. At 1 day it is due Tue 03-03 10:00 and goes to Tue 03-03 15:00: moved, not removed and added.
    const input = regular(1);
    const before = await createPlanner({ ruleSet: defaultRuleSet }).plan(input);
    const after = await createPlanner({
      ruleSet: rulesWith((s) => (rule(s, 'cadence.regular-7d').event.params.offsets = ['P1D'])),
    }).plan(input);
    expect(before.touchpoints[0]?.id).not.toBe(after.touchpoints[0]?.id);
    const diff = diffPlans(before, after);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.moved.map((m) => [m.before.start, m.after.start, m.after.purpose])).toEqual([
      ['2026-03-10T15:00:00+08:00', '2026-03-03T15:00:00+08:00', 'medication-check'],
    ]);
    expect(diff.unchanged).toBe(0);
  });

  it('counts a contact whose due changed but not its time as unchanged; lists added and removed contacts', async () => {
    const input = regular(1);
    const before = await createPlanner({ ruleSet: defaultRuleSet }).plan(input);
    // At 6 days the check is due Sun 03-08: the earliest allowed slot is Mon 03-09 09:30 (fallback), and the preferred
    // Tue 03-10 15:00 is a day after it, within the slack — still Tue 03-10 15:00. (At 5 days, due Sat 03-07 inside
    // Saturday's fallback hours, on time would win: issue 34 item 1.)
    const same = await createPlanner({
      ruleSet: rulesWith((s) => (rule(s, 'cadence.regular-7d').event.params.offsets = ['P6D'])),
    }).plan(input);
    expect(diffPlans(before, same)).toMatchObject({ added: [], removed: [], moved: [], unchanged: 1 });
    const none = await createPlanner({
      ruleSet: rulesWith((s) => (rule(s, 'cadence.regular-7d').enabled = false)),
    }).plan(input);
    expect(diffPlans(before, none).removed.map((c) => [c.start, c.purpose])).toEqual([
      ['2026-03-10T15:00:00+08:00', 'medication-check'],
    ]);
    expect(diffPlans(none, before).added.map((c) => [c.start, c.purpose])).toEqual([
      ['2026-03-10T15:00:00+08:00', 'medication-check'],
    ]);
  });
});

describe('diffPlans at scale (issue 35)', () => {
  /** The pairing as it was (each contact before against every one after): the reference the fast one must equal. */
  function reference(before: FollowUpPlan, after: FollowUpPlan): ReturnType<typeof diffPlans> {
    const what = (t: Touchpoint): string =>
      `${t.kind}|${t.purpose.split('+').sort().join('+')}|${[...t.drugCodes].sort().join(',')}`;
    const contact = (t: Touchpoint) => ({
      id: t.id,
      purpose: t.purpose,
      channel: t.channel,
      start: t.window.start,
      ruleIds: t.ruleIds,
    });
    const left = new Map(before.touchpoints.map((t) => [t.id, t]));
    const right = new Map(after.touchpoints.map((t) => [t.id, t]));
    const moved: { before: ReturnType<typeof contact>; after: ReturnType<typeof contact> }[] = [];
    let unchanged = 0;
    for (const [id, b] of left) {
      const a = right.get(id);
      if (a === undefined) continue;
      if (a.window.start === b.window.start && a.channel === b.channel) unchanged++;
      else moved.push({ before: contact(b), after: contact(a) });
      left.delete(id);
      right.delete(id);
    }
    for (const [id, b] of left) {
      const at = Date.parse(b.window.start);
      let best: Touchpoint | undefined;
      for (const a of right.values())
        if (
          what(a) === what(b) &&
          (best === undefined ||
            Math.abs(Date.parse(a.window.start) - at) < Math.abs(Date.parse(best.window.start) - at))
        )
          best = a;
      if (best === undefined) continue;
      if (best.window.start === b.window.start && best.channel === b.channel) unchanged++;
      else moved.push({ before: contact(b), after: contact(best) });
      left.delete(id);
      right.delete(best.id);
    }
    moved.sort((x, y) =>
      x.before.start < y.before.start ? -1 : x.before.start > y.before.start ? 1 : x.before.id < y.before.id ? -1 : 1,
    );
    return {
      customerId: after.customerId,
      purchaseId: after.purchaseId,
      added: [...right.values()].map(contact),
      removed: [...left.values()].map(contact),
      moved,
      unchanged,
    };
  }

  /** A plan of `n` contacts of a few kinds, at hours drawn from `seed` (ties included), sorted as plans are. */
  function planOf(base: FollowUpPlan, n: number, seed: number, prefix: string): FollowUpPlan {
    let x = seed;
    const next = (m: number): number => ((x = (x * 1_103_515_245 + 12_345) % 2_147_483_648), x % m);
    const template = base.touchpoints[0] as Touchpoint;
    const touchpoints = Array.from({ length: n }, (_, i) => {
      const start = new Date(Date.UTC(2026, 2, 10) + next(400) * 3_600_000).toISOString().replace('.000Z', 'Z');
      return {
        ...template,
        id: `${prefix}${i}`,
        purpose: ['a', 'b', 'c+d'][next(3)] as string,
        drugCodes: [`D${next(4)}`],
        window: { start, end: start },
      };
    }).sort((p, q) =>
      p.window.start < q.window.start ? -1 : p.window.start > q.window.start ? 1 : p.id < q.id ? -1 : 1,
    );
    return { ...base, touchpoints };
  }

  it('pairs as the all-pairs comparison did, on plans of up to 1,000 contacts, shared ids included', async () => {
    const base = await createPlanner({ ruleSet: defaultRuleSet }).plan(regular(1));
    for (const [n, seed] of [
      [5, 1],
      [40, 2],
      [300, 3],
      [1_000, 4],
    ] as const) {
      const before = planOf(base, n, seed, 'b');
      // A third of the contacts keep their ids (some moved), the rest are new.
      const after = planOf(base, n, seed + 100, 'a');
      const shared = {
        ...after,
        touchpoints: after.touchpoints.map((t, i) => (i % 3 === 0 ? { ...t, id: `b${i}` } : t)),
      };
      for (const [x, y] of [
        [before, after],
        [before, shared],
        [shared, before],
      ] as const)
        expect(diffPlans(x, y)).toEqual(reference(x, y));
    }
  });
});

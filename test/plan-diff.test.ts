import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, type RuleSetInput } from '../src/index.js';
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
    const after = await createPlanner({ ruleSet: rulesWith((s) => (rule(s, 'cadence.regular-7d').event.params.offsets = ['P1D'])) }).plan(input);
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
    // At 5 days the check is due Sat 03-07: the earliest preferred slot in its tolerance is still Tue 03-10 15:00.
    const same = await createPlanner({ ruleSet: rulesWith((s) => (rule(s, 'cadence.regular-7d').event.params.offsets = ['P5D'])) }).plan(input);
    expect(diffPlans(before, same)).toMatchObject({ added: [], removed: [], moved: [], unchanged: 1 });
    const none = await createPlanner({ ruleSet: rulesWith((s) => (rule(s, 'cadence.regular-7d').enabled = false)) }).plan(input);
    expect(diffPlans(before, none).removed.map((c) => [c.start, c.purpose])).toEqual([['2026-03-10T15:00:00+08:00', 'medication-check']]);
    expect(diffPlans(none, before).added.map((c) => [c.start, c.purpose])).toEqual([['2026-03-10T15:00:00+08:00', 'medication-check']]);
  });
});

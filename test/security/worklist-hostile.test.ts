import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, InputError, type FollowUpPlan } from '../../src/index.js';
import { regular } from '../worklist-helpers.js';

const planner = createPlanner({ ruleSet: defaultRuleSet });

describe('worklists with hostile or extreme data', () => {
  it('one person with 20,000 calls planned on one day: levelled or overflowed, each once, no quadratic stall', async () => {
    const [plan] = await Promise.all([planner.plan(regular(1))]);
    const base = plan as FollowUpPlan;
    // 20,000 copies of one plan under other ids (as an ERP could send them): every call on Tue 03-10 15:00.
    const plans = Array.from({ length: 20_000 }, (_, i) => ({
      ...base,
      customerId: `C${i}`,
      purchaseId: `P${i}`,
      touchpoints: base.touchpoints.map((t) => ({ ...t, id: `${t.id}-${i}` })),
    }));
    const list = planner.worklist(plans, { from: '2026-03-09', days: 7, staff: [{ id: 'D1', calls: 1_000 }] });
    const assigned = list.days.reduce((n, d) => n + d.assignments.length, 0);
    expect(assigned + list.overflow.length).toBe(20_000);
    // Mon 10:00 to the next Mon 10:00 (its tolerance): six days with call windows (no Sunday), 1,000 a day.
    expect(assigned).toBe(6_000);
    expect(Math.max(...list.days.map((d) => d.assignments.length))).toBe(1_000);
  }, 60_000);

  it('customer ids and owners named like Object.prototype keys are plain keys', async () => {
    const input = regular(1);
    const plan = await planner.plan({
      ...input,
      customer: { ...input.customer, id: 'constructor' },
      purchase: { ...input.purchase, customerId: 'constructor' },
    });
    const owners = JSON.parse('{"__proto__": "S2", "toString": "S2"}') as Record<string, string>;
    const list = planner.worklist([plan], {
      from: '2026-03-09',
      days: 7,
      staff: [
        { id: 'S1', calls: 5 },
        { id: 'S2', calls: 5 },
      ],
      owners,
    });
    expect(list.days.flatMap((d) => d.assignments).map((a) => a.customerId)).toEqual(['constructor']);
    expect(list.warnings).toEqual([]);
    expect(({} as Record<string, unknown>)['S2']).toBeUndefined();
  });

  it('refuses what is over the bounds, with paths', () => {
    const bad = (options: unknown, plans: unknown = []): string[] => {
      try {
        planner.worklist(plans as FollowUpPlan[], options as never);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as InputError).issues.map((i) => `${i.path}: ${i.message}`);
      }
      return [];
    };
    expect(bad({ from: '2026-03-09', days: 63, staff: [{ id: 'S', calls: 1 }] })).toEqual(['options.days: must be at most 62']);
    expect(bad({ from: '2026-03-09', days: 1, staff: [{ id: 'S', calls: 1_001 }] })).toEqual(['options.staff[0].calls: must be at most 1000']);
    expect(bad({ from: '2026-03-09', days: 1, staff: [] })).toEqual(['options.staff: must name at least one staff member']);
    expect(bad({ from: '2026-03-09', days: 1, staff: [{ id: 'S', calls: 1 }] }, { plans: [] })).toEqual(['plans: must be a list of plans']);
    expect(bad(null)[0]).toMatch(/^options: /);
  });
});

/**
 * The limits of SECURITY.md that no other test names: each refused with a typed error at its path (issue 35: every
 * promise of SECURITY.md has a test that would fail if it broke).
 */
import { describe, expect, it } from 'vitest';
import {
  createPlanner,
  defaultRuleSet,
  InputError,
  validateRuleSet,
  type FollowUpPlan,
  type PlanInput,
} from '../../src/index.js';
import { blackoutDays } from '../../src/workbench/index.js';
import { regular } from '../worklist-helpers.js';

const planner = createPlanner({ ruleSet: defaultRuleSet });
const rule = (conditions: unknown, id = 'r'): Record<string, unknown> => ({
  id,
  description: 'limits',
  conditions,
  event: { type: 'cap', params: { kind: 'per-day', max: 1 } },
});
const issuesOf = (json: unknown): string[] => {
  const result = validateRuleSet(json);
  return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
};
const inputIssues = async (input: unknown): Promise<string[]> => {
  const error = await planner.plan(input as PlanInput).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).issues.map((i) => i.path);
};

describe('rule set limits', () => {
  it('values in one list: 10,000', () => {
    // A condition's value list: past this bound, before the bound of `in` lists (1,000) is even looked at.
    const set = {
      id: 'x',
      version: '1',
      rules: [
        rule({
          all: [
            { fact: 'customer', path: '$.tags', operator: 'equal', value: Array.from({ length: 10_001 }, (_, i) => i) },
          ],
        }),
      ],
    };
    expect(issuesOf(set).some((i) => i.includes('lists 10,001 values; at most 10,000'))).toBe(true);
  });

  it('decorators on one operator: 3', () => {
    const leaf = (operator: string) => ({
      id: 'x',
      version: '1',
      rules: [rule({ all: [{ fact: 'customer', path: '$.tags', operator, value: ['a'] }] })],
    });
    expect(issuesOf(leaf('not:not:someValue:in'))).toEqual([]);
    expect(issuesOf(leaf('not:not:not:someValue:in'))).toEqual([
      'rules[0].conditions.all[0].operator: "not:not:not:someValue:in" has 4 decorators; at most 3',
    ]);
  });

  it("a condition's priority: a whole number from 1 to 1,000", () => {
    const at = (priority: number) => ({
      id: 'x',
      version: '1',
      rules: [rule({ all: [{ fact: 'customer', path: '$.id', operator: 'equal', value: 'a', priority }] })],
    });
    expect(issuesOf(at(1_000))).toEqual([]);
    expect(issuesOf(at(1_001)).some((i) => i.startsWith('rules[0].conditions.all[0].priority'))).toBe(true);
    expect(issuesOf(at(0)).some((i) => i.startsWith('rules[0].conditions.all[0].priority'))).toBe(true);
  });

  it('holidays per calendar: 5,000', () => {
    const day = (i: number) => new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const set = (n: number) => ({
      id: 'x',
      version: '1',
      rules: [],
      calendars: { big: { holidays: Array.from({ length: n }, (_, i) => ({ date: day(i), name: 'h' })) } },
    });
    expect(issuesOf(set(5_000))).toEqual([]);
    expect(issuesOf(set(5_001)).some((i) => i.startsWith('calendars.big.holidays'))).toBe(true);
  });
});

describe('rule set limits, continued', () => {
  it('holiday names a holidays-anchored cadence lists / channels a blackout lists: 50 / 4', () => {
    const cadence = (holidays: string[]) => ({
      id: 'x',
      version: '1',
      rules: [
        {
          id: 'c',
          description: 'd',
          conditions: { all: [] },
          event: {
            type: 'cadence',
            params: {
              anchor: 'holidays',
              holidays,
              offsets: ['P0D'],
              channel: 'phone',
              purpose: 'p',
              tolerance: 'P1D',
            },
          },
        },
      ],
    });
    expect(issuesOf(cadence(Array.from({ length: 51 }, (_, i) => `h${i}`)))).toEqual([
      'rules[0].event.params.holidays: Too big: expected array to have <=50 items',
    ]);
    const blackout = {
      id: 'x',
      version: '1',
      rules: [
        {
          id: 'b',
          description: 'd',
          conditions: { all: [] },
          event: {
            type: 'blackout',
            params: { kind: 'weekdays', days: ['SUN'], channels: ['phone', 'sms', 'wechat', 'home-visit', 'phone'] },
          },
        },
      ],
    };
    expect(issuesOf(blackout)).toEqual(['rules[0].event.params.channels: Too big: expected array to have <=4 items']);
  });

  it('retries of a contact not reached: 5', () => {
    const retry = (max: number) => ({
      id: 'x',
      version: '1',
      rules: [
        { id: 'r', description: 'd', conditions: { all: [] }, event: { type: 'retry', params: { after: 'P1D', max } } },
      ],
    });
    expect(issuesOf(retry(5))).toEqual([]);
    expect(issuesOf(retry(6)).map((i) => i.split(':')[0])).toEqual(['rules[0].event.params.max']);
  });

  it('conditions in one rule set: 20,000 (21 rules of 991 conditions each)', () => {
    const leaf = { fact: 'customer', path: '$.id', operator: 'equal', value: 'a' };
    const conditions = { any: Array.from({ length: 10 }, () => ({ all: Array.from({ length: 98 }, () => leaf) })) };
    const set = (n: number) => ({
      id: 'x',
      version: '1',
      rules: Array.from({ length: n }, (_, i) => rule(conditions, `r${i}`)),
    });
    expect(issuesOf(set(20))).toEqual([]);
    expect(issuesOf(set(21)).some((i) => i.includes('more than 20,000 conditions'))).toBe(true);
  });
});

describe('input limits', () => {
  it("a history's earlier purchases and contacts: 200 / 1,000", async () => {
    const input = regular(1);
    const earlier = (i: number) => ({
      purchase: { ...input.purchase, id: `H${i}`, purchasedAt: '2026-01-01T10:00:00+08:00' },
      courses: input.courses,
    });
    const contact = (i: number) => ({
      id: `c${i}`,
      purchaseId: 'H0',
      kind: 'follow-up',
      channel: 'phone',
      urgency: 'routine',
      purpose: 'medication-check',
      due: '2026-01-05T10:00:00+08:00',
      window: { start: '2026-01-05T15:00:00+08:00', end: '2026-01-05T18:00:00+08:00' },
      ruleIds: ['cadence.regular-7d'],
      drugCodes: ['AMOX'],
      status: 'done',
    });
    expect(
      await inputIssues({ ...input, history: { purchases: Array.from({ length: 201 }, (_, i) => earlier(i)) } }),
    ).toContain('history.purchases');
    expect(
      await inputIssues({
        ...input,
        history: { purchases: [earlier(0)], contacts: Array.from({ length: 1_001 }, (_, i) => contact(i)) },
      }),
    ).toContain('history.contacts');
  });

  it('a time zone name: 64 characters', async () => {
    const input = regular(1);
    expect(
      await inputIssues({ ...input, customer: { ...input.customer, timeZone: `Asia/${'x'.repeat(60)}` } }),
    ).toContain('customer.timeZone');
  });
});

describe('worklist and workbench limits', () => {
  it("a worklist's plans, touchpoints per plan and staff: 200,000 / 10,000 / 1,000", async () => {
    const plan = await planner.plan(regular(1));
    const bad = (plans: unknown, staff: unknown[] = [{ id: 'S', calls: 1 }]): string[] => {
      try {
        planner.worklist(plans as FollowUpPlan[], { from: '2026-03-09', days: 1, staff: staff as never });
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as InputError).issues.map((i) => `${i.path}: ${i.message}`);
      }
      return [];
    };
    expect(bad(new Array(200_001).fill(plan))).toEqual(['plans: holds 200,001 plans; at most 200,000']);
    const tp = plan.touchpoints[0] as FollowUpPlan['touchpoints'][number];
    expect(bad([{ ...plan, touchpoints: Array.from({ length: 10_001 }, (_, i) => ({ ...tp, id: `t${i}` })) }])).toEqual(
      ['plans[0].touchpoints: must be at most 10,000'],
    );
    expect(
      bad(
        [plan],
        Array.from({ length: 1_001 }, (_, i) => ({ id: `S${i}`, calls: 1 })),
      ),
    ).toEqual(['options.staff: must list at most 1000 staff']);
  });

  it('days one blackoutDays call asks about: 366 (more are not looked at)', async () => {
    const plan = await planner.plan(regular(1));
    const days = blackoutDays(planner.ruleSet, plan, '2026-03-01', 100_000).map((d) => d.date);
    expect(days.length).toBeGreaterThan(0);
    // 2026-03-01 + 366 days is 2027-03-02: nothing on or after it.
    expect(days.every((d) => d < '2027-03-02')).toBe(true);
  });
});

describe('rule folder limits', () => {
  it('*.json files read from one folder: 100', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { loadRuleSet, MAX_RULE_FILES } = await import('../../src/node/index.js');
    const { RuleSetError } = await import('../../src/index.js');
    expect(MAX_RULE_FILES).toBe(100);
    const dir = mkdtempSync(join(tmpdir(), 'rx-files-'));
    writeFileSync(join(dir, 'set.json'), JSON.stringify({ id: 'x', version: '1', rules: [] }));
    for (let i = 0; i < 100; i++)
      writeFileSync(join(dir, `r${String(i).padStart(3, '0')}.json`), JSON.stringify({ rules: [] }));
    const error = await loadRuleSet(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleSetError);
    expect((error as InstanceType<typeof RuleSetError>).issues.some((i) => i.message.includes('100'))).toBe(true);
  });
});

describe('planning limits', () => {
  it('dues one cadence may produce for one line: 500 (a daily repeat over 650 or 730 days gives the same plan)', async () => {
    const withHorizon = (horizon: string) => {
      const set = structuredClone(defaultRuleSet) as unknown as { defaults: Record<string, unknown>; rules: unknown[] };
      set.defaults = { ...set.defaults, horizon };
      set.rules.push({
        id: 'limit.dues',
        description: 'a daily message, for the bound',
        conditions: { all: [] },
        event: {
          type: 'cadence',
          params: {
            anchor: 'purchase',
            offsets: ['P1D'],
            repeat: { every: 'P1D' },
            channel: 'sms',
            purpose: 'limit-dues',
            tolerance: 'P1D',
          },
        },
      });
      return createPlanner({ ruleSet: set as never });
    };
    const input = regular(1);
    const sms = { ...input, customer: { ...input.customer, contact: { ...input.customer.contact, sms: true } } };
    const count = async (horizon: string): Promise<number> => {
      const plan = await withHorizon(horizon).plan(sms);
      const ours = (purpose: string): boolean => purpose.split('+').includes('limit-dues');
      return (
        plan.touchpoints.filter((t) => ours(t.purpose)).length +
        plan.suppressed.filter((x) => ours(x.candidate.purpose)).length
      );
    };
    const long = await count('P730D');
    expect(long).toBeLessThanOrEqual(501);
    expect(long).toBeGreaterThan(450);
    expect(await count('P650D')).toBe(long);
    expect(await count('P200D')).toBeLessThan(long);
  });

  it('unknown keys looked at for a look-alike: 1,000 an input, of at most 40 characters', async () => {
    const warned = async (extra: Record<string, unknown>): Promise<string[]> => {
      const input = regular(1);
      const plan = await planner.plan({ ...input, customer: { ...input.customer, ...extra } } as PlanInput);
      return plan.warnings.filter((w) => w.includes('did you mean occupation'));
    };
    expect(await warned({ occupaton: 'x' })).toHaveLength(1);
    const junk = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`zz${i}`, 1]));
    expect(await warned({ ...junk, occupaton: 'x' })).toEqual([]);
    expect(await warned({ [`occupaton${'_'.repeat(31)}`]: 'x' })).toHaveLength(1);
    expect(await warned({ [`occupaton${'_'.repeat(32)}`]: 'x' })).toEqual([]);
  });
});

describe('simulateProgramme limits', () => {
  it('days / stores / staff per store: 366 / 100 / 100 (more are not simulated)', async () => {
    const { simulateProgramme } = await import('../../src/testing/index.js');
    const wide = await simulateProgramme(
      { seed: 1, days: 1, stores: 1_000, staff: 1_000, purchasesPerDay: 0, customers: 1 },
      planner,
    );
    expect(new Set(wide.staff.map((s) => s.storeId)).size).toBe(100);
    expect(wide.staff).toHaveLength(100 * 100);
    const long = await simulateProgramme(
      { seed: 1, days: 1_000, stores: 1, staff: 1, purchasesPerDay: 0, customers: 1 },
      planner,
    );
    expect(long.days).toHaveLength(366);
  }, 60_000);

  it('purchases a day / customers: 10,000 / 100,000 (more are not simulated)', async () => {
    const { simulateProgramme } = await import('../../src/testing/index.js');
    // A planner that refuses every purchase at once: the run notes each as refused, so the notes count the purchases.
    let asked = 0;
    const refusing = Object.assign(Object.create(planner) as typeof planner, {
      plan: async () => {
        asked++;
        throw new Error('refused');
      },
    });
    const busy = await simulateProgramme(
      { seed: 1, days: 1, stores: 1, staff: 1, purchasesPerDay: 1e9, customers: 1 },
      refusing,
    );
    expect(asked).toBe(10_000);
    expect(busy.violations.filter((v) => v.code === 'plan-refused')).toHaveLength(10_000);
    // Customers C1… are drawn from the population: 40 purchases among a billion asked for stay within C100000.
    const crowd = await simulateProgramme(
      { seed: 1, days: 1, stores: 1, staff: 1, purchasesPerDay: 40, customers: 1e9 },
      planner,
    );
    const ids = crowd.days[0]!.plans.map((p) => Number(p.customerId.slice(1)));
    expect(ids).toHaveLength(40);
    expect(Math.max(...ids)).toBeLessThanOrEqual(100_000);
    expect(Math.max(...ids)).toBeGreaterThan(1_000);
  }, 60_000);
});

describe('replan limits', () => {
  it('purchases one replan plans again: the latest 50 of those within their horizon', async () => {
    // 60 purchases a day apart, each with a complaint never called back: every pass plans its complaint call, so the
    // purchases planned again are the ones the plan's contacts name.
    const day = (i: number) => new Date(Date.UTC(2026, 0, 5) + i * 86_400_000).toISOString().slice(0, 10);
    const purchases = Array.from({ length: 60 }, (_, i) => ({
      purchase: {
        id: `P${String(i).padStart(2, '0')}`,
        customerId: 'C',
        purchasedAt: `${day(i)}T10:00:00+08:00`,
        items: [{ drugCode: 'A', quantity: 1 }],
        incidents: [
          {
            type: 'complaint' as const,
            reportedAt: `${day(i)}T11:00:00+08:00`,
            resolvedAt: '2026-03-05T20:00:00+08:00',
          },
        ],
      },
      courses: [{ drugCode: 'A', unitsPerPack: 10, dosePerDay: 1 }],
    }));
    const contacts = purchases.map((p, i) => ({
      id: `c${i}`,
      purchaseId: p.purchase.id,
      kind: 'follow-up' as const,
      channel: 'phone' as const,
      urgency: 'routine' as const,
      purpose: 'medication-check',
      due: `${day(i)}T12:00:00+08:00`,
      window: { start: `${day(i)}T15:00:00+08:00`, end: `${day(i)}T18:00:00+08:00` },
      ruleIds: ['cadence.regular-7d'],
      drugCodes: ['A'],
      status: 'done' as const,
      at: `${day(i)}T15:10:00+08:00`,
    }));
    const plan = await planner.replan({
      customer: { id: 'C', contact: { phone: '13800000000' } },
      history: { purchases, contacts },
      asOf: '2026-03-05T22:00:00+08:00',
    });
    const planned = [...new Set(plan.touchpoints.map((t) => t.purchaseId ?? plan.purchaseId))].sort();
    expect(planned).toEqual(purchases.slice(10).map((p) => p.purchase.id));
  });
});

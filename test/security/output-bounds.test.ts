/**
 * Issue 35: what the library gives stays inside what it takes — no plan names a date past 2200 (which the next plan,
 * a history or a worklist would refuse) — and its oracles report, never throw.
 */
import { describe, expect, it } from 'vitest';
import {
  createPlanner,
  defaultRuleSet,
  InputError,
  parseReplanInput,
  type FollowUpPlan,
  type PlanInput,
} from '../../src/index.js';
import { checkPlanInvariants, checkWorklist } from '../../src/testing/index.js';
import { regular } from '../worklist-helpers.js';
import { plannedContact } from '../../src/plan/planned-contact.js';

const planner = createPlanner({ ruleSet: defaultRuleSet });
const zhPlanner = createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' });

/** Every date-time of a plan, as text. */
const instants = (plan: FollowUpPlan): string[] => [
  plan.asOf,
  ...plan.touchpoints.flatMap((t) => [
    t.due,
    t.window.start,
    t.window.end,
    ...(t.tolerance ? [t.tolerance.earliest, t.tolerance.latest] : []),
  ]),
  ...plan.suppressed.map((s) => s.candidate.due),
];

describe('plans stay inside the calendar inputs must meet', () => {
  // A loyal member's 3 + 2 weeks + 2 weeks checks (the default rules' loyal cadence): bought on 2200-12-20, the
  // first falls in 2200, the other two in 2201 — past the last year an input may name.
  const late: PlanInput = {
    customer: {
      id: 'C',
      contact: { phone: '1' },
      membership: { tier: 'loyal', registeredAt: '2190-01-01T10:00:00+08:00' },
    },
    purchase: {
      id: 'P',
      customerId: 'C',
      purchasedAt: '2200-12-20T10:00:00+08:00',
      items: [{ drugCode: 'A', quantity: 1 }],
    },
    courses: [{ drugCode: 'A', unitsPerPack: 24, dosePerDay: 3 }],
  };

  it('a purchase days before the end: the contacts after 2200-12-31 are left out, and the plan says so in both locales', async () => {
    const plan = await planner.plan(late);
    expect(plan.touchpoints.map((t) => t.window.start)).toEqual(['2200-12-23T15:00:00+08:00']);
    expect(plan.warnings).toContain('2 contact(s) would fall after 2200-12-31, the last day a plan reaches: left out');
    expect((await zhPlanner.plan(late)).warnings).toContain(
      '有 2 个联系将晚于 2200年12月31日（计划所能到达的最后一天），已略去',
    );
    expect(instants(plan).every((t) => t < '2201')).toBe(true);
    expect(checkPlanInvariants(plan, late, planner)).toEqual([]);
  });

  it('a history whose supplies add up to centuries (150 purchases of a year’s supply): no date past 2200, and the plan replans', async () => {
    const course = { drugCode: 'A', unitsPerPack: 100, dosePerDay: 0.5, chronic: true };
    const purchases = Array.from({ length: 150 }, (_, i) => ({
      purchase: {
        id: `H${i}`,
        customerId: 'C',
        purchasedAt: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}T${String(8 + Math.floor(i / 28)).padStart(2, '0')}:00:00+08:00`,
        items: [{ drugCode: 'A', quantity: 18 }],
      },
      courses: [course],
    }));
    const input: PlanInput = {
      customer: { id: 'C', contact: { phone: '1' } },
      purchase: {
        id: 'P',
        customerId: 'C',
        purchasedAt: '2026-03-05T10:00:00+08:00',
        items: [{ drugCode: 'A', quantity: 18 }],
      },
      courses: [course],
      history: { purchases },
    };
    const plan = await planner.plan(input);
    // Before, a refill reminder was planned for 3514-04-27.
    expect(instants(plan).every((t) => t < '2201')).toBe(true);
    expect(plan.warnings.some((w) => w.includes('after 2200-12-31'))).toBe(true);
    // The plan's contacts are a valid history of the next night's replan.
    const contacts = plan.touchpoints.map((t) => plannedContact(t, plan));
    expect(() =>
      parseReplanInput({
        customer: input.customer,
        history: { purchases: [...purchases, { purchase: input.purchase, courses: input.courses }], contacts },
        asOf: '2026-03-06T00:00:00+08:00',
      }),
    ).not.toThrow();
  });
});

describe('the oracles report, never throw', () => {
  it('checkPlanInvariants on a plan holding a date past 2200 (hand-made) reports it', async () => {
    const plan = await planner.plan(regular(1));
    const bad = {
      ...plan,
      touchpoints: plan.touchpoints.map((t) => ({ ...t, window: { ...t.window, start: '2201-01-01T09:00:00+08:00' } })),
    };
    const violations = checkPlanInvariants(bad, regular(1), planner);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations[0]?.invariant).toBe('checkable');
  });

  it('checkWorklist on a plan without policy (a 0.1 plan, which worklist takes) checks it', async () => {
    const { policy: _, ...old } = await planner.plan(regular(1));
    const options = { from: '2026-03-09', days: 7, staff: [{ id: 'S1', calls: 5 }] };
    const list = planner.worklist([old as FollowUpPlan], options);
    expect(checkWorklist(planner, [old as FollowUpPlan], options, list)).toEqual([]);
  });

  it('a throwing getter in what the oracle reads is a violation', async () => {
    const plan = await planner.plan(regular(1));
    const options = { from: '2026-03-09', days: 7, staff: [{ id: 'S1', calls: 5 }] };
    const list = planner.worklist([plan], options);
    const trap = { ...plan };
    Object.defineProperty(trap, 'touchpoints', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    expect(checkWorklist(planner, [trap], options, list)).toEqual([
      { invariant: 'checkable', message: 'the worklist could not be checked: getter' },
    ]);
    expect(checkPlanInvariants(trap, regular(1), planner)).toEqual([
      { invariant: 'checkable', message: 'the plan could not be checked: getter' },
    ]);
  });
});

describe('an input that throws while it is read is an InputError, not an error from inside zod', () => {
  const throwing = <T extends object>(value: T, key: string): T =>
    Object.defineProperty({ ...value }, key, {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
  const trap = new Proxy(
    {},
    {
      ownKeys() {
        throw new TypeError('trap');
      },
      get() {
        throw new TypeError('trap');
      },
    },
  );
  const issuesOf = async (f: () => unknown): Promise<unknown> => {
    try {
      await f();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).issues.map(({ path, message }) => ({ path, message }));
    }
    return 'no error';
  };

  it('plan, replan and worklist inputs, options and plans', async () => {
    const input = regular(1);
    expect(await issuesOf(() => planner.plan(throwing(input, 'customer')))).toEqual([
      { path: '', message: 'not plain data: reading it threw Error' },
    ]);
    expect(await issuesOf(() => planner.plan(trap as PlanInput))).toEqual([
      { path: '', message: 'not plain data: reading it threw TypeError' },
    ]);
    expect(
      await issuesOf(() =>
        planner.replan(
          throwing({ customer: input.customer, history: {}, asOf: '2026-03-10T10:00:00+08:00' }, 'history'),
        ),
      ),
    ).toEqual([{ path: '', message: 'not plain data: reading it threw Error' }]);
    const plan = await planner.plan(input);
    const options = { from: '2026-03-09', days: 7, staff: [{ id: 'S1', calls: 5 }] };
    expect(await issuesOf(() => planner.worklist([plan], throwing(options, 'staff')))).toEqual([
      { path: 'options', message: 'not plain data: reading it threw Error' },
    ]);
    expect(await issuesOf(() => planner.worklist([throwing(plan, 'touchpoints')], options))).toEqual([
      { path: 'plans[0]', message: 'not plain data: reading it threw Error' },
    ]);
    expect(await issuesOf(() => planner.worklist(trap as FollowUpPlan[], options))).toEqual([
      { path: 'plans', message: 'must be a list of plans' },
    ]);
    expect(await issuesOf(() => zhPlanner.plan(throwing(input, 'customer')))).toEqual([
      { path: '', message: '不是普通数据：读取时抛出 Error' },
    ]);
  });
});

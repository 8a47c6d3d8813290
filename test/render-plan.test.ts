/**
 * Plans that carry data only (`createPlanner({ reasons: 'data' })`, SPEC §9; issue 36 item 6) and `renderPlan`, which
 * adds the texts later: a data-only plan rendered in the planner's locale is the text plan, key for key; worklists
 * take either; a replan reports a suppression only when it tells the ERP something new (issue 33 item 8).
 */
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createPlanner,
  defaultRuleSet,
  InputError,
  renderPlan,
  RuleSetError,
  type FollowUpPlan,
  type FollowUpPlanData,
  type PlanInput,
} from '../src/index.js';
import { arbPlanInput } from '../src/testing/index.js';
import { sale } from './helpers.js';

const text = createPlanner({ ruleSet: defaultRuleSet });
const data = createPlanner({ ruleSet: defaultRuleSet, reasons: 'data' });
const zhText = createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' });
const zhData = createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN', reasons: 'data' });
/** JSON text: equal plans with their keys in the same order. */
const json = (value: unknown): string => JSON.stringify(value);
const Z = '+08:00';

/** Every text field a data-only plan must not carry. */
function texts(plan: FollowUpPlanData): string[] {
  const found: string[] = [];
  if ('warnings' in plan) found.push('warnings');
  for (const t of plan.touchpoints) if ('reasons' in t) found.push(`touchpoint ${t.id}`);
  for (const s of plan.suppressed)
    if ('reason' in s || 'reasons' in s.candidate) found.push(`suppressed ${s.candidate.id}`);
  for (const s of plan.supersedes) if ('reason' in s) found.push(`supersedes ${s.id}`);
  return found;
}

describe("createPlanner({ reasons: 'data' }) and renderPlan", () => {
  it('types a data planner’s plans as FollowUpPlanData, and a text planner’s as FollowUpPlan', () => {
    expectTypeOf(data.plan).returns.resolves.toEqualTypeOf<FollowUpPlanData>();
    expectTypeOf(data.replan).returns.resolves.toEqualTypeOf<FollowUpPlanData>();
    expectTypeOf(text.plan).returns.resolves.toEqualTypeOf<FollowUpPlan>();
    expectTypeOf(renderPlan).returns.toEqualTypeOf<FollowUpPlan>();
    expect([text.reasons, data.reasons]).toEqual(['text', 'data']);
  });

  it('gives plans without texts that render to the text plan, key for key, in both locales (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbPlanInput({ history: true }), async (input) => {
        const [t, d] = [await text.plan(input), await data.plan(input)];
        expect(texts(d)).toEqual([]);
        expect(json(d.touchpoints.map((x) => x.explanations))).toBe(json(t.touchpoints.map((x) => x.explanations)));
        expect(json(renderPlan(d, { ruleSet: defaultRuleSet }))).toBe(json(t));
        const zh = await zhData.plan(input);
        expect(json(renderPlan(zh, { ruleSet: defaultRuleSet, locale: 'zh-CN' }))).toBe(json(await zhText.plan(input)));
        // A plan with texts rendered again, in another locale: the other locale's plan.
        expect(json(renderPlan(t, { ruleSet: defaultRuleSet, locale: 'zh-CN' }))).toBe(json(await zhText.plan(input)));
      }),
      { numRuns: 150, seed: 3601 },
    );
  });

  it('reads a stored plan with a "__proto__" key as plain data: no prototype is set', async () => {
    const [input] = fc.sample(arbPlanInput(), { seed: 4, numRuns: 1 });
    const stored = JSON.parse(
      json(await data.plan(input as PlanInput)).replace('{', '{"__proto__":{"polluted":true},'),
    ) as FollowUpPlanData;
    const rendered = renderPlan(stored) as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(rendered)).toBe(Object.prototype);
    expect(rendered['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('leaves the plan given as it was', async () => {
    const [input] = fc.sample(arbPlanInput({ history: true }), { seed: 9, numRuns: 1 });
    const d = await data.plan(input as PlanInput);
    const before = json(d);
    renderPlan(d, { locale: 'zh-CN' });
    expect(json(d)).toBe(before);
  });

  it('renders a replan as the text planner gives it', async () => {
    const customer = {
      id: 'C',
      membership: { tier: 'regular' as const, registeredAt: `2021-02-10T15:00:00${Z}` },
      contact: { phone: '1' },
    };
    const bought = sale('P1', `2026-03-02T10:00:00${Z}`, 'LORA-10');
    const first = await text.plan({ customer, ...bought });
    const call = first.touchpoints[0]!;
    const history = {
      purchases: [bought],
      contacts: [{ ...call, purchaseId: 'P1', status: 'not-reached' as const, at: call.window.start }],
    };
    const input = { customer, history, asOf: call.window.end };
    const [t, d] = [await text.replan(input), await data.replan(input)];
    expect(t.touchpoints.map((x) => x.explanations[0]?.code)).toEqual(['due.retry']);
    expect(texts(d)).toEqual([]);
    expect(json(renderPlan(d, { ruleSet: defaultRuleSet }))).toBe(json(t));
  });

  it('refuses an unknown reasons option, locale or rule set with a typed error', async () => {
    expect(() => createPlanner({ ruleSet: defaultRuleSet, reasons: 'xml' as 'data' })).toThrow(InputError);
    try {
      createPlanner({ ruleSet: defaultRuleSet, reasons: 'xml' as 'data' });
    } catch (error) {
      expect((error as InputError).issues).toEqual([
        expect.objectContaining({ path: 'reasons', message: "must be one of 'text', 'data'" }),
      ]);
    }
    const [input] = fc.sample(arbPlanInput(), { seed: 2, numRuns: 1 });
    const d = await data.plan(input as PlanInput);
    expect(() => renderPlan(d, { locale: 'fr' as 'en' })).toThrow(InputError);
    expect(() => renderPlan(d, { ruleSet: { id: 'x' } as never })).toThrow(RuleSetError);
  });
});

describe('worklists from data-only plans', () => {
  const staff = [{ id: 'S1', storeId: 'A', calls: 40, visits: 8 }];

  it('lists the same contacts with the same reasons as from the text plans', async () => {
    const inputs = fc.sample(arbPlanInput({ zones: ['Asia/Shanghai'] }), { seed: 77, numRuns: 60 }).map((i) => ({
      ...i,
      purchase: { ...i.purchase, storeId: 'A', purchasedAt: `2026-03-0${1 + (i.purchase.id.length % 5)}T10:00:00${Z}` },
      asOf: undefined,
    }));
    const textPlans: FollowUpPlan[] = [];
    const dataPlans: FollowUpPlanData[] = [];
    for (const input of inputs) {
      const t = await text.plan(input as PlanInput).catch(() => undefined);
      if (t === undefined) continue;
      textPlans.push(t);
      dataPlans.push(await data.plan(input as PlanInput));
    }
    const options = { from: '2026-03-02', days: 14, staff };
    const fromText = text.worklist(textPlans, options);
    const fromData = data.worklist(dataPlans, options);
    expect(fromText.days.flatMap((d) => d.assignments).length).toBeGreaterThan(20);
    expect(json(fromData)).toBe(json(fromText));
    // Stored as JSON and read back, as an ERP would.
    expect(json(text.worklist(JSON.parse(json(dataPlans)), options))).toBe(json(fromText));
  });

  it('refuses a data-only touchpoint whose explanations are not explanations, at their path', async () => {
    const [input] = fc.sample(arbPlanInput(), { seed: 5, numRuns: 1 });
    const plan = await data.plan({ ...(input as PlanInput), asOf: undefined });
    const broken = { ...plan, touchpoints: [{ ...plan.touchpoints[0]!, explanations: [{ code: 7, params: {} }] }] };
    expect(() => data.worklist([broken as never], { from: '2026-03-02', days: 1, staff })).toThrow(InputError);
    try {
      data.worklist([broken as never], { from: '2026-03-02', days: 1, staff });
    } catch (error) {
      expect((error as InputError).issues.map((i) => i.path)).toEqual(['plans[0].touchpoints[0].explanations[0].code']);
    }
  });
});

describe('replan: a suppression is reported when it is news', () => {
  // A regular customer's LORA-10 (6 days' supply) bought Mon 03-02: its medication check is Tue 03-10 15:00; its refill
  // reminder would be due after the supply runs out.
  const customer = {
    id: 'C',
    membership: { tier: 'regular' as const, registeredAt: `2021-02-10T15:00:00${Z}` },
    contact: { phone: '1' },
  };
  const bought = sale('P1', `2026-03-02T10:00:00${Z}`, 'LORA-10');

  it('repeats nothing of a plan when nothing happened since: no touchpoint, no suppression (property)', async () => {
    let suppressedByPlans = 0;
    await fc.assert(
      fc.asyncProperty(arbPlanInput(), async (input) => {
        // Incidents of the purchase are the history's news; without them, the replan has nothing to say.
        const i = { ...input, purchase: { ...input.purchase, incidents: [] } };
        const plan = await text.plan(i);
        suppressedByPlans += plan.suppressed.length;
        const contacts = plan.touchpoints.map((t) => ({
          ...t,
          purchaseId: plan.purchaseId,
          status: 'planned' as const,
        }));
        const history = { purchases: [{ purchase: i.purchase, courses: i.courses }], contacts };
        const again = await text.replan({ customer: i.customer, history, asOf: plan.asOf });
        expect([again.touchpoints, again.suppressed, again.supersedes]).toEqual([[], [], []]);
      }),
      { numRuns: 100, seed: 3602 },
    );
    expect(suppressedByPlans).toBeGreaterThan(50);
  });

  it('says why an open contact is cancelled: an earlier call declined pauses routine calls', async () => {
    const first = await text.plan({ customer, ...bought });
    const contacts = first.touchpoints.map((t) => ({ ...t, purchaseId: 'P1', status: 'planned' as const }));
    const check = first.touchpoints.find((t) => t.purpose === 'medication-check')!;
    expect(check.window.start).toBe(`2026-03-10T15:00:00${Z}`);
    // A care call of Thu 03-05 declined when made Mon 03-09 11:00: routine calls pause 30 days; the check cannot wait
    // that long (it may start no later than Mon 03-30), so it is cancelled — and the replan says why, beside the supersede.
    const declined = {
      ...contacts[0]!,
      id: 'tp_earlier',
      purpose: 'care-call',
      ruleIds: [],
      due: `2026-03-05T15:00:00${Z}`,
      window: { start: `2026-03-05T15:00:00${Z}`, end: `2026-03-05T16:00:00${Z}` },
      status: 'declined' as const,
      at: `2026-03-09T11:00:00${Z}`,
    };
    const held = await text.replan({
      customer,
      history: { purchases: [bought], contacts: [...contacts, declined] },
      asOf: `2026-03-09T22:00:00${Z}`,
    });
    expect(held.supersedes.map((s) => s.id)).toEqual([check.id]);
    expect(held.suppressed.map((s) => [s.candidate.id, s.explanations[0]?.code])).toEqual([
      [check.id, 'suppressed.paused'],
    ]);
    expect(held.suppressed[0]!.reason).toContain('routine calls paused until Wed 04-08 11:00');
  });
});

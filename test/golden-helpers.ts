import { expect } from 'vitest';
import { createPlanner, defaultRuleSet, type FollowUpPlan, type PlanInput } from '../src/index.js';
import { customerTouchpointId, touchpointId } from '../src/plan/ids.js';
import { checkPlanInvariants } from '../src/testing/index.js';

export const planner = createPlanner({ ruleSet: defaultRuleSet });

/** A touchpoint as the tests write it: [kind, channel, urgency, purpose, due, start, end, ruleIds]. */
export type Row = [string, string, string, string, string, string, string, string[]];

/** A golden input: customer C with a phone, purchase P of one drug D (10 days' supply) on Thu 03-05 10:20, Shanghai time. */
export function goldenInput(overrides: {
  customer?: Partial<PlanInput['customer']>;
  purchase?: Partial<PlanInput['purchase']>;
  courses?: PlanInput['courses'];
  asOf?: string;
}): PlanInput {
  return {
    customer: { id: 'C', contact: { phone: '13800000000' }, ...overrides.customer },
    purchase: {
      id: 'P',
      customerId: 'C',
      purchasedAt: '2026-03-05T10:20:00+08:00',
      items: [{ drugCode: 'D', quantity: 1 }],
      ...overrides.purchase,
    },
    courses: overrides.courses ?? [{ drugCode: 'D', unitsPerPack: 10, dosePerDay: 1 }],
    ...(overrides.asOf ? { asOf: overrides.asOf } : {}),
  };
}

export async function planOf(input: PlanInput): Promise<FollowUpPlan> {
  const plan = await planner.plan(input);
  expect(checkPlanInvariants(plan, input, planner.ruleSet)).toEqual([]);
  return plan;
}

/** Whether a rule is a registration-anchored series, whose ids are the customer's (planned once per customer). */
function customerSeries(ruleId: string): boolean {
  const rule = planner.ruleSet.rules.find((r) => r.id === ruleId);
  return (
    rule?.event.type === 'cadence' &&
    (rule.event.params.anchor === 'registration' || rule.event.params.anchor === 'discharge')
  );
}

/** Asserts the whole list of touchpoints, ids included (recomputed from the purchase id — the customer id for a registration-anchored series —, kind, purpose and due). */
export function expectTouchpoints(plan: FollowUpPlan, rows: Row[]): void {
  const actual = plan.touchpoints.map((t) => ({
    id: t.id,
    kind: t.kind,
    channel: t.channel,
    urgency: t.urgency,
    purpose: t.purpose,
    due: t.due,
    window: t.window,
    ruleIds: t.ruleIds,
  }));
  const expected = rows.map(([kind, channel, urgency, purpose, due, start, end, ruleIds]) => ({
    id: customerSeries(ruleIds[0] as string)
      ? customerTouchpointId(plan.customerId, kind, purpose, due)
      : touchpointId(plan.purchaseId, kind, purpose, due),
    kind,
    channel,
    urgency,
    purpose,
    due,
    window: { start, end },
    ruleIds,
  }));
  expect(actual).toEqual(expected);
}

// A POS integration: one sale → a plan → stored for the call centre. Run: npx tsx examples/pos-integration.ts
import { createPlanner, defaultRuleSet, InputError, type FollowUpPlan, type PlanInput } from 'rx-followup';

// Created once when the POS service starts: validates and compiles the rules.
const planner = createPlanner({ ruleSet: defaultRuleSet });

// Your store: here a Map; in production a table keyed by touchpoint id (ids are stable, so upserts are safe).
const worklist = new Map<string, { customerId: string; start: string; channel: string; purpose: string }>();

async function onSale(sale: PlanInput): Promise<FollowUpPlan | undefined> {
  try {
    const plan = await planner.plan(sale);
    for (const t of plan.touchpoints) {
      worklist.set(t.id, {
        customerId: plan.customerId,
        start: t.window.start,
        channel: t.channel,
        purpose: t.purpose,
      });
    }
    return plan;
  } catch (error) {
    if (error instanceof InputError) {
      // Bad data from the till: log every problem with its path, and keep selling.
      console.error(`sale not planned:\n${error.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
      return undefined;
    }
    throw error;
  }
}

await onSale({
  customer: {
    id: 'C-1001',
    membership: { tier: 'loyal', registeredAt: '2019-05-20T10:00:00+08:00' },
    contact: { phone: '13800001001' },
  },
  purchase: {
    id: 'P-1',
    customerId: 'C-1001',
    purchasedAt: '2026-03-05T10:20:00+08:00',
    items: [{ drugCode: 'AMOX-500', quantity: 2 }],
  },
  courses: [{ drugCode: 'AMOX-500', unitsPerPack: 24, dosePerDay: 3 }],
});
await onSale({
  customer: { id: 'C-2', contact: {} },
  purchase: { id: 'P-2', customerId: 'C-2', purchasedAt: '2026-03-05 10:20', items: [] },
  courses: [],
});
for (const [id, row] of worklist)
  console.log(`${row.start}  ${row.channel.padEnd(6)} ${row.purpose.padEnd(18)} ${row.customerId}  ${id}`);

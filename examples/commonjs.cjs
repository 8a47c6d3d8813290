// CommonJS usage. Run: node examples/commonjs.cjs
const { createPlanner, defaultRuleSet, validateRuleSet } = require('rx-followup');

const check = validateRuleSet(defaultRuleSet);
console.log(`default rules valid: ${check.ok}`);

const planner = createPlanner({ ruleSet: defaultRuleSet });
planner
  .plan({
    customer: {
      id: 'C-4004',
      membership: { tier: 'regular', registeredAt: '2021-02-10T15:00:00+08:00' },
      contact: { phone: '13500004004' },
    },
    purchase: {
      id: 'P-4004-12',
      customerId: 'C-4004',
      purchasedAt: '2026-07-06T09:00:00+08:00',
      items: [{ drugCode: 'METF-500', quantity: 2 }],
    },
    courses: [{ drugCode: 'METF-500', unitsPerPack: 30, dosePerDay: 1, chronic: true }],
  })
  .then((plan) => {
    for (const t of plan.touchpoints) console.log(`${t.window.start} ${t.channel} ${t.purpose}`);
  });

// Your own rule folder: validate it, then plan with it. Run: npx tsx examples/custom-rules.ts
import { createPlanner, RuleSetError } from 'rx-followup';
import { fileURLToPath } from 'node:url';
import { loadRuleSet } from 'rx-followup/node';

const folder = fileURLToPath(new URL('./custom-rules/', import.meta.url));
try {
  const ruleSet = await loadRuleSet(folder); // every *.json in the folder, merged and validated
  const planner = createPlanner({ ruleSet });
  console.log(
    `${ruleSet.id} ${ruleSet.version}: ${ruleSet.rules.length} rules, hash ${planner.ruleSetInfo.hash.slice(0, 12)}`,
  );
  const plan = await planner.plan({
    customer: { id: 'C-7', tags: ['diabetes'], contact: { phone: '13700000007' } },
    purchase: {
      id: 'P-7',
      customerId: 'C-7',
      purchasedAt: '2026-06-01T09:00:00+08:00',
      items: [{ drugCode: 'METF-500', quantity: 1 }],
    },
    courses: [{ drugCode: 'METF-500', unitsPerPack: 60, dosePerDay: 2, chronic: true }],
  });
  for (const t of plan.touchpoints) console.log(`${t.window.start} ${t.purpose.padEnd(30)} ${t.ruleIds.join(' ')}`);
} catch (error) {
  if (error instanceof RuleSetError) for (const issue of error.issues) console.error(`${issue.path}: ${issue.message}`);
  else throw error;
  process.exitCode = 1;
}

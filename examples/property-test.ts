// Property-testing your own rules with rx-followup/testing (fast-check is an optional peer dependency).
// Run: npx tsx examples/property-test.ts
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { createPlanner } from 'rx-followup';
import { loadRuleSet } from 'rx-followup/node';
import { arbPlanInput, assertPlanInvariants } from 'rx-followup/testing';

const ruleSet = await loadRuleSet(fileURLToPath(new URL('./custom-rules/', import.meta.url)));
const planner = createPlanner({ ruleSet });
await fc.assert(
  fc.asyncProperty(arbPlanInput({ ruleSet, zones: ['Asia/Shanghai'] }), async (input) => {
    assertPlanInvariants(await planner.plan(input), input, ruleSet);
  }),
  { numRuns: 300, seed: 42 },
);
console.log('300 generated purchases: every invariant holds for my-chain rules');

/** Runs every hostile case once (in a child process started with a 256 MB heap) and prints outcome and time as JSON. */
import { createPlanner, defaultRuleSet, InputError, RuleSetError, type PlanInput, type RuleSetInput } from '../../src/index.js';
import { baseHostileInput, HOSTILE_CASES } from './hostile-cases.js';

const results: { name: string; outcome: string; expected: string; ms: number; heapMb: number }[] = [];
for (const c of HOSTILE_CASES) {
  const started = performance.now();
  let outcome = 'plan';
  try {
    const { ruleSet, input } = c.make();
    await createPlanner({ ruleSet: (ruleSet ?? defaultRuleSet) as RuleSetInput }).plan((input ?? baseHostileInput()) as PlanInput);
  } catch (error) {
    outcome = error instanceof RuleSetError || error instanceof InputError ? error.name : `untyped ${String(error)}`;
  }
  results.push({
    name: c.name,
    outcome,
    expected: c.expect,
    ms: Math.round(performance.now() - started),
    heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
  });
}
process.stdout.write(JSON.stringify(results));
